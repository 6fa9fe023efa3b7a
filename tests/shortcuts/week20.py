"""Shortcut answers for week 20 (attention): each must FAIL its graded test cell.

Written as a lazy student would try them: the library layers the exercise rules out
(``cl.attention.WeightSum``/``AttentionWeight``/``Attention``/``TimeAttention``,
``cl.models.seq2seq.AttentionDecoder``, ``cl.models.seq2seq.padding_mask``), wrapped or
subclassed; backward passes that forget one of their two gradients or the softmax's
backward; sums over the wrong axis; shapes hard-coded from the visible test; a
decoder without attention (the encoder's last state or the mean of its states as the
context), with the context in the wrong place or without the encoder's initial state;
masking left to the library, a softmax that ignores the mask or is renormalised after
it, mean pooling instead of attention, a mask that also hides the spaces inside a
sentence, and similar near misses.
The keys are the answer cells' grade ids; each source replaces the whole answer cell.
"""

SHORTCUTS = {
    "week20_ex1": [
        # subclassing the library layer
        """
class WeightSum(cl.attention.WeightSum):
    pass
""",
        # wrapping the library layer
        """
class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []
        self.layer = cl.attention.WeightSum()

    def forward(self, hs, a):
        return self.layer.forward(hs, a)

    def backward(self, dc):
        return self.layer.backward(dc)
""",
        # the library's Attention pieces reached through another layer
        """
class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []
        self.layer = cl.attention.Attention()

    def forward(self, hs, a):
        return self.layer.sum_layer.forward(hs, a)

    def backward(self, dc):
        return self.layer.sum_layer.backward(dc)
""",
        # backward forgets the da term
        """
class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, a):
        self.cache = (hs, a)
        return (hs * a[:, :, None]).sum(axis=1)

    def backward(self, dc):
        hs, a = self.cache
        return a[:, :, None] * dc[:, None, :], np.zeros_like(a)
""",
        # backward forgets the dhs term
        """
class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, a):
        self.cache = (hs, a)
        return (hs * a[:, :, None]).sum(axis=1)

    def backward(self, dc):
        hs, a = self.cache
        return np.zeros_like(hs), (hs * dc[:, None, :]).sum(axis=2)
""",
        # backward returns only dhs
        """
class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, a):
        self.cache = (hs, a)
        return (hs * a[:, :, None]).sum(axis=1)

    def backward(self, dc):
        hs, a = self.cache
        return a[:, :, None] * dc[:, None, :]
""",
        # forward sums over the wrong axis (H instead of T)
        """
class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, a):
        self.cache = (hs, a)
        return (hs * a[:, :, None]).sum(axis=2)

    def backward(self, dc):
        hs, a = self.cache
        return a[:, :, None] * dc[:, :, None], hs.sum(axis=2) * dc
""",
        # da summed over the wrong axis (T instead of H)
        """
class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, a):
        self.cache = (hs, a)
        return (hs * a[:, :, None]).sum(axis=1)

    def backward(self, dc):
        hs, a = self.cache
        return a[:, :, None] * dc[:, None, :], (hs * dc[:, None, :]).sum(axis=1)
""",
        # the shapes of the visible test hard-coded
        """
class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, a):
        ar = a.reshape(3, 4, 1).repeat(2, axis=2)
        self.cache = (hs, ar)
        return (hs * ar).sum(axis=1)

    def backward(self, dc):
        hs, ar = self.cache
        dt = dc.reshape(3, 1, 2).repeat(4, axis=1)
        return dt * ar, (dt * hs).sum(axis=2)
""",
        # the cache in a global: a second layer overwrites the first one's inputs
        """
_ws_cache = {}


class WeightSum:
    def __init__(self):
        self.params, self.grads = [], []

    def forward(self, hs, a):
        _ws_cache["hs"], _ws_cache["a"] = hs, a
        return (hs * a[:, :, None]).sum(axis=1)

    def backward(self, dc):
        hs, a = _ws_cache["hs"], _ws_cache["a"]
        return a[:, :, None] * dc[:, None, :], (hs * dc[:, None, :]).sum(axis=2)
""",
    ],
    "week20_ex2": [
        # subclassing the library layer
        """
class AttentionWeight(cl.attention.AttentionWeight):
    pass
""",
        # wrapping the library layer
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.layer = cl.attention.AttentionWeight()

    def forward(self, hs, h):
        return self.layer.forward(hs, h)

    def backward(self, da):
        return self.layer.backward(da)
""",
        # the weight layer inside the library's Attention
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.layer = cl.attention.Attention().weight_layer

    def forward(self, hs, h):
        return self.layer.forward(hs, h)

    def backward(self, da):
        return self.layer.backward(da)
""",
        # own forward, the library's backward
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.layer = cl.attention.AttentionWeight()

    def forward(self, hs, h):
        self.layer.forward(hs, h)
        return cl.functions.softmax((hs * h[:, None, :]).sum(axis=2))

    def backward(self, da):
        return self.layer.backward(da)
""",
        # no softmax backward: da is used as the gradient of the scores
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, h):
        self.cache = (hs, h)
        return cl.functions.softmax((hs * h[:, None, :]).sum(axis=2))

    def backward(self, da):
        hs, h = self.cache
        return da[:, :, None] * h[:, None, :], (da[:, :, None] * hs).sum(axis=1)
""",
        # softmax backward without the weighted-mean term
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, h):
        a = cl.functions.softmax((hs * h[:, None, :]).sum(axis=2))
        self.cache = (hs, h, a)
        return a

    def backward(self, da):
        hs, h, a = self.cache
        ds = a * da
        return ds[:, :, None] * h[:, None, :], (ds[:, :, None] * hs).sum(axis=1)
""",
        # softmax over the wrong axis (the batch)
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, h):
        s = (hs * h[:, None, :]).sum(axis=2)
        e = np.exp(s - s.max(axis=0, keepdims=True))
        a = e / e.sum(axis=0, keepdims=True)
        self.cache = (hs, h, a)
        return a

    def backward(self, da):
        hs, h, a = self.cache
        ds = a * (da - (da * a).sum(axis=0, keepdims=True))
        return ds[:, :, None] * h[:, None, :], (ds[:, :, None] * hs).sum(axis=1)
""",
        # dh summed over the wrong axis (H instead of T)
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, h):
        a = cl.functions.softmax((hs * h[:, None, :]).sum(axis=2))
        self.cache = (hs, h, a)
        return a

    def backward(self, da):
        hs, h, a = self.cache
        ds = a * (da - (da * a).sum(axis=1, keepdims=True))
        return ds[:, :, None] * h[:, None, :], (ds[:, :, None] * hs).sum(axis=2)
