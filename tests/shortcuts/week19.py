"""Shortcut answers for week 19 (generation, seq2seq): each must FAIL its graded test cell.

Written as a lazy student would try them. Exercises 1-3 (the Encoder, the Decoder, the
Peeky decoder's forward): the library's ``Encoder``/``Decoder`` subclassed or kept as an
attribute, the mean of all hidden states instead of the last one, ``dh`` spread over
every step or the embedding's backward forgotten, a stateful encoder, a decoder that
ignores ``h`` or returns zeros for ``dh``, generation without feedback or with the true
answers (teacher forcing), a stateless decoder LSTM, a Peeky decoder that feeds ``h`` to
the LSTM only or in the wrong order, and shapes hard-coded to the visible test.
Exercises 4-8: the library call the exercise rules out (``cl.functions.softmax``,
``model.generate``, ``decoder.generate``, ``cl.training.seq2seq_accuracy``), an ignored
parameter (temperature, skip ids, the reverse flag), a missing step (no max subtraction,
no state reset, no feedback), a closed form that only looks right (per-character
accuracy), or a lookup in the data.
The keys are the answer cells' grade ids; each source replaces the whole answer cell.
"""


# --- honest pieces of the answers, so that each shortcut changes one thing
def _layers_init(lstm_in, stateful, affine_in=None):
    """Source of an honest ``__init__``: embedding, LSTM (input size ``lstm_in``) and, when
    ``affine_in`` is given, an Affine layer; ``params``/``grads`` in that order."""
    names = ["embed", "lstm"] + (["affine"] if affine_in else [])
    affine = (f"""
        self.affine = cl.time_layers.TimeAffine((rng.standard_normal(({affine_in}, V)) / np.sqrt({affine_in})).astype(dtype),
                                                np.zeros(V, dtype=dtype))""" if affine_in else "")
    return f"""
    def __init__(self, vocab_size, wordvec_size, hidden_size, rng, dtype=np.float32):
        V, D, H = vocab_size, wordvec_size, hidden_size
        self.embed = cl.time_layers.TimeEmbedding((0.01 * rng.standard_normal((V, D))).astype(dtype))
        self.lstm = cl.time_layers.TimeLSTM((rng.standard_normal(({lstm_in}, 4 * H)) / np.sqrt({lstm_in})).astype(dtype),
                                            (rng.standard_normal((H, 4 * H)) / np.sqrt(H)).astype(dtype),
                                            np.zeros(4 * H, dtype=dtype), stateful={stateful}){affine}
        self.params = {" + ".join(f"self.{n}.params" for n in names)}
        self.grads = {" + ".join(f"self.{n}.grads" for n in names)}
        self.H = H
"""


# --- exercise 1: pieces of an honest MyEncoder
_ENC_INIT = _layers_init("D", stateful=False)
_ENC_FORWARD = """
    def forward(self, xs):
        self.hs = self.lstm.forward(self.embed.forward(xs))
        return self.hs[:, -1, :]
"""
_ENC_BACKWARD = """
    def backward(self, dh):
        dhs = np.zeros_like(self.hs)
        dhs[:, -1, :] = dh
        self.embed.backward(self.lstm.backward(dhs))
"""


def _encoder(init=_ENC_INIT, forward=_ENC_FORWARD, backward=_ENC_BACKWARD):
    return "class MyEncoder:\n" + init + forward + backward


# --- exercise 2: pieces of an honest MyDecoder

_DEC_INIT = _layers_init("D", stateful=True, affine_in="H")
_DEC_FORWARD = """
    def forward(self, xs, h):
        self.lstm.set_state(h)
        return self.affine.forward(self.lstm.forward(self.embed.forward(xs)))
"""
_DEC_BACKWARD = """
    def backward(self, dscore):
        self.embed.backward(self.lstm.backward(self.affine.backward(dscore)))
        return self.lstm.dh
"""
_DEC_GENERATE = """
    def generate(self, h, start_id, sample_size):
        self.lstm.set_state(h)
        x = np.full((len(h), 1), start_id)
        ids = []
        for _ in range(sample_size):
            x = self.affine.forward(self.lstm.forward(self.embed.forward(x))).argmax(axis=2)
            ids.append(x[:, 0])
        return np.stack(ids, axis=1)
"""


