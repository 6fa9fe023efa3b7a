"""Shortcut answers for week 19 (generation, seq2seq): each must FAIL its graded test cell.

Written as a lazy student would try them: the library call the exercise rules out
(``cl.functions.softmax``, ``model.generate``, ``decoder.generate``,
``cl.training.seq2seq_accuracy``), an ignored parameter (temperature, skip ids, the
reverse flag), a missing step (no max subtraction, no state reset, no feedback), a
closed form that only looks right (per-character accuracy), or a lookup in the data.
The keys are the answer cells' grade ids; each source replaces the whole answer cell.
"""

SHORTCUTS = {
    "week19_ex1": [
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
    "week19_ex2": [
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
    "week19_ex3": [
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
    "week19_ex4": [
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
    "week19_ex5": [
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