""",
        # backward forgets the dh term
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, h):
        a = cl.functions.softmax((hs * h[:, None, :]).sum(axis=2))
        self.cache = (hs, h, a)
        return a

    def backward(self, da):
        hs, h, a = self.cache
        ds = a * (da - (da * a).sum(axis=1, keepdims=True))
        return ds[:, :, None] * h[:, None, :], np.zeros_like(h)
""",
        # softmax without the max subtraction: overflows on large scores
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, h):
        e = np.exp((hs * h[:, None, :]).sum(axis=2))
        a = e / e.sum(axis=1, keepdims=True)
        self.cache = (hs, h, a)
        return a

    def backward(self, da):
        hs, h, a = self.cache
        ds = a * (da - (da * a).sum(axis=1, keepdims=True))
        return ds[:, :, None] * h[:, None, :], (ds[:, :, None] * hs).sum(axis=1)
""",
        # the shapes of the visible test hard-coded
        """
class AttentionWeight:
    def __init__(self):
        self.params, self.grads = [], []
        self.cache = None

    def forward(self, hs, h):
        hr = h.reshape(3, 1, 2).repeat(5, axis=1)
        a = cl.functions.softmax((hs * hr).sum(axis=2))
        self.cache = (hs, hr, a)
        return a

    def backward(self, da):
        hs, hr, a = self.cache
        ds = (a * (da - (da * a).sum(axis=1, keepdims=True))).reshape(3, 5, 1)
        return ds * hr, (ds * hs).sum(axis=1)
""",
    ],
    "week20_ex3": [
        # subclassing the library decoder (its forward, its TimeAttention)
        """
class AttentionDecoder(cl.models.seq2seq.AttentionDecoder):
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.attention = cl.attention.TimeAttention()
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.params = self.embed.params + self.lstm.params + self.affine.params
        self.H = lstm_Wh.shape[0]
        self.mask = None
""",
        # wrapping the library decoder: copy the weights into one and call it
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.weights = [embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b]
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        V, D = self.weights[0].shape
        H = self.weights[2].shape[0]
        ref = cl.models.seq2seq.AttentionDecoder(V, D, H, dtype=self.weights[0].dtype)
        for p, w in zip(ref.params, self.weights):
            p[...] = w
        score = ref.forward(xs, enc_hs)
        self.attention_weights = ref.attention_weights
        return score
""",
        # the library's TimeAttention for the attention step
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        self.lstm.set_state(enc_hs[:, -1])
        dec_hs = self.lstm.forward(self.embed.forward(xs))
        att = cl.attention.TimeAttention()
        c = att.forward(enc_hs, dec_hs)
        self.attention_weights = att.attention_weights
        return self.affine.forward(np.concatenate((c, dec_hs), axis=2))
