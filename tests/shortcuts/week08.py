"""Shortcut answers for week 8 (chapters/week08_training_techniques.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell, written the way a student
who wants to skip the work (or who misread the exercise) would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

_MOMENTUM_INIT = '''class MomentumOptimizer:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None
'''

_ADAM_INIT = '''class AdamOptimizer:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0
        self.m = None
        self.v = None
'''

_DROPOUT_INIT = '''class InvertedDropout:
    def __init__(self, dropout_ratio=0.5, rng=None):
        self.dropout_ratio = dropout_ratio
        self.rng = rng if rng is not None else np.random.default_rng()
        self.mask = None
'''

SHORTCUTS = {
    # MomentumOptimizer.update: v <- momentum v - lr g; W <- W + v, in place, no course_lib
    "week08_ex1": [
        # the library's Momentum behind the exercise's name
        '''class MomentumOptimizer:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None
        self._inner = cl.optimizers.Momentum(lr=lr, momentum=momentum)

    def update(self, params, grads):
        self._inner.update(params, grads)
''',
        # a new array put into the list: the model's weight arrays never change
        _MOMENTUM_INIT + '''
    def update(self, params, grads):
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for i in range(len(params)):
            self.v[i] = self.momentum * self.v[i] - self.lr * grads[i]
            params[i] = params[i] + self.v[i]
''',
        # plain SGD: the velocity forgotten
        _MOMENTUM_INIT + '''
    def update(self, params, grads):
        for p, g in zip(params, grads):
            p -= self.lr * g
''',
        # the velocity made afresh on every call (no state between calls)
        _MOMENTUM_INIT + '''
    def update(self, params, grads):
        for p, g in zip(params, grads):
            v = np.zeros_like(p)
            v = self.momentum * v - self.lr * g
            p += v
''',
        # the momentum argument ignored (the visible test uses 0.9)
        _MOMENTUM_INIT + '''
    def update(self, params, grads):
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v):
            v *= 0.9
            v -= self.lr * g
            p += v
''',
        # the velocity kept on the class: every optimizer shares it
        '''class MomentumOptimizer:
    shared_v = {}

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        for i, (p, g) in enumerate(zip(params, grads)):
            v = MomentumOptimizer.shared_v.setdefault((i, p.shape), np.zeros_like(p))
            v *= self.momentum
            v -= self.lr * g
            p += v
''',
        # the sign of the step flipped: W <- W - v
        _MOMENTUM_INIT + '''
    def update(self, params, grads):
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.v):
            v *= self.momentum
            v -= self.lr * g
            p -= v
''',
        # a closed form that is right only for a constant gradient (the visible test's)
        _MOMENTUM_INIT + '''
    def update(self, params, grads):
        self.calls = getattr(self, "calls", 0) + 1
        k = self.calls
        speed = self.lr * (1 - self.momentum ** k) / (1 - self.momentum)
        for p, g in zip(params, grads):
            p -= speed * g
''',
    ],
    # AdamOptimizer.update: bias-corrected Adam, in place, t once per call
    "week08_ex2": [
        # the library's Adam behind the exercise's name
        '''class AdamOptimizer:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0
        self.m = self.v = None
        self._inner = cl.optimizers.Adam(lr=lr, beta1=beta1, beta2=beta2, eps=eps)

    def update(self, params, grads):
        self.t += 1
        self._inner.update(params, grads)
''',
        # no bias correction
        _ADAM_INIT + '''
    def update(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * g * g
            p -= self.lr * m / (np.sqrt(v) + self.eps)
''',
        # t counted once per parameter instead of once per call
        _ADAM_INIT + '''
    def update(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        for p, g, m, v in zip(params, grads, self.m, self.v):
            self.t += 1
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * g * g
            m_hat = m / (1 - self.beta1 ** self.t)
            v_hat = v / (1 - self.beta2 ** self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
        # t never advanced: the first step's correction forever
        _ADAM_INIT + '''
    def update(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * g * g
            m_hat = m / (1 - self.beta1)
            v_hat = v / (1 - self.beta2)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
        # the betas hard-coded to the defaults
        _ADAM_INIT + '''
    def update(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m[...] = 0.9 * m + 0.1 * g
            v[...] = 0.999 * v + 0.001 * g * g
            p -= self.lr * (m / (1 - 0.9 ** self.t)) / (np.sqrt(v / (1 - 0.999 ** self.t)) + self.eps)
''',
        # a new array put into the list instead of an in-place update
        _ADAM_INIT + '''
    def update(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for i, g in enumerate(grads):
            self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g * g
            m_hat = self.m[i] / (1 - self.beta1 ** self.t)
            v_hat = self.v[i] / (1 - self.beta2 ** self.t)
            params[i] = params[i] - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
''',
        # RMSprop with bias correction: the gradient where m belongs (same first step)
        _ADAM_INIT + '''
    def update(self, params, grads):
        if self.v is None:
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for p, g, v in zip(params, grads, self.v):
            v[...] = self.beta2 * v + (1 - self.beta2) * g * g
            v_hat = v / (1 - self.beta2 ** self.t)
            p -= self.lr * g / (np.sqrt(v_hat) + self.eps)
''',
        # the square root forgotten
        _ADAM_INIT + '''
    def update(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * g * g
            p -= self.lr * (m / (1 - self.beta1 ** self.t)) / (v / (1 - self.beta2 ** self.t) + self.eps)
''',
    ],
    # InvertedDropout: mask = rng.random(x.shape) > r, scaled by 1/(1-r); identity at test time
    "week08_ex3": [
        # the library's Dropout behind the exercise's name
        '''class InvertedDropout:
    def __init__(self, dropout_ratio=0.5, rng=None):
        self.dropout_ratio = dropout_ratio
        self.rng = rng if rng is not None else np.random.default_rng()
        self.mask = None
        self._inner = cl.layers.Dropout(dropout_ratio, rng=self.rng)

    def forward(self, x, train_flg=True):
        self._inner.train_flg = train_flg
        return self._inner.forward(x)

    def backward(self, dout):
        return self._inner.backward(dout)
''',
        # the book's (not inverted) dropout: no scaling in training, (1 - r) at test time
        _DROPOUT_INIT + '''
    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = self.rng.random(x.shape) > self.dropout_ratio
            return x * self.mask
        self.mask = None
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout if self.mask is None else dout * self.mask
''',
        # NumPy's global generator instead of the layer's rng
        _DROPOUT_INIT + '''
    def forward(self, x, train_flg=True):
        if not train_flg:
            self.mask = None
            return x
        self.mask = np.random.rand(*x.shape) > self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout if self.mask is None else dout * self.mask / (1.0 - self.dropout_ratio)
''',
        # the given rng ignored: a fixed seed that happens to match the visible test
        _DROPOUT_INIT + '''
    def forward(self, x, train_flg=True):
        if not train_flg:
            self.mask = None
            return x
        if not hasattr(self, "own"):
            self.own = np.random.default_rng(0)
        self.mask = self.own.random(x.shape) > self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout if self.mask is None else dout * self.mask / (1.0 - self.dropout_ratio)
''',
        # the scaling forgotten in backward
        _DROPOUT_INIT + '''
    def forward(self, x, train_flg=True):
        if not train_flg:
            self.mask = None
            return x
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout if self.mask is None else dout * self.mask
''',
        # dropout applied at test time too
        _DROPOUT_INIT + '''
    def forward(self, x, train_flg=True):
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask / (1.0 - self.dropout_ratio)
''',
        # the training mask kept after a test-mode forward: backward still masks
        _DROPOUT_INIT + '''
    def forward(self, x, train_flg=True):
        if not train_flg:
            return x
        self.mask = self.rng.random(x.shape) > self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout if self.mask is None else dout * self.mask / (1.0 - self.dropout_ratio)
''',
        # the keep condition reversed: keeps each unit with probability r
        _DROPOUT_INIT + '''
    def forward(self, x, train_flg=True):
        if not train_flg:
            self.mask = None
            return x
        self.mask = self.rng.random(x.shape) < self.dropout_ratio
        return x * self.mask / (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout if self.mask is None else dout * self.mask / (1.0 - self.dropout_ratio)
''',
    ],
    # batchnorm_forward: batch statistics + in-place running statistics in training, running ones at inference
    "week08_ex4": [
        # the library's BatchNormalization, with its running statistics copied back
        '''def batchnorm_forward(x, gamma, beta, running_mean, running_var, train_flg=True, momentum=0.9, eps=1e-6):
    bn = cl.layers.BatchNormalization(gamma.copy(), beta.copy(), momentum=momentum, eps=eps,
                                      running_mean=running_mean.copy(), running_var=running_var.copy())
    bn.train_flg = train_flg
    out = bn.forward(x)
    running_mean[...] = bn.running_mean
    running_var[...] = bn.running_var
    return out
''',
        # the unbiased variance (divided by N - 1)
        '''def batchnorm_forward(x, gamma, beta, running_mean, running_var, train_flg=True, momentum=0.9, eps=1e-6):
    if train_flg:
        mu, var = x.mean(axis=0), x.var(axis=0, ddof=1)
        running_mean[...] = momentum * running_mean + (1 - momentum) * mu
        running_var[...] = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        # the running statistics rebound inside the function: the caller's arrays never change
        '''def batchnorm_forward(x, gamma, beta, running_mean, running_var, train_flg=True, momentum=0.9, eps=1e-6):
    if train_flg:
        mu, var = x.mean(axis=0), x.var(axis=0)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        # the batch's statistics at inference too (the running ones never used)
        '''def batchnorm_forward(x, gamma, beta, running_mean, running_var, train_flg=True, momentum=0.9, eps=1e-6):
    mu, var = x.mean(axis=0), x.var(axis=0)
    if train_flg:
        running_mean[...] = momentum * running_mean + (1 - momentum) * mu
        running_var[...] = momentum * running_var + (1 - momentum) * var
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        # the running statistics updated at inference as well
        '''def batchnorm_forward(x, gamma, beta, running_mean, running_var, train_flg=True, momentum=0.9, eps=1e-6):
    mu, var = x.mean(axis=0), x.var(axis=0)
    running_mean[...] = momentum * running_mean + (1 - momentum) * mu
    running_var[...] = momentum * running_var + (1 - momentum) * var
    if not train_flg:
        mu, var = running_mean, running_var
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        # momentum and eps hard-coded to the defaults
        '''def batchnorm_forward(x, gamma, beta, running_mean, running_var, train_flg=True, momentum=0.9, eps=1e-6):
    if train_flg:
        mu, var = x.mean(axis=0), x.var(axis=0)
        running_mean[...] = 0.9 * running_mean + 0.1 * mu
        running_var[...] = 0.9 * running_var + 0.1 * var
    else:
        mu, var = running_mean, running_var
    return gamma * (x - mu) / np.sqrt(var + 1e-6) + beta
''',
        # the weights of the moving average swapped
        '''def batchnorm_forward(x, gamma, beta, running_mean, running_var, train_flg=True, momentum=0.9, eps=1e-6):
    if train_flg:
        mu, var = x.mean(axis=0), x.var(axis=0)
        running_mean[...] = (1 - momentum) * running_mean + momentum * mu
        running_var[...] = (1 - momentum) * running_var + momentum * var
    else:
        mu, var = running_mean, running_var
    return gamma * (x - mu) / np.sqrt(var + eps) + beta
''',
        # x normalised in place (the caller's batch is overwritten)
        '''def batchnorm_forward(x, gamma, beta, running_mean, running_var, train_flg=True, momentum=0.9, eps=1e-6):
    if train_flg:
        mu, var = x.mean(axis=0), x.var(axis=0)
        running_mean[...] = momentum * running_mean + (1 - momentum) * mu
        running_var[...] = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    x -= mu
    x /= np.sqrt(var + eps)
    return gamma * x + beta
''',
    ],
    # sample_log_uniform: 10 ** rng.uniform(log10 low, log10 high, size)
    "week08_ex5": [
        # the library's log_uniform
        '''def sample_log_uniform(low, high, size, rng):
    return cl.hyperparams.log_uniform(low, high, size, rng=rng)
''',
        # uniform on the linear scale
        '''def sample_log_uniform(low, high, size, rng):
    return rng.uniform(low, high, size)
''',
        # NumPy's global generator
        '''def sample_log_uniform(low, high, size, rng):
    return 10.0 ** np.random.uniform(np.log10(low), np.log10(high), size)
''',
        # the visible test's bounds hard-coded
        '''def sample_log_uniform(low, high, size, rng):
    return 10.0 ** rng.uniform(-6, -2, size)
''',
        # only whole powers of ten
        '''def sample_log_uniform(low, high, size, rng):
    return 10.0 ** rng.integers(int(np.log10(low)), int(np.log10(high)), size)
''',
        # the exponent returned instead of the value
        '''def sample_log_uniform(low, high, size, rng):
    return rng.uniform(np.log10(low), np.log10(high), size)
''',
        # base e with base-10 exponents
        '''def sample_log_uniform(low, high, size, rng):
    return np.exp(rng.uniform(np.log10(low), np.log10(high), size))
''',
        # the size argument ignored
        '''def sample_log_uniform(low, high, size, rng):
    return 10.0 ** rng.uniform(np.log10(low), np.log10(high), 4000)
''',
    ],
}
