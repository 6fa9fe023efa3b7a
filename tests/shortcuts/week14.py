"""Shortcut answers to the practice final (week 14).

Each entry replaces the whole answer cell; the graded test cell that follows must fail.
The notebook runs with the example ID ``STUDENT_ID = "20260000"``.

- Copying a friend's answer: for every question with per-student numbers, the answer
  that is right for the friend's ID ``FRIEND`` (computed the honest way from the
  friend's numbers, ``qN_numbers(FRIEND)``) must fail for the example ID. For a
  multiple-choice question a copied letter is right by chance when both students got
  the correct choice at the same letter (1 in 4); ``FRIEND`` is an ID for which every
  question differs from the example ID. Copying the example ID's answers into another
  student's notebook is tested in tests/test_exam_week14.py.
- Numeric questions: the usual slips (one momentum step instead of two, plain SGD, the
  wrong sign of the velocity, Adam without bias correction or with t stuck at 1, the
  unbiased variance or the wrong axis in batch normalization, γ and β forgotten, the
  stride ignored in the output size, the bias left out of the parameter count, the
  im2col matrix transposed, channels last, average pooling, the pooling stride ignored,
  PMI without max(0, ·), the natural logarithm, each pair counted once, a dot product
  instead of the cosine).
- Code questions: the library (``cl.layers.MatMul``, ``cl.text.create_co_matrix``), a new
  gradient array instead of overwriting ``grads[0]`` (week 13, section 4.4), gradients
  summed over calls or averaged over the batch; only the right-hand context, the window
  size ignored, negative indices wrapping around, 0/1 instead of counts, the size from
  the largest id, fancy-index ``+=`` that loses repeated pairs.
- Multiple choice: the text of the choice instead of its letter.
"""

FRIEND = "20261234"

_MOMENTUM = '''_v = -{lr} * {g1}
_W1 = {W} + _v
_v = {mom} * _v - {lr} * {g2}
answer_1 = _W1 + _v
'''

_ADAM = '''_W = np.array({W}, dtype=float)
_m, _v = np.zeros(2), np.zeros(2)
for _t, _g in enumerate([{g1}, {g2}], 1):
    _m = 0.9 * _m + 0.1 * _g
    _v = 0.999 * _v + 0.001 * _g * _g
    _W = _W - {lr} * {m_hat} / (np.sqrt({v_hat}) + 1e-8)
answer_2 = _W
'''

_POOL = '''_x, _k, _s = {source}
_o = (_x.shape[0] - _k) // _s + 1
answer_5 = np.array([[_x[i * _s:i * _s + _k, j * _s:j * _s + _k].{reduce}() for j in range(_o)] for i in range(_o)])
'''

_PPMI = '''_C, _cells = {source}
_N = {total}
_S = _C.sum(axis=0)
_keep = {keep}
answer_8 = [_keep(float(np.{log}(_C[i, j] * _N / (_S[i] * _S[j])))) for i, j in _cells]
'''
_POSITIVE = "lambda v: max(0.0, v)"

_CO_MATRIX = '''def create_co_matrix(corpus, vocab_size, window_size=1):
    C = np.zeros(({size}, {size}), dtype=np.int64)
    for idx, word_id in enumerate(corpus):
        for d in range(1, {window} + 1):
            for other in {others}:
                if {inside}:
                    C[word_id, corpus[other]] {op}
    return C
'''
_CO_OK = dict(size="vocab_size", window="window_size", others="(idx - d, idx + d)",
              inside="0 <= other < len(corpus)", op="+= 1")

_MATMUL = '''class MatMulLayer:
    def __init__(self, W):
        self.params = [W]
        self.grads = [np.zeros_like(W)]
        self.x = None

    def forward(self, x):
        self.x = x
        return x @ self.params[0]

    def backward(self, dout):
        {grad}
        return dout @ self.params[0].T
'''

