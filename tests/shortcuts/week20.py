"""Shortcut answers for week 20 (attention): each must FAIL its graded test cell.

Written as a lazy student would try them: the library layers the exercise rules out
(``cl.attention.Attention``, ``AttentionWeight``/``WeightSum``, ``TimeAttention``,
``cl.models.seq2seq.padding_mask``), masking left to the library, a softmax that
ignores the mask or is renormalised after it, mean pooling instead of attention, a
mask that also hides the spaces inside a sentence, and similar near misses.
The keys are the answer cells' grade ids; each source replaces the whole answer cell.
"""

SHORTCUTS = {
    "week20_ex1": [
        # the library's Attention layer
        '''
def dot_attention(hs, h):
    layer = cl.attention.Attention()
    c = layer.forward(hs, h)
    return layer.attention_weight, c
''',
        # the two library layers the book builds Attention from
        '''
def dot_attention(hs, h):
    a = cl.attention.AttentionWeight().forward(hs, h)
    return a, cl.attention.WeightSum().forward(hs, a)
''',
        # TimeAttention with a single query
        '''
def dot_attention(hs, h):
    layer = cl.attention.TimeAttention()
    c = layer.forward(hs, h[:, None, :])
    return layer.attention_weights[:, 0], c[:, 0]
''',
        # softmax without the max subtraction
        '''
def dot_attention(hs, h):
    e = np.exp(np.einsum("nth,nh->nt", hs, h))
    a = e / e.sum(axis=1, keepdims=True)
    return a, np.einsum("nt,nth->nh", a, hs)
''',
        # softmax over the wrong axis
        '''
def dot_attention(hs, h):
    s = np.einsum("nth,nh->nt", hs, h)
    e = np.exp(s - s.max(axis=0, keepdims=True))
    a = e / e.sum(axis=0, keepdims=True)
    return a, np.einsum("nt,nth->nh", a, hs)
''',
        # mean pooling: the query is ignored
        '''
def dot_attention(hs, h):
    N, T, H = hs.shape
    a = np.full((N, T), 1.0 / T)
    return a, hs.mean(axis=1)
''',
    ],
    "week20_ex2": [
        # the library's masked attention weights (hs = identity trick)
        '''
def masked_softmax(scores, mask):
    N, T = scores.shape
    eye = np.broadcast_to(np.eye(T), (N, T, T))
    return cl.attention.AttentionWeight().forward(eye, scores, mask)
''',
        # the library's private helper
        '''
def masked_softmax(scores, mask):
    return cl.attention._masked_softmax(np.asarray(scores)[:, None, :], mask)[:, 0]
''',
        # the library softmax with the mask applied by the student
        '''
def masked_softmax(scores, mask):
    return cl.functions.softmax(np.where(mask, scores, -np.inf))
''',
        # softmax first, then zero the hidden positions and renormalise
        '''
def masked_softmax(scores, mask):
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    w = e / e.sum(axis=1, keepdims=True) * mask
    return w / w.sum(axis=1, keepdims=True)
''',
        # hidden positions zeroed but not renormalised
        '''
def masked_softmax(scores, mask):
    s = np.where(mask, scores, -np.inf)
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / np.exp(scores - s.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True)
''',
        # the mask is ignored
        '''
def masked_softmax(scores, mask):
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
''',
    ],
    "week20_ex3": [
        # the library's padding_mask
        '''
def padding_mask(xs, pad_id):
    return cl.models.seq2seq.padding_mask(xs, pad_id)
''',
        # every pad id is hidden, also the spaces inside a sentence
        '''
def padding_mask(xs, pad_id):
    return np.asarray(xs) != pad_id
''',
        # trailing padding only (fails on reversed input)
        '''
def padding_mask(xs, pad_id):
    real = np.asarray(xs) != pad_id
    return np.logical_or.accumulate(real[:, ::-1], axis=1)[:, ::-1]
''',
        # everything after the first pad id is hidden
        '''
def padding_mask(xs, pad_id):
    pad = np.asarray(xs) == pad_id
    return ~np.logical_or.accumulate(pad, axis=1)
''',
    ],
    "week20_ex4": [
        # the library's TimeAttention
        '''
def time_attention(enc_hs, dec_hs, mask=None):
    layer = cl.attention.TimeAttention()
    c = layer.forward(enc_hs, dec_hs, mask)
    return layer.attention_weights, c
''',
        # the library's Attention, one query at a time
        '''
def time_attention(enc_hs, dec_hs, mask=None):
    a_list, c_list = [], []
    for q in range(dec_hs.shape[1]):
        layer = cl.attention.Attention()
        c_list.append(layer.forward(enc_hs, dec_hs[:, q], mask))
        a_list.append(layer.attention_weight)
    return np.stack(a_list, axis=1), np.stack(c_list, axis=1)
''',
        # the mask is ignored
        '''
def time_attention(enc_hs, dec_hs, mask=None):
    s = dec_hs @ enc_hs.transpose(0, 2, 1)
    e = np.exp(s - s.max(axis=2, keepdims=True))
    a = e / e.sum(axis=2, keepdims=True)
    return a, a @ enc_hs
''',
        # softmax first, then the mask and a renormalisation
        '''
def time_attention(enc_hs, dec_hs, mask=None):
    s = dec_hs @ enc_hs.transpose(0, 2, 1)
    e = np.exp(s - s.max(axis=2, keepdims=True))
    a = e / e.sum(axis=2, keepdims=True)
    if mask is not None:
        a = a * np.asarray(mask)[:, None, :]
        a = a / a.sum(axis=2, keepdims=True)
    return a, a @ enc_hs
''',
        # only the last decoder step, copied to every query
        '''
def time_attention(enc_hs, dec_hs, mask=None):
    s = np.einsum("nth,nh->nt", enc_hs, dec_hs[:, -1])
    if mask is not None:
        s = np.where(mask, s, -np.inf)
    e = np.exp(s - s.max(axis=1, keepdims=True))
    a = e / e.sum(axis=1, keepdims=True)
    Q = dec_hs.shape[1]
    a = np.repeat(a[:, None, :], Q, axis=1)
    return a, a @ enc_hs
''',
    ],
}
