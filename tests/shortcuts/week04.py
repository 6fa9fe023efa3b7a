"""Shortcut answers for week 4 (chapters/week04_neural_network_learning.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # cross_entropy_error_label(y, t): mean cross-entropy with integer labels, NumPy only
    "week04_ex1": [
        # the library's loss, which takes integer labels too
        '''def cross_entropy_error_label(y, t):
    return cl.functions.cross_entropy_error(y, t)
''',
        # the same function imported under another name
        '''from course_lib.functions import cross_entropy_error as _cee

def cross_entropy_error_label(y, t):
    return _cee(y, t)
''',
        # the library's softmax-cross-entropy on log-probabilities
        '''def cross_entropy_error_label(y, t):
    return cl.functions.softmax_cross_entropy(np.log(y + 1e-7), t)[0]
''',
        # labels turned into one-hot, then the notebook's one-hot version
        '''def cross_entropy_error_label(y, t):
    return cross_entropy_error_onehot(y, np.eye(y.shape[1])[t])
''',
        # the notebook's single-sample function on the whole batch, divided by N
        '''def cross_entropy_error_label(y, t):
    return cross_entropy_error(y, np.eye(y.shape[1])[t]) / y.shape[0]
''',
        # a sum instead of the mean
        '''def cross_entropy_error_label(y, t):
    return -np.sum(np.log(y[np.arange(y.shape[0]), t] + 1e-7))
''',
    ],
    # my_numerical_gradient(f, x, h=1e-4): central differences, the given h
    "week04_ex2": [
        # the library's numerical gradient
        '''def my_numerical_gradient(f, x, h=1e-4):
    return cl.gradcheck.numerical_gradient(f, x, h)
''',
        # the library's numerical_diff, one variable at a time
        '''def my_numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        def g(v, i=i):
            z = x.copy()
            z[i] = v
            return f(z)
        grad[i] = cl.gradcheck.numerical_diff(g, x[i], h)
    return grad
''',
        # h ignored: always 1e-4 (the book's value)
        '''def my_numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        original = x[i]
        x[i] = original + 1e-4
        f_plus = f(x)
        x[i] = original - 1e-4
        f_minus = f(x)
        x[i] = original
        grad[i] = (f_plus - f_minus) / 2e-4
    return grad
''',
        # the notebook's numerical_diff (fixed h) on a one-variable function per element
        '''def my_numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        def g(v, i=i):
            z = x.copy()
            z[i] = v
            return f(z)
        grad[i] = numerical_diff(g, x[i])
    return grad
''',
        # a forward difference
        '''def my_numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    fx = f(x)
    for i in range(x.size):
        original = x[i]
        x[i] = original + h
        grad[i] = (f(x) - fx) / h
        x[i] = original
    return grad
''',
        # x left perturbed
        '''def my_numerical_gradient(f, x, h=1e-4):
    grad = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        original = x[i]
        x[i] = original + h
        f_plus = f(x)
        x[i] = original - h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad
''',
    ],
    # gradient_descent(f, init_x, lr, step_num): the book's loop with the notebook's numerical_gradient
    "week04_ex3": [
        # the notebook's own gradient descent, written before the exercise
        '''def gradient_descent(f, init_x, lr=0.01, step_num=100):
    return gradient_descent_with_history(f, init_x, lr, step_num)[0]
''',
        # the library's numerical gradient inside the loop
        '''def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    for _ in range(step_num):
        x -= lr * cl.gradcheck.numerical_gradient(f, x)
    return x
''',
        # the library's SGD optimizer does the update
        '''def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    opt = cl.optimizers.SGD(lr=lr)
    for _ in range(step_num):
        opt.update([x], [numerical_gradient(f, x)])
    return x
''',
        # the closed form of f = x0**2 + x1**2 (the visible example) for every f
        '''def gradient_descent(f, init_x, lr=0.01, step_num=100):
    return (1 - 2 * lr) ** step_num * np.array(init_x, dtype=float)
''',
        # lr ignored (the visible example's 0.1)
        '''def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = np.array(init_x, dtype=float)
    for _ in range(step_num):
        x -= 0.1 * numerical_gradient(f, x)
    return x
''',
        # init_x updated in place
        '''def gradient_descent(f, init_x, lr=0.01, step_num=100):
    x = init_x
    for _ in range(step_num):
        x -= lr * numerical_gradient(f, x)
    return x
''',
    ],
}
