"""Shortcut answers for week 1 (chapters/week01_hello_python.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # greater_than_mean(x): elements above the overall mean, in order
    "week01_ex1": [
        # >= keeps the elements equal to the mean
        '''def greater_than_mean(x):
    return x[x >= x.mean()]
''',
        # the median instead of the mean
        '''def greater_than_mean(x):
    return x[x > np.median(x)]
''',
        # a plain list instead of an array
        '''def greater_than_mean(x):
    m = x.mean()
    return [v for v in x.ravel().tolist() if v > m]
''',
        # np.unique sorts and drops repeated values
        '''def greater_than_mean(x):
    return np.unique(x[x > x.mean()])
''',
        # repeated values dropped, order kept: only the hidden input with repeats notices
        '''def greater_than_mean(x):
    above = x[x > x.mean()]
    _, first = np.unique(above, return_index=True)
    return above[np.sort(first)]
''',
        # each row compared with its own mean
        '''def greater_than_mean(x):
    return x[x > x.mean(axis=-1, keepdims=True)]
''',
        # the visible examples hard-coded, everything else sorted
        '''def greater_than_mean(x):
    known = {(3, 8, 1, 9, 4): [8, 9], (1, 2, 3): [3], (1, 2, 3, 10): [10], (5.0, 5.0, 5.0): [],
             (51, 55, 14, 19, 0, 4): [51, 55]}
    key = tuple(np.ravel(x).tolist())
    if key in known:
        return np.array(known[key])
    return np.sort(x[x > x.mean()])
''',
    ],
    # standardize_columns(X): (X - column mean) / column std
    "week01_ex2": [
        # sample standard deviation (ddof=1) instead of np.std's default
        '''def standardize_columns(X):
    return (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
''',
        # one mean and one std for the whole matrix
        '''def standardize_columns(X):
    return (X - X.mean()) / X.std()
''',
        # rows instead of columns
        '''def standardize_columns(X):
    return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
''',
        # the input modified in place
        '''def standardize_columns(X):
    X -= X.mean(axis=0)
    X /= X.std(axis=0)
    return X
''',
        # centring only
        '''def standardize_columns(X):
    return X - X.mean(axis=0)
''',
        # the result keeps the input's dtype: integer input is truncated (hidden test)
        '''def standardize_columns(X):
    Z = np.empty_like(X)
    Z[...] = (X - X.mean(axis=0)) / X.std(axis=0)
    return Z
''',
    ],
    # RunningMean: count and mean of every value added
    "week01_ex3": [
        # class variables: every instance shares one count and total
        '''class RunningMean:
    count = 0
    total = 0.0

    def add(self, value):
        RunningMean.count += 1
        RunningMean.total += float(value)

    def mean(self):
        return RunningMean.total / RunningMean.count if RunningMean.count else 0.0
''',
        # a mutable default argument: one list shared by the instances
        '''class RunningMean:
    def __init__(self, values=[]):
        self.values = values
        self.count = 0

    def add(self, value):
        self.values.append(float(value))
        self.count += 1

    def mean(self):
        return sum(self.values) / len(self.values) if self.values else 0.0
''',
        # an exponential moving average instead of the mean
        '''class RunningMean:
    def __init__(self):
        self.count = 0
        self.m = 0.0

    def add(self, value):
        self.count += 1
        self.m = float(value) if self.count == 1 else 0.9 * self.m + 0.1 * float(value)

    def mean(self):
        return self.m
''',
        # only the last 1,000 values (the visible test adds exactly 1,000)
        '''class RunningMean:
    def __init__(self):
        self.count = 0
        self.values = []

    def add(self, value):
        self.count += 1
        self.values = (self.values + [float(value)])[-1000:]

    def mean(self):
        return sum(self.values) / len(self.values) if self.values else 0.0
''',
        # values truncated to integers
        '''class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0

    def add(self, value):
        self.count += 1
        self.total += int(value)

    def mean(self):
        return self.total / self.count if self.count else 0.0
''',
    ],
}
