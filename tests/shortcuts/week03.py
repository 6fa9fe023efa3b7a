"""Shortcut answers for week 3 (chapters/week03_neural_network.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work would try it. tests/test_exercises.py runs each one in place
of the instructor's answer, then the graded test cell (hidden tests included), and
requires that cell to fail.
"""

SHORTCUTS = {
    # my_softmax(a): stable softmax over the last axis
    "week03_ex1": [
        # the library's softmax
        '''def my_softmax(a):
    return cl.functions.softmax(a)
''',
        # the same, imported under another name
        '''from course_lib.functions import softmax as f


def my_softmax(a):
    return f(a)
''',
        # the probabilities taken out of a loss function that contains softmax
        '''def my_softmax(a):
    a = np.asarray(a, dtype=float)
    rows = np.atleast_2d(a)
    _, y = cl.functions.softmax_cross_entropy_rows(rows, np.zeros(len(rows), dtype=int))
    return y.reshape(a.shape)
''',
        # ... or out of the SoftmaxWithLoss layer
        '''def my_softmax(a):
    a = np.asarray(a, dtype=float)
    rows = np.atleast_2d(a)
    layer = cl.layers.SoftmaxWithLoss()
    layer.forward(rows, np.zeros(len(rows), dtype=int))
    return layer.y.reshape(a.shape)
''',
        # scipy's softmax (scipy comes with mlxtend)
        '''import scipy.special


def my_softmax(a):
    return scipy.special.softmax(a, axis=-1)
''',
        # the formula as written: overflows
        '''def my_softmax(a):
    e = np.exp(a)
    return e / np.sum(e, axis=-1, keepdims=True)
''',
        # the book's 1-D softmax: one max and one sum over the whole array
        '''def my_softmax(a):
    return softmax(a)
''',
        # the global max, row sums: a row far below the max underflows to 0 / 0
        '''def my_softmax(a):
    e = np.exp(a - np.max(a))
    return e / np.sum(e, axis=-1, keepdims=True)
''',
        # shifts the caller's array in place (only the hidden test notices)
        '''def my_softmax(a):
    a -= np.max(a, axis=-1, keepdims=True)
    e = np.exp(a)
    return e / np.sum(e, axis=-1, keepdims=True)
''',
    ],
    # forward3(network, x): sigmoid, sigmoid, identity
    "week03_ex2": [
        # the notebook's forward of 3.4.3
        '''def forward3(network, x):
    return forward(network, x)
''',
        # the library's layers
        '''def forward3(network, x):
    out = np.atleast_2d(x)
    for i in (1, 2, 3):
        out = cl.layers.Affine(network[f"W{i}"], network[f"b{i}"]).forward(out)
        if i < 3:
            out = cl.layers.Sigmoid().forward(out)
    return out if np.ndim(x) == 2 else out[0]
''',
        # ReLU in the hidden layers
        '''def forward3(network, x):
    z1 = np.maximum(0, np.dot(x, network["W1"]) + network["b1"])
    z2 = np.maximum(0, np.dot(z1, network["W2"]) + network["b2"])
    return np.dot(z2, network["W3"]) + network["b3"]
''',
        # a sigmoid on the output layer too
        '''def forward3(network, x):
    s = cl.functions.sigmoid
    z1 = s(np.dot(x, network["W1"]) + network["b1"])
    z2 = s(np.dot(z1, network["W2"]) + network["b2"])
    return s(np.dot(z2, network["W3"]) + network["b3"])
''',
        # the book's weights hard-coded, the network argument ignored
        '''def forward3(network, x):
    return forward(init_network(), x)
''',
        # the output bias forgotten
        '''def forward3(network, x):
    s = cl.functions.sigmoid
    z1 = s(np.dot(x, network["W1"]) + network["b1"])
    z2 = s(np.dot(z1, network["W2"]) + network["b2"])
    return np.dot(z2, network["W3"])
''',
    ],
    # batch_accuracy(predict_fn, x, t, batch_size)
    "week03_ex3": [
        # no batches: everything at once
        '''def batch_accuracy(predict_fn, x, t, batch_size=100):
    return float(np.mean(np.argmax(predict_fn(x), axis=1) == t))
''',
        # one row at a time
        '''def batch_accuracy(predict_fn, x, t, batch_size=100):
    correct = 0
    for i in range(len(x)):
        correct += int(np.argmax(predict_fn(x[i:i + 1]), axis=1)[0] == t[i])
    return correct / len(x)
''',
        # the last, smaller batch dropped
        '''def batch_accuracy(predict_fn, x, t, batch_size=100):
    correct = 0
    n = 0
    for i in range(0, len(x) - batch_size + 1, batch_size):
        y = predict_fn(x[i:i + batch_size])
        correct += np.sum(np.argmax(y, axis=1) == t[i:i + batch_size])
        n += batch_size
    return correct / max(n, 1)
''',
        # the mean of the batch accuracies instead of correct / N
        '''def batch_accuracy(predict_fn, x, t, batch_size=100):
    accs = []
    for i in range(0, len(x), batch_size):
        y = predict_fn(x[i:i + batch_size])
        accs.append(np.mean(np.argmax(y, axis=1) == t[i:i + batch_size]))
    return float(np.mean(accs))
''',
        # predict everything once, then slice the scores
        '''def batch_accuracy(predict_fn, x, t, batch_size=100):
    y = predict_fn(x)
    correct = 0
    for i in range(0, len(x), batch_size):
        correct += np.sum(np.argmax(y[i:i + batch_size], axis=1) == t[i:i + batch_size])
    return correct / len(x)
''',
        # the library's Model.accuracy does the batching
        '''def batch_accuracy(predict_fn, x, t, batch_size=100):
    class _Wrapped:
        predict = staticmethod(predict_fn)
    return cl.models.base.Model.accuracy(_Wrapped(), x, t, batch_size)
''',
        # integer division
        '''def batch_accuracy(predict_fn, x, t, batch_size=100):
    correct = 0
    for i in range(0, len(x), batch_size):
        y = predict_fn(x[i:i + batch_size])
        correct += int(np.sum(np.argmax(y, axis=1) == t[i:i + batch_size]))
    return correct // len(x)
''',
    ],
}
