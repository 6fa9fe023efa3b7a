"""Shortcut answers for week 16 (chapters/week16_word2vec_speedup.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # class Embedding(W): forward(idx) -> W[idx]; backward(dout) adds dout into grads[0] in place
    "week16_ex1": [
        # the book's first attempt: assignment loses the rows of repeated ids
        '''class Embedding:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.idx = None

    def forward(self, idx):
        self.idx = idx
        return self.params[0][idx]

    def backward(self, dout):
        dW, = self.grads
        dW[...] = 0
        dW[self.idx] = dout
        return None
''',
        # fancy-index += : numpy applies each repeated id once
        '''class Embedding:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.idx = None

    def forward(self, idx):
        self.idx = idx
        return self.params[0][idx]

    def backward(self, dout):
        dW, = self.grads
        dW[...] = 0
        dW[self.idx] += dout
        return None
''',
        # a loop over the first axis: right for (N,) ids, loses repeats inside a row of (N, C) ids
        '''class Embedding:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.idx = None

    def forward(self, idx):
        self.idx = np.asarray(idx)
        return self.params[0][self.idx]

    def backward(self, dout):
        dW, = self.grads
        dW[...] = 0
        for i, word_id in enumerate(self.idx):
            dW[word_id] += dout[i]
        return None
''',
        # the library's Embedding wrapped
        '''class Embedding:
    def __init__(self, W):
        self.layer = cl.layers.Embedding(W)
        self.params, self.grads = self.layer.params, self.layer.grads

    def forward(self, idx):
        return self.layer.forward(idx)

    def backward(self, dout):
        return self.layer.backward(dout)
''',
        # the library's scatter-add
        '''class Embedding:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.idx = None

    def forward(self, idx):
        self.idx = np.asarray(idx)
        return self.params[0][self.idx]

    def backward(self, dout):
        self.grads[0][...] = 0
        cl.layers.scatter_add_rows(self.grads[0], self.idx, dout)
        return None
''',
        # the gradient never reset: a second backward adds to the first one's
        '''class Embedding:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.idx = None

    def forward(self, idx):
        self.idx = np.asarray(idx)
        return self.params[0][self.idx]

    def backward(self, dout):
        np.add.at(self.grads[0], self.idx, dout)
        return None
''',
        # a new array for the gradient instead of writing into grads[0]
        '''class Embedding:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.idx = None

    def forward(self, idx):
        self.idx = np.asarray(idx)
        return self.params[0][self.idx]

    def backward(self, dout):
        dW = np.zeros_like(self.params[0])
        np.add.at(dW, self.idx, dout)
        self.grads = [dW]
        return None
''',
        # the ids kept in a module global: a second layer overwrites the first one's
        '''_embedding_ids = {}

class Embedding:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]

    def forward(self, idx):
        _embedding_ids["idx"] = np.asarray(idx)
        return self.params[0][_embedding_ids["idx"]]

    def backward(self, dout):
        self.grads[0][...] = 0
        np.add.at(self.grads[0], _embedding_ids["idx"], dout)
        return None
''',
    ],
    # class SigmoidWithLoss: forward(x (N,), t (N,)) -> mean loss; backward(dout=1) -> (y - t) * dout / N
    "week16_ex2": [
        # the library's layer wrapped
        '''class SigmoidWithLoss:
    def __init__(self):
        self.params, self.grads = [], []
        self.layer = cl.word2vec.SigmoidWithLoss()

    def forward(self, x, t):
        return self.layer.forward(x, t)

    def backward(self, dout=1):
        return self.layer.backward(dout)
''',
        # the library's sigmoid
        '''class SigmoidWithLoss:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        self.y, self.t = cl.functions.sigmoid(x), t
        return float(-np.mean(t * np.log(self.y) + (1 - t) * np.log(1 - self.y)))

    def backward(self, dout=1):
        return (self.y - self.t) * dout / len(self.t)
''',
        # the gradient not divided by N
        '''class SigmoidWithLoss:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        self.y, self.t = 1 / (1 + np.exp(-x)), t
        return float(-np.mean(t * np.log(self.y) + (1 - t) * np.log(1 - self.y)))

    def backward(self, dout=1):
        return (self.y - self.t) * dout
''',
        # dout ignored
        '''class SigmoidWithLoss:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        self.y, self.t = 1 / (1 + np.exp(-x)), t
        return float(-np.mean(t * np.log(self.y) + (1 - t) * np.log(1 - self.y)))

    def backward(self, dout=1):
        return (self.y - self.t) / len(self.t)
''',
        # the summed loss instead of the mean
        '''class SigmoidWithLoss:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        self.y, self.t = 1 / (1 + np.exp(-x)), t
        return float(-np.sum(t * np.log(self.y) + (1 - t) * np.log(1 - self.y)))

    def backward(self, dout=1):
        return (self.y - self.t) * dout / len(self.t)
''',
        # only the positive term -t log y (the negatives' term forgotten)
        '''class SigmoidWithLoss:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        self.y, self.t = 1 / (1 + np.exp(-x)), t
        return float(-np.mean(t * np.log(self.y)))

    def backward(self, dout=1):
        return (self.y - self.t) * dout / len(self.t)
''',
        # the sigmoid's derivative y (1 - y) instead of the joint layer's y - t
        '''class SigmoidWithLoss:
    def __init__(self):
        self.params, self.grads = [], []
        self.y = self.t = None

    def forward(self, x, t):
        self.y, self.t = 1 / (1 + np.exp(-x)), t
        return float(-np.mean(t * np.log(self.y) + (1 - t) * np.log(1 - self.y)))

    def backward(self, dout=1):
        return self.y * (1 - self.y) * dout / len(self.t)
''',
        # the values kept in class attributes: a second layer overwrites the first one's
        '''class SigmoidWithLoss:
    y = t = None

    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, x, t):
        SigmoidWithLoss.y, SigmoidWithLoss.t = 1 / (1 + np.exp(-x)), t
        y = SigmoidWithLoss.y
        return float(-np.mean(t * np.log(y) + (1 - t) * np.log(1 - y)))

    def backward(self, dout=1):
        return (SigmoidWithLoss.y - SigmoidWithLoss.t) * dout / len(SigmoidWithLoss.t)
''',
    ],
    # unigram_probs(corpus, power=0.75) -> (corpus.max() + 1,) probabilities
    "week16_ex3": [
        # the library's sampler
        '''def unigram_probs(corpus, power=0.75):
    return cl.word2vec.UnigramSampler(corpus, power=power).word_p
''',
        # the power ignored
        '''def unigram_probs(corpus, power=0.75):
    counts = np.bincount(np.asarray(corpus)).astype(float)
    return counts / counts.sum()
''',
        # 0.75 hard-coded
        '''def unigram_probs(corpus, power=0.75):
    p = np.bincount(np.asarray(corpus)).astype(float) ** 0.75
    return p / p.sum()
''',
        # the power applied to the probabilities without normalising again
        '''def unigram_probs(corpus, power=0.75):
    counts = np.bincount(np.asarray(corpus)).astype(float)
    return (counts / counts.sum()) ** power
''',
        # np.unique drops the ids that never appear
        '''def unigram_probs(corpus, power=0.75):
    _, counts = np.unique(np.asarray(corpus), return_counts=True)
    p = counts.astype(float) ** power
    return p / p.sum()
''',
        # normalised by the number of words instead of the sum of the powered counts
        '''def unigram_probs(corpus, power=0.75):
    counts = np.bincount(np.asarray(corpus)).astype(float)
    return counts ** power / len(corpus)
''',
    ],
    # negative_sample(target (N,), word_p (V,), sample_size, rng) -> (N, sample_size), never the target
    "week16_ex4": [
        # the target never excluded
        '''def negative_sample(target, word_p, sample_size, rng):
    return rng.choice(len(word_p), size=(len(target), sample_size), p=word_p)
''',
        # the library's sampler (its own unigram table rebuilt from word_p)
        '''def negative_sample(target, word_p, sample_size, rng):
    sampler = cl.word2vec.UnigramSampler(np.arange(len(word_p)), power=1.0, sample_size=sample_size, rng=rng)
    sampler.word_p = np.asarray(word_p, dtype=float)
    return sampler.get_negative_sample(np.asarray(target))
''',
        # the global generator instead of rng
        '''def negative_sample(target, word_p, sample_size, rng):
    out = np.empty((len(target), sample_size), dtype=np.int64)
    for i, t in enumerate(target):
        p = np.array(word_p, dtype=float)
        p[t] = 0
        out[i] = np.random.choice(len(p), size=sample_size, p=p / p.sum())
    return out
''',
        # the book's CPU code: without replacement, which changes each slot's distribution
        '''def negative_sample(target, word_p, sample_size, rng):
    out = np.empty((len(target), sample_size), dtype=np.int64)
    for i, t in enumerate(target):
        p = np.array(word_p, dtype=float)
        p[t] = 0
        out[i] = rng.choice(len(p), size=sample_size, replace=False, p=p / p.sum())
    return out
''',
        # a drawn target moved to the next word: that word gets the target's probability too
        '''def negative_sample(target, word_p, sample_size, rng):
    target = np.asarray(target)
    out = rng.choice(len(word_p), size=(len(target), sample_size), p=word_p)
    hit = out == target[:, None]
    out[hit] = (out[hit] + 1) % len(word_p)
    return out
''',
        # uniform draws over the other words: word_p ignored
        '''def negative_sample(target, word_p, sample_size, rng):
    target = np.asarray(target)
    V = len(word_p)
    out = rng.integers(0, V - 1, size=(len(target), sample_size))
    return out + (out >= target[:, None])
''',
        # the target's probability set to zero but the rest not renormalised (rng.choice refuses it)
        '''def negative_sample(target, word_p, sample_size, rng):
    out = np.empty((len(target), sample_size), dtype=np.int64)
    for i, t in enumerate(target):
        p = np.array(word_p, dtype=float)
        p[t] = 0
        out[i] = rng.choice(len(p), size=sample_size, p=p)
    return out
''',
    ],
}