def _decoder(init=_DEC_INIT, forward=_DEC_FORWARD, backward=_DEC_BACKWARD, generate=_DEC_GENERATE):
    return "class MyDecoder:\n" + init + forward + backward + generate


# --- exercise 3: the given parts of MyPeekyDecoder and an honest forward

_PEEKY_GIVEN_INIT = _layers_init("H + D", stateful=True, affine_in="H + H")
_PEEKY_GIVEN_BACKWARD = """
    def backward(self, dscore):
        H = self.H
        dout = self.affine.backward(dscore)
        dhs, dout = dout[:, :, :H], dout[:, :, H:]
        dout = self.lstm.backward(dout)
        dhs = dhs + dout[:, :, :H]
        self.embed.backward(dout[:, :, H:])
        return self.lstm.dh + dhs.sum(axis=1)
"""


def _peeky(forward):
    return "class MyPeekyDecoder:\n" + _PEEKY_GIVEN_INIT + forward + _PEEKY_GIVEN_BACKWARD


SHORTCUTS = {
    "week19_ex1": [
        # subclasses the library's Encoder
        """
class MyEncoder(cl.models.seq2seq.Encoder):
    def __init__(self, vocab_size, wordvec_size, hidden_size, rng, dtype=np.float32):
        super().__init__(vocab_size, wordvec_size, hidden_size, dtype=dtype, rng=rng)
""",
        # keeps a library Encoder as an attribute and forwards every call to it
        """
class MyEncoder:
    def __init__(self, vocab_size, wordvec_size, hidden_size, rng, dtype=np.float32):
        self.inner = cl.models.seq2seq.Encoder(vocab_size, wordvec_size, hidden_size, dtype=dtype, rng=rng)
        self.params, self.grads = self.inner.params, self.inner.grads

    def forward(self, xs):
        return self.inner.forward(xs)

    def backward(self, dh):
        return self.inner.backward(dh)
""",
        # builds its LSTM with the library's private helper
        _encoder(init="""
    def __init__(self, vocab_size, wordvec_size, hidden_size, rng, dtype=np.float32):
        V, D, H = vocab_size, wordvec_size, hidden_size
        self.embed = cl.time_layers.TimeEmbedding((0.01 * rng.standard_normal((V, D))).astype(dtype))
        self.lstm = cl.models.seq2seq._lstm(rng, D, H, dtype)
        self.params = self.embed.params + self.lstm.params
        self.grads = self.embed.grads + self.lstm.grads
"""),
        # the mean of all hidden states instead of the last one
        _encoder(forward="""
    def forward(self, xs):
        self.hs = self.lstm.forward(self.embed.forward(xs))
        return self.hs.mean(axis=1)
"""),
        # the first hidden state
        _encoder(forward="""
    def forward(self, xs):
        self.hs = self.lstm.forward(self.embed.forward(xs))
        return self.hs[:, 0, :]
"""),
        # dh given to every time step
        _encoder(backward="""
    def backward(self, dh):
        dhs = np.zeros_like(self.hs)
        dhs[:, :, :] = dh[:, np.newaxis, :]
        self.embed.backward(self.lstm.backward(dhs))
"""),
        # the embedding's backward forgotten
        _encoder(backward="""
    def backward(self, dh):
        dhs = np.zeros_like(self.hs)
        dhs[:, -1, :] = dh
        self.lstm.backward(dhs)
"""),
        # a stateful encoder: the second batch starts from the first one's last state
        _encoder(init=_ENC_INIT.replace("stateful=False", "stateful=True")),
        # parameter copies: the test's weights never reach the layers
        _encoder(init=_ENC_INIT.replace("self.params = self.embed.params + self.lstm.params",
                                        "self.params = [p.copy() for p in self.embed.params + self.lstm.params]")),
        # shapes hard-coded to the visible test (3 questions of 7 characters, H = 128)
        _encoder(backward="""
    def backward(self, dh):
        dhs = np.zeros((3, 7, 128), dtype=self.hs.dtype)
        dhs[:, -1, :] = dh
        self.embed.backward(self.lstm.backward(dhs))
"""),
    ],
    "week19_ex2": [
        # subclasses the library's Decoder
        """
class MyDecoder(cl.models.seq2seq.Decoder):
    def __init__(self, vocab_size, wordvec_size, hidden_size, rng, dtype=np.float32):
        super().__init__(vocab_size, wordvec_size, hidden_size, dtype=dtype, rng=rng)

    def generate(self, h, start_id, sample_size):
        return super().generate(h, np.full(len(h), start_id), sample_size)
""",
        # keeps a library Decoder as an attribute
        """
class MyDecoder:
    def __init__(self, vocab_size, wordvec_size, hidden_size, rng, dtype=np.float32):
        self.inner = cl.models.seq2seq.Decoder(vocab_size, wordvec_size, hidden_size, dtype=dtype, rng=rng)
        self.params, self.grads = self.inner.params, self.inner.grads

    def forward(self, xs, h):
        return self.inner.forward(xs, h)

    def backward(self, dscore):
        return self.inner.backward(dscore)

    def generate(self, h, start_id, sample_size):
        return self.inner.generate(h, np.full(len(h), start_id), sample_size)
""",
        # its own layers, but the library's generation loop
        _decoder(generate="""
    def generate(self, h, start_id, sample_size):
        self.lstm.set_state(h)
        step = lambda x: self.affine.forward(self.lstm.forward(self.embed.forward(x)))
        return cl.models.seq2seq._greedy(step, np.full(len(h), start_id), sample_size)
"""),
        # ignores h: the LSTM starts from whatever state it had
        _decoder(forward="""
    def forward(self, xs, h):
        return self.affine.forward(self.lstm.forward(self.embed.forward(xs)))
"""),
        # dh returned as zeros
        _decoder(backward="""
    def backward(self, dscore):
        self.embed.backward(self.lstm.backward(self.affine.backward(dscore)))
        return np.zeros_like(self.lstm.dh)
"""),
        # the embedding's backward forgotten
        _decoder(backward="""
    def backward(self, dscore):
        self.lstm.backward(self.affine.backward(dscore))
        return self.lstm.dh
"""),
        # dh taken from the last step's state instead of the initial state
        _decoder(backward="""
    def backward(self, dscore):
        dxs = self.lstm.backward(self.affine.backward(dscore))
        self.embed.backward(dxs)
        return self.affine.backward(dscore)[:, -1, :]
"""),
        # generation without feedback: the start symbol at every step
        _decoder(generate="""
    def generate(self, h, start_id, sample_size):
        self.lstm.set_state(h)
        x = np.full((len(h), 1), start_id)
        ids = []
        for _ in range(sample_size):
            ids.append(self.affine.forward(self.lstm.forward(self.embed.forward(x))).argmax(axis=2)[:, 0])
        return np.stack(ids, axis=1)
"""),
        # generation by teacher forcing: the true answers of the data set as inputs
        _decoder(generate="""
    def generate(self, h, start_id, sample_size):
        ts = t_train[:len(h)]
        xs = np.concatenate([np.full((len(h), 1), start_id), ts[:, 1:sample_size]], axis=1)
        return self.forward(xs, h).argmax(axis=2)
"""),
        # generation without set_state: continues from the previous call's state
        _decoder(generate=_DEC_GENERATE.replace("        self.lstm.set_state(h)\n", "")),
        # a stateless decoder LSTM: every generation step starts from zeros again
        _decoder(init=_DEC_INIT.replace("stateful=True", "stateful=False")),
        # shapes hard-coded to the visible test (3 answers)
        _decoder(generate="""
    def generate(self, h, start_id, sample_size):
        self.lstm.set_state(h)
        x = np.full((3, 1), start_id)
        ids = np.zeros((3, sample_size), dtype=np.int64)
        for t in range(sample_size):
            x = self.affine.forward(self.lstm.forward(self.embed.forward(x))).argmax(axis=2)
            ids[:, t] = x[:, 0]
        return ids
"""),
    ],
    "week19_ex3": [
        # the library's Peeky decoder with the same weights, for forward and backward
        """
class MyPeekyDecoder:
""" + _PEEKY_GIVEN_INIT + """
    def forward(self, xs, h):
        V, D = self.params[0].shape
        self.inner = cl.models.seq2seq.Decoder(V, D, self.H, peeky=True, dtype=self.params[0].dtype)
        for p, q in zip(self.inner.params, self.params):
            p[...] = q
        return self.inner.forward(xs, h)

    def backward(self, dscore):
        dh = self.inner.backward(dscore)
        for g, q in zip(self.grads, self.inner.grads):
            g[...] = q
        return dh
""",
        # the library's concatenation helper
        _peeky("""
    def forward(self, xs, h):
        peek = cl.models.seq2seq.Decoder._peek
        self.lstm.set_state(h)
        out = self.lstm.forward(peek(self, self.embed.forward(xs), h))
        return self.affine.forward(peek(self, out, h))
"""),
        # h only in the LSTM's input; the Affine gets zeros in its place
        _peeky("""
    def forward(self, xs, h):
        N, T = xs.shape
        self.lstm.set_state(h)
        hs = np.repeat(h[:, np.newaxis, :], T, axis=1)
        out = self.lstm.forward(np.concatenate((hs, self.embed.forward(xs)), axis=2))
        return self.affine.forward(np.concatenate((np.zeros_like(hs), out), axis=2))
"""),
        # h only in the Affine's input
        _peeky("""
    def forward(self, xs, h):
        N, T = xs.shape
        self.lstm.set_state(h)
        hs = np.repeat(h[:, np.newaxis, :], T, axis=1)
        out = self.lstm.forward(np.concatenate((np.zeros_like(hs), self.embed.forward(xs)), axis=2))
        return self.affine.forward(np.concatenate((hs, out), axis=2))
"""),
        # h after the inputs instead of before them
        _peeky("""
    def forward(self, xs, h):
        N, T = xs.shape
        self.lstm.set_state(h)
        hs = np.repeat(h[:, np.newaxis, :], T, axis=1)
        out = self.lstm.forward(np.concatenate((self.embed.forward(xs), hs), axis=2))
        return self.affine.forward(np.concatenate((out, hs), axis=2))
"""),
        # h peeked in only at the first time step
        _peeky("""
    def forward(self, xs, h):
        N, T = xs.shape
        self.lstm.set_state(h)
        hs = np.zeros((N, T, h.shape[1]), dtype=h.dtype)
        hs[:, 0] = h
        out = self.lstm.forward(np.concatenate((hs, self.embed.forward(xs)), axis=2))
        return self.affine.forward(np.concatenate((hs, out), axis=2))
"""),
        # no set_state: the LSTM starts from zeros (or a stale state), h only peeked
        _peeky("""
    def forward(self, xs, h):
        N, T = xs.shape
        hs = np.repeat(h[:, np.newaxis, :], T, axis=1)
        out = self.lstm.forward(np.concatenate((hs, self.embed.forward(xs)), axis=2))
        return self.affine.forward(np.concatenate((hs, out), axis=2))
"""),
        # the number of steps hard-coded to the visible test (T = 4)
        _peeky("""
    def forward(self, xs, h):
        self.lstm.set_state(h)
        hs = np.repeat(h[:, np.newaxis, :], 4, axis=1)
        out = self.lstm.forward(np.concatenate((hs, self.embed.forward(xs)), axis=2))
        return self.affine.forward(np.concatenate((hs, out), axis=2))
"""),
    ],
    "week19_ex4": [
        # the library softmax the exercise asks to write
        '''
def softmax_with_temperature(scores, temperature):
    if temperature <= 0:
        raise ValueError("temperature must be > 0")
    return cl.functions.softmax(np.asarray(scores, dtype=np.float64) / temperature)
''',
        # the same through an imported alias
        '''
from course_lib.functions import softmax as _sm


def softmax_with_temperature(scores, temperature):
    if temperature <= 0:
        raise ValueError("temperature must be > 0")
    return _sm(np.asarray(scores, dtype=np.float64) / temperature)
''',
        # no max subtraction: overflows for small temperatures
        '''
def softmax_with_temperature(scores, temperature):
    if temperature <= 0:
        raise ValueError("temperature must be > 0")
    e = np.exp(np.asarray(scores, dtype=np.float64) / temperature)
    return e / e.sum()
''',
        # temperature ignored
        '''
def softmax_with_temperature(scores, temperature):
    if temperature <= 0:
        raise ValueError("temperature must be > 0")
    z = np.asarray(scores, dtype=np.float64)
    e = np.exp(z - z.max())
    return e / e.sum()
''',
        # multiplies by the temperature instead of dividing
        '''
def softmax_with_temperature(scores, temperature):
    if temperature <= 0:
        raise ValueError("temperature must be > 0")
    z = np.asarray(scores, dtype=np.float64) * temperature
    e = np.exp(z - z.max())
    return e / e.sum()
''',
        # no check of the temperature
        '''
def softmax_with_temperature(scores, temperature):
    z = np.asarray(scores, dtype=np.float64) / temperature
    e = np.exp(z - z.max())
    return e / e.sum()
''',
    ],
    "week19_ex5": [
        # the library's generation
        '''
def generate_ids(model, start_ids, length, temperature, rng, skip_ids=()):
    return model.generate(start_ids, length, temperature=temperature, skip_ids=skip_ids, rng=rng)
''',
        # temperature ignored: always samples at T = 1
        '''
def generate_ids(model, start_ids, length, temperature, rng, skip_ids=()):
    model.reset_state()
    out = [int(i) for i in start_ids]
    score = model.predict(np.array([out]))[0, -1]
    for _ in range(length):
        score = score.astype(np.float64)
        score[list(skip_ids)] = -np.inf
        p = np.exp(score - score.max())
        p /= p.sum()
        word = int(rng.choice(len(p), p=p))
        out.append(word)
        score = model.predict(np.array([[word]]))[0, -1]
    model.reset_state()
    return out
''',
        # skip ids ignored
        '''
def generate_ids(model, start_ids, length, temperature, rng, skip_ids=()):
    model.reset_state()
    out = [int(i) for i in start_ids]
    score = model.predict(np.array([out]))[0, -1]
    for _ in range(length):
        score = score.astype(np.float64)
        if temperature == 0:
            word = int(np.argmax(score))
        else:
            word = int(rng.choice(len(score), p=softmax_with_temperature(score, temperature)))
        out.append(word)
        score = model.predict(np.array([[word]]))[0, -1]
    model.reset_state()
    return out
''',
        # no reset: continues from whatever state the model carried
        '''
def generate_ids(model, start_ids, length, temperature, rng, skip_ids=()):
    out = [int(i) for i in start_ids]
    score = model.predict(np.array([out]))[0, -1]
    for _ in range(length):
        score = score.astype(np.float64)
        score[list(skip_ids)] = -np.inf
        if temperature == 0:
            word = int(np.argmax(score))
        else:
            word = int(rng.choice(len(score), p=softmax_with_temperature(score, temperature)))
        out.append(word)
        score = model.predict(np.array([[word]]))[0, -1]
    return out
''',
        # only the last word of the prompt is read
        '''
def generate_ids(model, start_ids, length, temperature, rng, skip_ids=()):
    model.reset_state()
    out = [int(i) for i in start_ids]
    score = model.predict(np.array([[out[-1]]]))[0, -1]
    for _ in range(length):
        score = score.astype(np.float64)
        score[list(skip_ids)] = -np.inf
        if temperature == 0:
            word = int(np.argmax(score))
        else:
            word = int(rng.choice(len(score), p=softmax_with_temperature(score, temperature)))
        out.append(word)
        score = model.predict(np.array([[word]]))[0, -1]
    model.reset_state()
    return out
''',
        # the notebook's my_generate (T = 1 only, one start word)
        '''
def generate_ids(model, start_ids, length, temperature, rng, skip_ids=()):
    return my_generate(model, int(start_ids[-1]), length, skip_ids, rng=rng)
''',
    ],
    "week19_ex6": [
        # pads on the left
        '''
def encode_question(question, vocab, reverse=False):
    if len(question) > 7:
        raise ValueError("too long")
    ids = vocab.encode(question.rjust(7))
    return ids[::-1] if reverse else ids
''',
        # reverses before padding
        '''
def encode_question(question, vocab, reverse=False):
    if len(question) > 7:
        raise ValueError("too long")
    return vocab.encode((question[::-1] if reverse else question).ljust(7))
''',
        # looks the question up in the data set
        '''
def encode_question(question, vocab, reverse=False):
    if len(question) > 7:
        raise ValueError("too long")
    for row in x_train:
        if vocab.decode(row).strip() == question:
            return row[::-1] if reverse else row
    raise ValueError("unknown question")
''',
        # reverse flag ignored
        '''
def encode_question(question, vocab, reverse=False):
    if len(question) > 7:
        raise ValueError("too long")
    return vocab.encode(question.ljust(7))
''',
        # no length check (and silently cuts long questions)
        '''
def encode_question(question, vocab, reverse=False):
    ids = vocab.encode(question.ljust(7)[:7])
    return ids[::-1] if reverse else ids
''',
    ],
    "week19_ex7": [
        # the library's greedy decoding
        '''
def greedy_decode(decoder, h, start_id, length):
    return decoder.generate(h, np.full(len(h), start_id), length)
''',
        # the library's decoding loop with the Decoder's own step
        '''
def greedy_decode(decoder, h, start_id, length):
    decoder.lstm.set_state(h)
    return cl.models.seq2seq._greedy(lambda x: decoder._run(x, h), np.full(len(h), start_id), length)
''',
        # no feedback: the start symbol is fed at every step
        '''
def greedy_decode(decoder, h, start_id, length):
    decoder.lstm.set_state(h)
    x = np.full((len(h), 1), start_id)
    out = []
    for _ in range(length):
        score = decoder.affine.forward(decoder.lstm.forward(decoder.embed.forward(x)))
        out.append(score.argmax(axis=2)[:, 0])
    return np.stack(out, axis=1)
''',
        # forgets the encoder's h: starts from the LSTM's previous state
        '''
def greedy_decode(decoder, h, start_id, length):
    x = np.full((len(h), 1), start_id)
    out = []
    for _ in range(length):
        x = decoder.affine.forward(decoder.lstm.forward(decoder.embed.forward(x))).argmax(axis=2)
        out.append(x[:, 0])
    return np.stack(out, axis=1)
''',
        # keeps the start symbol in the answer
        '''
def greedy_decode(decoder, h, start_id, length):
    decoder.lstm.set_state(h)
    x = np.full((len(h), 1), start_id)
    out = [x[:, 0]]
    for _ in range(length):
        x = decoder.affine.forward(decoder.lstm.forward(decoder.embed.forward(x))).argmax(axis=2)
        out.append(x[:, 0])
    return np.stack(out, axis=1)
''',
    ],
    "week19_ex8": [
        # per-character accuracy
        '''
def exact_match_accuracy(pred, true):
    pred, true = np.asarray(pred), np.asarray(true)
    if pred.shape != true.shape:
        raise ValueError("shapes differ")
    return float(np.mean(pred == true))
''',
        # the library's seq2seq_accuracy with a stand-in model
        '''
def exact_match_accuracy(pred, true):
    pred, true = np.asarray(pred), np.asarray(true)
    if pred.shape != true.shape:
        raise ValueError("shapes differ")

    class _Fixed:
        def generate(self, xs, start_id, length):
            return pred[:len(xs)]

    t = np.concatenate([np.zeros((len(true), 1), dtype=true.dtype), true], axis=1)
    return cl.training.seq2seq_accuracy(_Fixed(), np.zeros((len(true), 1)), t, 0)
''',
        # no shape check: broadcasting compares (1, L) with (N, L)
        '''
def exact_match_accuracy(pred, true):
    return float(np.mean(np.all(np.asarray(pred) == np.asarray(true), axis=1)))
''',
        # a row counts as right when any character matches
        '''
def exact_match_accuracy(pred, true):
    pred, true = np.asarray(pred), np.asarray(true)
    if pred.shape != true.shape:
        raise ValueError("shapes differ")
    return float(np.mean(np.any(pred == true, axis=1)))
''',
    ],
}