SHORTCUTS = {
    "week14_q1": [
        f'''_W, _g1, _g2, _lr, _mom = q1_numbers("{FRIEND}")
''' + _MOMENTUM.format(W="_W", g1="_g1", g2="_g2", lr="_lr", mom="_mom"),
        '''answer_1 = q1_W - q1_lr * q1_g1
''',
        '''answer_1 = q1_W - q1_lr * q1_g1 - q1_lr * q1_g2
''',
        _MOMENTUM.format(W="q1_W", g1="(-q1_g1)", g2="(-q1_g2)", lr="q1_lr", mom="q1_momentum"),
        '''_v = q1_momentum * (-q1_lr * q1_g1)
_W1 = q1_W + _v
_v = q1_momentum * (_v - q1_lr * q1_g2)
answer_1 = _W1 + _v
''',
        _MOMENTUM.format(W="q1_W", g1="q1_g1", g2="q1_g1", lr="q1_lr", mom="q1_momentum"),
    ],
    "week14_q2": [
        f'''_W0, _g1, _g2, _lr = q2_numbers("{FRIEND}")
''' + _ADAM.format(W="_W0", g1="_g1", g2="_g2", lr="_lr", m_hat="(_m / (1 - 0.9 ** _t))",
                   v_hat="(_v / (1 - 0.999 ** _t))"),
        _ADAM.format(W="q2_W", g1="q2_g1", g2="q2_g2", lr="q2_lr", m_hat="_m", v_hat="_v"),
        _ADAM.format(W="q2_W", g1="q2_g1", g2="q2_g2", lr="q2_lr", m_hat="(_m / 0.1)", v_hat="(_v / 0.001)"),
        '''answer_2 = q2_W - q2_lr * q2_g1 - q2_lr * q2_g2
''',
        '''answer_2 = q2_W - q2_lr * np.sign(q2_g1)
''',
    ],
    "week14_q3": [
        f'''_x, _gamma, _beta = q3_numbers("{FRIEND}")
answer_3 = _gamma * (_x - _x.mean(axis=0)) / _x.std(axis=0) + _beta
''',
        '''answer_3 = q3_gamma * (q3_x - q3_x.mean(axis=0)) / q3_x.std(axis=0, ddof=1) + q3_beta
''',
        '''answer_3 = q3_gamma * (q3_x - q3_x.mean(axis=1, keepdims=True)) / q3_x.std(axis=1, keepdims=True) + q3_beta
''',
        '''answer_3 = (q3_x - q3_x.mean(axis=0)) / q3_x.std(axis=0)
''',
        '''answer_3 = q3_gamma * (q3_x - q3_x.mean(axis=0)) / q3_x.var(axis=0) + q3_beta
''',
    ],
    "week14_q4": [
        f'''(_n, _c, _h, _w), (_fn, _, _fh, _fw), _s, _p = q4_numbers("{FRIEND}")
_oh, _ow = (_h + 2 * _p - _fh) // _s + 1, (_w + 2 * _p - _fw) // _s + 1
answer_4 = [(_n, _fn, _oh, _ow), (_n * _oh * _ow, _c * _fh * _fw), _fn * _c * _fh * _fw + _fn]
''',
        '''_n, _c, _h, _w = q4_x_shape
_fn, _, _fh, _fw = q4_w_shape
_oh, _ow = _h + 2 * q4_pad - _fh + 1, _w + 2 * q4_pad - _fw + 1     # the stride ignored
answer_4 = [(_n, _fn, _oh, _ow), (_n * _oh * _ow, _c * _fh * _fw), _fn * _c * _fh * _fw + _fn]
''',
        '''_n, _c, _h, _w = q4_x_shape
_fn, _, _fh, _fw = q4_w_shape
_oh, _ow = (_h + 2 * q4_pad - _fh) // q4_stride + 1, (_w + 2 * q4_pad - _fw) // q4_stride + 1
answer_4 = [(_n, _fn, _oh, _ow), (_n * _oh * _ow, _c * _fh * _fw), _fn * _c * _fh * _fw]
''',
        '''_n, _c, _h, _w = q4_x_shape
_fn, _, _fh, _fw = q4_w_shape
_oh, _ow = (_h + 2 * q4_pad - _fh) // q4_stride + 1, (_w + 2 * q4_pad - _fw) // q4_stride + 1
answer_4 = [(_n, _fn, _oh, _ow), (_c * _fh * _fw, _n * _oh * _ow), _fn * _c * _fh * _fw + _fn]
''',
        '''_n, _c, _h, _w = q4_x_shape
_fn, _, _fh, _fw = q4_w_shape
_oh, _ow = (_h + 2 * q4_pad - _fh) // q4_stride + 1, (_w + 2 * q4_pad - _fw) // q4_stride + 1
answer_4 = [(_n, _oh, _ow, _fn), (_n * _oh * _ow, _c * _fh * _fw), _fn * _c * _fh * _fw + _fn]
''',
    ],
    "week14_q5": [
        _POOL.format(source=f'q5_numbers("{FRIEND}")', reduce="max"),
        _POOL.format(source="q5_x, q5_window, q5_stride", reduce="mean"),
        _POOL.format(source="q5_x, q5_window, 1", reduce="max"),
        _POOL.format(source="q5_x, q5_window, q5_stride", reduce="min"),
    ],
    "week14_q6": [
        '''class MatMulLayer(cl.layers.MatMul):
    pass
''',
        '''class MatMulLayer:
    def __init__(self, W):
        self._inner = cl.layers.MatMul(W)
        self.params, self.grads = self._inner.params, self._inner.grads

    def forward(self, x):
        return self._inner.forward(x)

    def backward(self, dout):
        return self._inner.backward(dout)
''',
        # a new array: the model's list of grads never sees it (week 13, section 4.4)
        _MATMUL.format(grad="self.grads[0] = self.x.T @ dout"),
        # gradients summed over calls
        _MATMUL.format(grad="self.grads[0] += self.x.T @ dout"),
        # averaged over the batch
        _MATMUL.format(grad="self.grads[0][...] = self.x.T @ dout / len(dout)"),
    ],
    "week14_q7": [
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    return cl.text.create_co_matrix(corpus, vocab_size, window_size)
''',
        # only the right-hand context
        _CO_MATRIX.format(**{**_CO_OK, "others": "(idx + d,)"}),
        # window_size ignored
        _CO_MATRIX.format(**{**_CO_OK, "window": "1"}),
        # negative indices wrap around to the end of the corpus
        _CO_MATRIX.format(**{**_CO_OK, "inside": "-len(corpus) <= other < len(corpus)"}),
        # seen or not, no counts
        _CO_MATRIX.format(**{**_CO_OK, "op": "= 1"}),
        # the size from the largest id, not vocab_size
        _CO_MATRIX.format(**{**_CO_OK, "size": "int(np.max(corpus)) + 1"}),
        # fancy-index += counts repeated pairs once
        '''def create_co_matrix(corpus, vocab_size, window_size=1):
    corpus = np.asarray(corpus)
    C = np.zeros((vocab_size, vocab_size), dtype=np.int64)
    for d in range(1, window_size + 1):
        C[corpus[:-d], corpus[d:]] += 1
        C[corpus[d:], corpus[:-d]] += 1
    return C
''',
    ],
    "week14_q8": [
        _PPMI.format(source=f'q8_numbers("{FRIEND}")', total="_C.sum()", keep=_POSITIVE, log="log2"),
        _PPMI.format(source="q8_C, q8_cells", total="_C.sum()", keep="lambda v: v", log="log2"),
        _PPMI.format(source="q8_C, q8_cells", total="_C.sum()", keep=_POSITIVE, log="log"),
        _PPMI.format(source="q8_C, q8_cells", total="_C.sum() / 2", keep=_POSITIVE, log="log2"),
        _PPMI.format(source="q8_C, q8_cells", total="len(_C)", keep=_POSITIVE, log="log2"),
    ],
    "week14_q9": [
        f'''_x, _y = q9_numbers("{FRIEND}")
answer_9 = float(_x @ _y / (np.linalg.norm(_x) * np.linalg.norm(_y)))
''',
        '''answer_9 = float(q9_x @ q9_y)
''',
        '''answer_9 = float(q9_x @ q9_y / (np.sum(q9_x ** 2) * np.sum(q9_y ** 2)))
''',
        '''answer_9 = float(np.abs(q9_x) @ np.abs(q9_y) / (np.linalg.norm(q9_x) * np.linalg.norm(q9_y)))
''',
    ],
    "week14_q10": [
        f'''answer_10 = "abcd"[q10_numbers("{FRIEND}").index(Q10_CHOICES[1])]
''',
        '''answer_10 = Q10_CHOICES[1]
''',
    ],
    "week14_q11": [
        f'''answer_11 = "abcd"[q11_numbers("{FRIEND}").index(Q11_CHOICES[2])]
''',
        '''answer_11 = Q11_CHOICES[2]
''',
    ],
    "week14_q12": [
        f'''answer_12 = "abcd"[q12_numbers("{FRIEND}").index(Q12_CHOICES[3])]
''',
        '''answer_12 = Q12_CHOICES[3]
''',
    ],
}
