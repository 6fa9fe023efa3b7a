"""Shortcut answers to the practice midterm (week 7).

Each entry replaces the whole answer cell; the graded test cell that follows must fail.
The notebook runs with the example ID ``STUDENT_ID = "20260000"``.

- Copying a friend's answer: for every question with per-student numbers, the answer
  that is right for the friend's ID ``FRIEND`` (computed the honest way from the
  friend's numbers, ``qN_numbers(FRIEND)``) must fail for the example ID. For a
  multiple-choice question a copied letter is right by chance when both students got
  the correct choice at the same letter (1 in 4); ``FRIEND`` is an ID for which every
  question differs from the example ID (tests/test_exam.py checks that per-ID numbers
  differ in general).
- Numeric questions: the usual slips (inverted outputs, log base 10, the analytic
  derivative instead of the h = 0.1 difference, the forward difference, the wrong sign
  of the step, a missing factor 2, transposed or flattened shapes).
- Code questions: the library (``cl.layers.Affine``, ``cl.layers.SoftmaxWithLoss``,
  ``cl.functions``), gradients of the wrong shape or scale, a softmax that overflows,
  ReLU instead of the sigmoid, scores instead of probabilities.
- Multiple choice: the text of the choice instead of its letter.
"""

FRIEND = "20261234"

SHORTCUTS = {
    "week07_q1": [
        f'''_w, _b, _X = q1_numbers("{FRIEND}")
answer_1 = [int(x @ _w + _b > 0) for x in _X]
''',
        '''answer_1 = [int(x @ q1_w + q1_b <= 0) for x in q1_X]
''',
        '''answer_1 = [1, 1, 1, 1, 1, 1]
''',
    ],
    "week07_q2": [
        f'''_a, _t = q2_numbers("{FRIEND}")
answer_2 = float(-np.log(np.exp(_a[_t]) / np.exp(_a).sum()))
''',
        '''answer_2 = float(-np.log10(np.exp(q2_a[q2_t]) / np.exp(q2_a).sum()))
''',
        '''answer_2 = float(-q2_a[q2_t])
''',
    ],
    "week07_q3": [
        f'''_c, _x0 = q3_numbers("{FRIEND}")
answer_3 = float(sum(c * ((_x0 + 0.1) ** p - (_x0 - 0.1) ** p) for c, p in zip(_c, (3, 2, 1, 0))) / 0.2)
''',
        '''answer_3 = float(3 * q3_c[0] * q3_x0 ** 2 + 2 * q3_c[1] * q3_x0 + q3_c[2])
''',
        '''def _f(x):
    return q3_c[0] * x ** 3 + q3_c[1] * x ** 2 + q3_c[2] * x + q3_c[3]

answer_3 = float((_f(q3_x0 + 0.1) - _f(q3_x0)) / 0.1)
''',
    ],
    "week07_q4": [
        f'''_c, _w, _lr = q4_numbers("{FRIEND}")
answer_4 = _w - _lr * 2 * _c * _w
''',
        '''answer_4 = q4_w + q4_lr * 2 * q4_c * q4_w
''',
        '''answer_4 = q4_w - q4_lr * q4_c * q4_w
''',
    ],
    "week07_q5": [
        f'''(_n, _c, _h, _w), _m = q5_numbers("{FRIEND}")
answer_5 = [(_c * _h * _w, _m), (_n, _m), (_n, _c, _h, _w)]
''',
        '''_n, _c, _h, _w = q5_x_shape
answer_5 = [(q5_out_size, _c * _h * _w), (_n, q5_out_size), (_n, _c, _h, _w)]
''',
        '''_n, _c, _h, _w = q5_x_shape
answer_5 = [(_c * _h * _w, q5_out_size), (_n, q5_out_size), (_n, _c * _h * _w)]
''',
    ],
    "week07_q6": [
        '''def affine_forward_backward(x, W, b, dout):
    layer = cl.layers.Affine(W, b)
    out = layer.forward(x)
    dx = layer.backward(dout)
    return out, dx, layer.grads[0], layer.grads[1]
''',
        '''def affine_forward_backward(x, W, b, dout):
    return x @ W + b, dout @ W.T, x.T @ dout, dout
''',
        '''def affine_forward_backward(x, W, b, dout):
    return x @ W + b, dout @ W.T, x.T @ dout, dout.mean(axis=0)
''',
        '''def affine_forward_backward(x, W, b, dout):
    return x @ W + b, dout @ W.T, x.T @ dout / x.shape[0], dout.sum(axis=0)
''',
    ],
    "week07_q7": [
        '''def softmax_loss_grad(scores, t):
    layer = cl.layers.SoftmaxWithLoss()
    layer.forward(scores, t)
    return layer.backward()
''',
        '''def softmax_loss_grad(scores, t):
    y = cl.functions.softmax(scores)
    y[np.arange(len(t)), t] -= 1
    return y / len(t)
''',
        '''def softmax_loss_grad(scores, t):
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    y = e / e.sum(axis=1, keepdims=True)
    y[np.arange(len(t)), t] -= 1
    return y
''',
        '''def softmax_loss_grad(scores, t):
    e = np.exp(scores)
    y = e / e.sum(axis=1, keepdims=True)
    y[np.arange(len(t)), t] -= 1
    return y / len(t)
''',
    ],
    "week07_q8": [
        '''def predict_proba(x, W1, b1, W2, b2):
    z1 = cl.functions.sigmoid(x @ W1 + b1)
    return cl.functions.softmax(z1 @ W2 + b2)
''',
        '''def predict_proba(x, W1, b1, W2, b2):
    a2 = np.maximum(0, x @ W1 + b1) @ W2 + b2
    e = np.exp(a2 - a2.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
''',
        '''def predict_proba(x, W1, b1, W2, b2):
    return 1 / (1 + np.exp(-(x @ W1 + b1))) @ W2 + b2
''',
    ],
    "week07_q9": [
        f'''answer_9 = "abcd"[q9_numbers("{FRIEND}").index(Q9_CHOICES[1])]
''',
        '''answer_9 = Q9_CHOICES[1]
''',
    ],
    "week07_q10": [
        f'''answer_10 = "abcd"[q10_numbers("{FRIEND}").index(Q10_CHOICES[3])]
''',
        '''answer_10 = Q10_CHOICES[3]
''',
    ],
    "week07_q11": [
        f'''answer_11 = "abcd"[q11_numbers("{FRIEND}").index(Q11_CHOICES[0])]
''',
        '''answer_11 = Q11_CHOICES[0]
''',
    ],
}
