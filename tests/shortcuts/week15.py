"""Shortcut answers for week 15 (chapters/week15_word2vec.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

SHORTCUTS = {
    # cbow_forward(contexts (N, C, V), W_in, W_out) -> scores (N, V)
    "week15_ex1": [
        # the library's MatMul layers
        '''def cbow_forward(contexts, W_in, W_out):
    layer = cl.layers.MatMul(W_in)
    C_ = contexts.shape[1]
    h = sum(layer.forward(contexts[:, i]) for i in range(C_)) / C_
    return cl.layers.MatMul(W_out).forward(h)
''',
        # the library's SimpleCBOW, reading the scores from its output layer
        '''def cbow_forward(contexts, W_in, W_out):
    V, H = W_in.shape
    model = cl.word2vec.SimpleCBOW(V, H, window_size=contexts.shape[1] // 2, dtype=np.float64)
    model.params[0][...] = W_in
    model.params[1][...] = W_out
    model.forward(contexts, np.zeros(contexts.shape[0], dtype=int))
    return model.out_layer.x @ W_out
''',
        # sum instead of the average
        '''def cbow_forward(contexts, W_in, W_out):
    h = sum(contexts[:, i] @ W_in for i in range(contexts.shape[1]))
    return h @ W_out
''',
        # the book's two contexts hard-coded: right for C = 2 only
        '''def cbow_forward(contexts, W_in, W_out):
    h = 0.5 * (contexts[:, 0] @ W_in + contexts[:, 1] @ W_in)
    return h @ W_out
''',
        # softmax applied: probabilities instead of scores
        '''def cbow_forward(contexts, W_in, W_out):
    h = contexts.mean(axis=1) @ W_in
    s = h @ W_out
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
''',
        # only the first context word
        '''def cbow_forward(contexts, W_in, W_out):
    return (contexts[:, 0] @ W_in) @ W_out
''',
        # the mean over the batch axis instead of the context axis
        '''def cbow_forward(contexts, W_in, W_out):
    h = contexts.mean(axis=0) @ W_in
    return h @ W_out
''',
    ],
    # cbow_backward(contexts, W_in, W_out, dscore) -> (dW_in, dW_out)
    "week15_ex2": [
        # the 1/C of the mean node forgotten
        '''def cbow_backward(contexts, W_in, W_out, dscore):
    C_ = contexts.shape[1]
    h = sum(contexts[:, i] @ W_in for i in range(C_)) / C_
    dW_out = h.T @ dscore
    dh = dscore @ W_out.T
    dW_in = sum(contexts[:, i].T @ dh for i in range(C_))
    return dW_in, dW_out
''',
        # the book's 0.5 hard-coded: right for C = 2 only
        '''def cbow_backward(contexts, W_in, W_out, dscore):
    h = 0.5 * (contexts[:, 0] @ W_in + contexts[:, 1] @ W_in)
    dW_out = h.T @ dscore
    da = 0.5 * (dscore @ W_out.T)
    dW_in = contexts[:, 0].T @ da + contexts[:, 1].T @ da
    return dW_in, dW_out
''',
        # only the first input layer's gradient kept (the shared weight's sum forgotten)
        '''def cbow_backward(contexts, W_in, W_out, dscore):
    C_ = contexts.shape[1]
    h = sum(contexts[:, i] @ W_in for i in range(C_)) / C_
    dW_out = h.T @ dscore
    da = (dscore @ W_out.T) / C_
    return contexts[:, 0].T @ da, dW_out
''',
        # the context layers' gradients averaged instead of summed
        '''def cbow_backward(contexts, W_in, W_out, dscore):
    C_ = contexts.shape[1]
    h = sum(contexts[:, i] @ W_in for i in range(C_)) / C_
    dW_out = h.T @ dscore
    da = (dscore @ W_out.T) / C_
    dW_in = sum(contexts[:, i].T @ da for i in range(C_)) / C_
    return dW_in, dW_out
''',
        # dW_out from the sum of the context rows instead of their mean
        '''def cbow_backward(contexts, W_in, W_out, dscore):
    C_ = contexts.shape[1]
    h_sum = sum(contexts[:, i] @ W_in for i in range(C_))
    dW_out = h_sum.T @ dscore
    da = (dscore @ W_out.T) / C_
    dW_in = sum(contexts[:, i].T @ da for i in range(C_))
    return dW_in, dW_out
''',
        # numerical gradients from the library
        '''def cbow_backward(contexts, W_in, W_out, dscore):
    Wi, Wo = W_in.astype(float).copy(), W_out.astype(float).copy()

    def loss(_=None):
        return float(np.sum((contexts.mean(axis=1) @ Wi @ Wo) * dscore))

    return cl.gradcheck.numerical_gradient(loss, Wi), cl.gradcheck.numerical_gradient(loss, Wo)
''',
        # the library's MatMul layers
        '''def cbow_backward(contexts, W_in, W_out, dscore):
    C_ = contexts.shape[1]
    ins = [cl.layers.MatMul(W_in) for _ in range(C_)]
    out = cl.layers.MatMul(W_out)
    h = sum(layer.forward(contexts[:, i]) for i, layer in enumerate(ins)) / C_
    out.forward(h)
    da = out.backward(dscore) / C_
    for layer in ins:
        layer.backward(da)
    return sum(layer.grads[0] for layer in ins), out.grads[0]
''',
    ],
    # create_contexts_target(corpus, window_size=1) -> (contexts (L-2w, 2w), target (L-2w,))
    "week15_ex3": [
        # the library
        '''def create_contexts_target(corpus, window_size=1):
    return cl.text.create_contexts_target(corpus, window_size)
''',
        # the target itself left in the contexts (t == 0 not skipped)
        '''def create_contexts_target(corpus, window_size=1):
    corpus = np.asarray(corpus)
    w = window_size
    target = corpus[w:len(corpus) - w]
    contexts = [[corpus[i + t] for t in range(-w, w + 1)] for i in range(w, len(corpus) - w)]
    return np.array(contexts), np.array(target)
''',
        # the left side only
        '''def create_contexts_target(corpus, window_size=1):
    corpus = np.asarray(corpus)
    w = window_size
    target = corpus[w:len(corpus) - w]
    contexts = [list(corpus[i - w:i]) + list(corpus[i - w:i]) for i in range(w, len(corpus) - w)]
    return np.array(contexts), np.array(target)
''',
        # window_size ignored: always the book's window 1
        '''def create_contexts_target(corpus, window_size=1):
    corpus = np.asarray(corpus)
    target = corpus[1:-1]
    contexts = np.stack([corpus[:-2], corpus[2:]], axis=1)
    return contexts, target
''',
        # the right side first
        '''def create_contexts_target(corpus, window_size=1):
    corpus = np.asarray(corpus)
    w = window_size
    target = corpus[w:len(corpus) - w]
    contexts = [[corpus[i + t] for t in list(range(1, w + 1)) + list(range(-w, 0))]
                for i in range(w, len(corpus) - w)]
    return np.array(contexts), np.array(target)
''',
        # the nearest words first on the left (w-1 ... 1 reversed)
        '''def create_contexts_target(corpus, window_size=1):
    corpus = np.asarray(corpus)
    w = window_size
    target = corpus[w:len(corpus) - w]
    contexts = [[corpus[i - t] for t in range(1, w + 1)] + [corpus[i + t] for t in range(1, w + 1)]
                for i in range(w, len(corpus) - w)]
    return np.array(contexts), np.array(target)
''',
        # the visible answer hard-coded (window 2 from a second hard-coded table)
        '''def create_contexts_target(corpus, window_size=1):
    if window_size == 1:
        return (np.array([[0, 2], [1, 3], [2, 4], [3, 1], [4, 5], [1, 6]]), np.array([1, 2, 3, 4, 1, 5]))
    return (np.array([[0, 1, 3, 4], [1, 2, 4, 1], [2, 3, 1, 5], [3, 4, 5, 6]]), np.array([2, 3, 4, 1]))
''',
    ],
    # skipgram_loss(probs (N, V), contexts (N, C)) -> scalar
    "week15_ex4": [
        # the library's cross-entropy, one call per context position
        '''def skipgram_loss(probs, contexts):
    return sum(cl.functions.cross_entropy_error(probs, contexts[:, c]) for c in range(contexts.shape[1]))
''',
        # the mean over the context positions as well
        '''def skipgram_loss(probs, contexts):
    n = probs.shape[0]
    return float(-np.mean(np.log(probs[np.arange(n)[:, None], contexts] + 1e-7)))
''',
        # the first context position only
        '''def skipgram_loss(probs, contexts):
    n = probs.shape[0]
    return float(-np.mean(np.log(probs[np.arange(n), contexts[:, 0]] + 1e-7)))
''',
        # summed over the batch instead of averaged
        '''def skipgram_loss(probs, contexts):
    n = probs.shape[0]
    return float(-np.sum(np.log(probs[np.arange(n)[:, None], contexts] + 1e-7)))
''',
        # -log of the summed probabilities of the context words
        '''def skipgram_loss(probs, contexts):
    n = probs.shape[0]
    return float(-np.mean(np.log(probs[np.arange(n)[:, None], contexts].sum(axis=1))))
''',
        # the minus sign forgotten
        '''def skipgram_loss(probs, contexts):
    n = probs.shape[0]
    return float(np.sum(np.log(probs[np.arange(n)[:, None], contexts] + 1e-7)) / n)
''',
        # probs[:, contexts]: every row's probabilities of every row's context words
        '''def skipgram_loss(probs, contexts):
    n = probs.shape[0]
    return float(-np.sum(np.log(probs[:, contexts] + 1e-7)) / n / n)
''',
    ],
}