""",
        # no attention: the encoder's last state as the context at every step
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        N, T, H = enc_hs.shape
        self.lstm.set_state(enc_hs[:, -1])
        dec_hs = self.lstm.forward(self.embed.forward(xs))
        Q = dec_hs.shape[1]
        a = np.zeros((N, Q, T))
        a[:, :, -1] = 1.0
        self.attention_weights = a
        c = np.broadcast_to(enc_hs[:, -1][:, None, :], dec_hs.shape)
        return self.affine.forward(np.concatenate((c, dec_hs), axis=2))
""",
        # uniform weights: the mean of the encoder states, the query ignored
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        N, T, H = enc_hs.shape
        self.lstm.set_state(enc_hs[:, -1])
        dec_hs = self.lstm.forward(self.embed.forward(xs))
        Q = dec_hs.shape[1]
        self.attention_weights = np.full((N, Q, T), 1.0 / T)
        c = self.attention_weights @ enc_hs
        return self.affine.forward(np.concatenate((c, dec_hs), axis=2))
""",
        # the context only into the LSTM (Bahdanau-style input), not into the Affine
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        h0 = enc_hs[:, -1]
        a = cl.functions.softmax((enc_hs @ h0[:, :, None])[:, :, 0])
        c = (a[:, None, :] @ enc_hs)[:, 0]
        emb = self.embed.forward(xs)
        self.lstm.set_state(h0)
        ctx = np.broadcast_to(c[:, None, :], emb.shape[:2] + c.shape[1:])
        dec_hs = self.lstm.forward(np.concatenate((ctx, emb), axis=2))
        self.attention_weights = np.repeat(a[:, None, :], xs.shape[1], axis=1)
        return self.affine.forward(np.concatenate((dec_hs, dec_hs), axis=2))
""",
        # [dec_hs, c] instead of [c, dec_hs]
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        self.lstm.set_state(enc_hs[:, -1])
        dec_hs = self.lstm.forward(self.embed.forward(xs))
        a = cl.functions.softmax(dec_hs @ enc_hs.transpose(0, 2, 1))
        self.attention_weights = a
        return self.affine.forward(np.concatenate((dec_hs, a @ enc_hs), axis=2))
""",
        # the encoder's state never reaches the LSTM (starts from zeros)
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        dec_hs = self.lstm.forward(self.embed.forward(xs))
        a = cl.functions.softmax(dec_hs @ enc_hs.transpose(0, 2, 1))
        self.attention_weights = a
        return self.affine.forward(np.concatenate((a @ enc_hs, dec_hs), axis=2))
""",
        # softmax over the decoder steps (Q) instead of the encoder positions (T)
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        self.lstm.set_state(enc_hs[:, -1])
        dec_hs = self.lstm.forward(self.embed.forward(xs))
        s = dec_hs @ enc_hs.transpose(0, 2, 1)
        e = np.exp(s - s.max(axis=1, keepdims=True))
        a = e / e.sum(axis=1, keepdims=True)
        self.attention_weights = a
        return self.affine.forward(np.concatenate((a @ enc_hs, dec_hs), axis=2))
""",
        # the shapes of the visible test hard-coded
        """
class AttentionDecoder:
    def __init__(self, embed_W, lstm_Wx, lstm_Wh, lstm_b, affine_W, affine_b):
        self.embed = cl.time_layers.TimeEmbedding(embed_W)
        self.lstm = cl.time_layers.TimeLSTM(lstm_Wx, lstm_Wh, lstm_b, stateful=True)
        self.affine = cl.time_layers.TimeAffine(affine_W, affine_b)
        self.attention_weights = None

    def forward(self, xs, enc_hs):
        self.lstm.set_state(enc_hs[:, -1])
        dec_hs = self.lstm.forward(self.embed.forward(xs))
        s = (dec_hs.reshape(3, 10, 1, 32) * enc_hs.reshape(3, 1, 29, 32)).sum(axis=3)
        a = cl.functions.softmax(s)
        self.attention_weights = a
        c = (a.reshape(3, 10, 29, 1) * enc_hs.reshape(3, 1, 29, 32)).sum(axis=2)
        return self.affine.forward(np.concatenate((c, dec_hs), axis=2))
""",
    ],
    "week20_ex4": [
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
    "week20_ex5": [
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
    "week20_ex6": [
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
    "week20_ex7": [
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
