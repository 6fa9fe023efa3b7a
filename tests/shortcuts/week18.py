"""Shortcut answers for week 18 (chapters/week18_gated_rnn.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work would try it. tests/test_exercises.py runs each one in place
of the instructor's answer, then the graded test cell (hidden tests included), and
requires that cell to fail.
"""

SHORTCUTS = {
    # gradient clipping by the joint norm, in place
    "week18_ex1": [
        # the library's clip_grads
        '''def my_clip_grads(grads, max_norm):
    return cl.training.clip_grads(grads, max_norm)
''',
        # the same, imported under another name
        '''from course_lib.training import clip_grads as _clip


def my_clip_grads(grads, max_norm):
    return _clip(grads, max_norm)
''',
        # per-array clipping: each array scaled by its own norm
        '''def my_clip_grads(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    for g in grads:
        norm = np.sqrt(np.sum(g ** 2))
        rate = max_norm / (norm + 1e-6)
        if rate < 1:
            g *= rate
    return total
''',
        # per-array clipping with np.clip on every element
        '''def my_clip_grads(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    for g in grads:
        np.clip(g, -max_norm, max_norm, out=g)
    return total
''',
        # not in place: new arrays put into the list
        '''def my_clip_grads(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    rate = max_norm / (total + 1e-6)
    if rate < 1:
        for j, g in enumerate(grads):
            grads[j] = g * rate
    return total
''',
        # the norm after clipping is returned
        '''def my_clip_grads(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    rate = max_norm / (total + 1e-6)
    if rate < 1:
        for g in grads:
            g *= rate
    return float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
''',
        # always rescaled to max_norm, also when the norm is already small
        '''def my_clip_grads(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    for g in grads:
        g *= max_norm / (total + 1e-6)
    return total
''',
        # max_norm ignored: the visible test's 1.0 hard-coded
        '''def my_clip_grads(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g ** 2) for g in grads)))
    rate = 1.0 / (total + 1e-6)
    if rate < 1:
        for g in grads:
            g *= rate
    return total
''',
    ],
    # one LSTM step from per-gate weights
    "week18_ex2": [
        # weights stacked and handed to the library's LSTM
        '''def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    cat = lambda d, axis: np.concatenate([d[k] for k in "fiog"], axis=axis)
    return cl.time_layers.LSTM(cat(Wx, 1), cat(Wh, 1), cat(b, 0)).forward(x, h_prev, c_prev)
''',
        # the library's TimeLSTM over one time step
        '''from course_lib.time_layers import TimeLSTM as _TL


def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    cat = lambda d, axis: np.concatenate([d[k] for k in "fiog"], axis=axis)
    layer = _TL(cat(Wx, 1), cat(Wh, 1), cat(b, 0), stateful=True)
    layer.set_state(h_prev, c_prev)
    hs = layer.forward(x[:, None, :])
    return hs[:, 0, :], layer.c
''',
        # the notebook's own MyLSTM from section 6.3
        '''def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    cat = lambda d, axis: np.concatenate([d[k] for k in "fiog"], axis=axis)
    return MyLSTM(cat(Wx, 1), cat(Wh, 1), cat(b, 0)).forward(x, h_prev, c_prev)
''',
        # c_prev ignored (assumed zero)
        '''def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    s = lambda a: 1 / (1 + np.exp(-a))
    pre = {k: x @ Wx[k] + h_prev @ Wh[k] + b[k] for k in "fiog"}
    c_next = np.tanh(pre["g"]) * s(pre["i"])
    return s(pre["o"]) * np.tanh(c_next), c_next
''',
        # the output gate left out
        '''def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
    s = lambda a: 1 / (1 + np.exp(-a))
    pre = {k: x @ Wx[k] + h_prev @ Wh[k] + b[k] for k in "fiog"}
    c_next = s(pre["f"]) * c_prev + np.tanh(pre["g"]) * s(pre["i"])
    return np.tanh(c_next), c_next
''',
    ],
    # parameter counts of RNN, LSTM and GRU layers
    "week18_ex3": [
        # a library layer built and counted
        '''def count_params(kind, D, H):
    cls = {"rnn": cl.time_layers.TimeRNN, "lstm": cl.time_layers.TimeLSTM, "gru": cl.time_layers.TimeGRU}[kind]
    k = {"rnn": 1, "lstm": 4, "gru": 3}[kind]
    layer = cls(np.zeros((D, k * H)), np.zeros((H, k * H)), np.zeros(k * H))
    return sum(p.size for p in layer.params)
''',
        # the visible answers hard-coded
        '''def count_params(kind, D, H):
    table = {(100, 100): {"rnn": 20100, "lstm": 80400, "gru": 60300},
             (650, 650): {"rnn": 845650, "lstm": 3382600, "gru": 2536950},
             (3, 7): {"rnn": 77, "lstm": 308, "gru": 231}}
    return table.get((D, H), {}).get(kind, 0)
''',
        # D assumed equal to H (true for every book model)
        '''def count_params(kind, D, H):
    k = {"rnn": 1, "lstm": 4, "gru": 3}[kind]
    return k * (2 * H * H + H)
''',
        # the bias forgotten
        '''def count_params(kind, D, H):
    k = {"rnn": 1, "lstm": 4, "gru": 3}[kind]
    return k * (D * H + H * H)
''',
    ],
    # backward of one GRU step
    "week18_ex4": [
        # the library's GRU does the backward pass
        '''def gru_step_backward(x, h_prev, Wx, Wh, b, dh_next):
    layer = cl.time_layers.GRU(Wx, Wh, b)
    layer.forward(x, h_prev)
    dx, dh_prev = layer.backward(dh_next)
    dWx, dWh, db = (g.copy() for g in layer.grads)
    return dx, dh_prev, dWx, dWh, db
''',
        # the library's TimeGRU over one time step, imported under another name
        '''from course_lib.time_layers import TimeGRU as _TG


def gru_step_backward(x, h_prev, Wx, Wh, b, dh_next):
    layer = _TG(Wx, Wh, b, stateful=True)
    layer.set_state(h_prev)
    layer.forward(x[:, None, :])
    dxs = layer.backward(dh_next[:, None, :])
    dWx, dWh, db = (g.copy() for g in layer.grads)
    return dxs[:, 0, :], layer.dh, dWx, dWh, db
''',
        # numerical gradients of the notebook's my_gru_step with the library's helper
        '''def gru_step_backward(x, h_prev, Wx, Wh, b, dh_next):
    args = [a.astype(float).copy() for a in (x, h_prev, Wx, Wh, b)]
    loss = lambda _=None: float(np.sum(my_gru_step(*args) * dh_next))
    return tuple(cl.gradcheck.numerical_gradient(loss, a, h=1e-5) for a in args)
''',
        # numerical gradients written in NumPy (no library call at all)
        '''def gru_step_backward(x, h_prev, Wx, Wh, b, dh_next):
    args = [a.astype(float).copy() for a in (x, h_prev, Wx, Wh, b)]

    def loss():
        x_, h_, Wx_, Wh_, b_ = args
        H = h_.shape[1]
        s = lambda a: 1 / (1 + np.exp(-a))
        z = s(x_ @ Wx_[:, :H] + h_ @ Wh_[:, :H] + b_[:H])
        r = s(x_ @ Wx_[:, H:2 * H] + h_ @ Wh_[:, H:2 * H] + b_[H:2 * H])
        hh = np.tanh(x_ @ Wx_[:, 2 * H:] + (r * h_) @ Wh_[:, 2 * H:] + b_[2 * H:])
        return float(np.sum(((1 - z) * h_ + z * hh) * dh_next))

    grads = []
    for a in args:
        g = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            old = a[idx]
            a[idx] = old + 1e-5
            up = loss()
            a[idx] = old - 1e-5
            down = loss()
            a[idx] = old
            g[idx] = (up - down) / 2e-5
        grads.append(g)
    return tuple(grads)
''',
        # h_prev instead of r * h_prev in the candidate's Wh gradient, and the direct path missing
        '''def gru_step_backward(x, h_prev, Wx, Wh, b, dh_next):
    H = h_prev.shape[1]
    s = lambda a: 1 / (1 + np.exp(-a))
    z = s(x @ Wx[:, :H] + h_prev @ Wh[:, :H] + b[:H])
    r = s(x @ Wx[:, H:2 * H] + h_prev @ Wh[:, H:2 * H] + b[H:2 * H])
    h_hat = np.tanh(x @ Wx[:, 2 * H:] + (r * h_prev) @ Wh[:, 2 * H:] + b[2 * H:])
    da_hat = dh_next * z * (1 - h_hat ** 2)
    d_rh = da_hat @ Wh[:, 2 * H:].T
    da_z = dh_next * (h_hat - h_prev) * z * (1 - z)
    da_r = d_rh * h_prev * r * (1 - r)
    dA = np.hstack((da_z, da_r, da_hat))
    dh_prev = d_rh * r + da_z @ Wh[:, :H].T + da_r @ Wh[:, H:2 * H].T
    return dA @ Wx.T, dh_prev, x.T @ dA, h_prev.T @ dA, dA.sum(axis=0)
''',
    ],
    # padding to a fixed length, written from scratch
    "week18_ex5": [
        # the library's pad_sequences
        '''def pad(seqs, maxlen, padding="pre", truncating="pre"):
    return cl.datasets.pad_sequences(seqs, maxlen, padding=padding, truncating=truncating)[0]
''',
        # the same, imported under another name
        '''from course_lib.datasets.padding import pad_sequences as _ps


def pad(seqs, maxlen, padding="pre", truncating="pre"):
    X, _ = _ps(seqs, maxlen, padding=padding, truncating=truncating)
    return X
''',
        # truncating ignored: always keeps the last maxlen ids
        '''def pad(seqs, maxlen, padding="pre", truncating="pre"):
    X = np.zeros((len(seqs), maxlen), dtype=np.int64)
    for n, s in enumerate(seqs):
        s = list(s)[-maxlen:]
        if not s:
            continue
        if padding == "pre":
            X[n, maxlen - len(s):] = s
        else:
            X[n, :len(s)] = s
    return X
''',
        # truncation from the wrong side: 'pre' keeps the first ids
        '''def pad(seqs, maxlen, padding="pre", truncating="pre"):
    X = np.zeros((len(seqs), maxlen), dtype=np.int64)
    for n, s in enumerate(seqs):
        s = list(s)
        s = s[:maxlen] if truncating == "pre" else s[-maxlen:]
        if not s:
            continue
        if padding == "pre":
            X[n, maxlen - len(s):] = s
        else:
            X[n, :len(s)] = s
    return X
''',
        # padding ignored: always pads in front
        '''def pad(seqs, maxlen, padding="pre", truncating="pre"):
    X = np.zeros((len(seqs), maxlen), dtype=np.int64)
    for n, s in enumerate(seqs):
        s = list(s)
        s = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        if s:
            X[n, maxlen - len(s):] = s
    return X
''',
        # the visible answers hard-coded
        '''def pad(seqs, maxlen, padding="pre", truncating="pre"):
    table = {("pre", "pre"): [[0, 5, 6, 7], [0, 0, 0, 8], [11, 12, 13, 14]],
             ("pre", "post"): [[0, 5, 6, 7], [0, 0, 0, 8], [9, 10, 11, 12]],
             ("post", "pre"): [[5, 6, 7, 0], [8, 0, 0, 0], [11, 12, 13, 14]],
             ("post", "post"): [[5, 6, 7, 0], [8, 0, 0, 0], [9, 10, 11, 12]]}
    return np.array(table[(padding, truncating)])
''',
        # the pad value is <unk> (1) instead of <pad> (0)
        '''def pad(seqs, maxlen, padding="pre", truncating="pre"):
    X = np.ones((len(seqs), maxlen), dtype=np.int64)
    for n, s in enumerate(seqs):
        s = list(s)
        s = s[-maxlen:] if truncating == "pre" else s[:maxlen]
        if not s:
            continue
        if padding == "pre":
            X[n, maxlen - len(s):] = s
        else:
            X[n, :len(s)] = s
    return X
''',
        # maxlen ignored: padded to the longest sequence, never truncated
        '''def pad(seqs, maxlen, padding="pre", truncating="pre"):
    T = max(len(s) for s in seqs)
    X = np.zeros((len(seqs), T), dtype=np.int64)
    for n, s in enumerate(seqs):
        s = list(s)
        if not s:
            continue
        if padding == "pre":
            X[n, T - len(s):] = s
        else:
            X[n, :len(s)] = s
    return X
''',
    ],
    # the hidden state at each sentence's true end
    "week18_ex6": [
        # the last column, whatever the lengths
        '''def last_state(hs, lengths):
    return hs[:, -1]
''',
        # mean pooling over all time steps
        '''def last_state(hs, lengths):
    return hs.mean(axis=1)
''',
        # mean pooling over each sentence's real steps
        '''def last_state(hs, lengths):
    lengths = np.asarray(lengths)
    mask = np.arange(hs.shape[1])[None, :] < lengths[:, None]
    return (hs * mask[:, :, None]).sum(axis=1) / np.maximum(lengths, 1)[:, None]
''',
        # max pooling
        '''def last_state(hs, lengths):
    return hs.max(axis=1)
''',
        # lengths - 1 used as an index as it is: length 0 reads the last column
        '''def last_state(hs, lengths):
    return hs[np.arange(hs.shape[0]), np.asarray(lengths) - 1]
''',
        # off by one: the state after one pad
        '''def last_state(hs, lengths):
    steps = np.minimum(np.asarray(lengths), hs.shape[1] - 1)
    return hs[np.arange(hs.shape[0]), steps]
''',
        # the wrong fancy index: (N, N, H) instead of (N, H)
        '''def last_state(hs, lengths):
    return hs[:, np.maximum(np.asarray(lengths) - 1, 0)]
''',
        # the library model's own reader
        '''def last_state(hs, lengths):
    N, T, H = hs.shape
    reader = cl.models.SentimentLSTM(2, 1, H, read="mask")
    h, _ = reader._read_state(hs, lengths)
    return h
''',
    ],
    # a vocabulary from training sentences
    "week18_ex7": [
        # the library's WordVocab
        '''def build_vocab(sentences, min_count):
    return cl.datasets.WordVocab.build(sentences, min_count=min_count).id_to_word
''',
        # min_count ignored
        '''def build_vocab(sentences, min_count):
    counts = {}
    for s in sentences:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    return ["<pad>", "<unk>"] + sorted(counts, key=lambda w: -counts[w])
''',
        # "more than" min_count instead of "at least"
        '''def build_vocab(sentences, min_count):
    counts = {}
    for s in sentences:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    return ["<pad>", "<unk>"] + sorted((w for w in counts if counts[w] > min_count), key=lambda w: -counts[w])
''',
        # ties broken alphabetically
        '''def build_vocab(sentences, min_count):
    counts = {}
    for s in sentences:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    return ["<pad>", "<unk>"] + sorted((w for w in counts if counts[w] >= min_count), key=lambda w: (-counts[w], w))
''',
        # sentences counted, not tokens (a word repeated in one sentence counts once)
        '''def build_vocab(sentences, min_count):
    counts = {}
    for s in sentences:
        for w in dict.fromkeys(s):
            counts[w] = counts.get(w, 0) + 1
    return ["<pad>", "<unk>"] + sorted((w for w in counts if counts[w] >= min_count), key=lambda w: -counts[w])
''',
        # order of first appearance only (frequencies ignored)
        '''def build_vocab(sentences, min_count):
    counts = {}
    for s in sentences:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    return ["<pad>", "<unk>"] + [w for w in counts if counts[w] >= min_count]
''',
        # the special tokens left out
        '''def build_vocab(sentences, min_count):
    counts = {}
    for s in sentences:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    return sorted((w for w in counts if counts[w] >= min_count), key=lambda w: -counts[w])
''',
        # the special tokens swapped
        '''def build_vocab(sentences, min_count):
    counts = {}
    for s in sentences:
        for w in s:
            counts[w] = counts.get(w, 0) + 1
    return ["<unk>", "<pad>"] + sorted((w for w in counts if counts[w] >= min_count), key=lambda w: -counts[w])
''',
    ],
}
