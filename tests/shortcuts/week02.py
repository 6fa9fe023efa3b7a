"""Shortcut answers for week 2 (chapters/week02_perceptron.ipynb) that the graded tests must reject.

Each entry is the source of a whole replacement answer cell (every name the cell
defines), written the way a student who wants to skip the work would try it.
tests/test_exercises.py runs each one in place of the instructor's answer, then the
graded test cell (hidden tests included), and requires that cell to fail.
"""

_NAND_OK = '''

def nand_parameters():
    return np.array([-1.0, -1.0]), 1.5
'''

_GATE_OK = '''def perceptron_gate(x1, x2, w, b):
    return 0 if np.sum(w * np.array([x1, x2])) + b <= 0 else 1

'''

_ANDNOT_GIVEN = '''def andnot_parameters():
    return np.array([1.0, -1.0]), -0.5


def and_not(x1, x2):
    w, b = andnot_parameters()
    return int(perceptron(np.array([[x1, x2]]), w, b)[0])


'''

SHORTCUTS = {
    # perceptron_gate(x1, x2, w, b) and nand_parameters()
    "week02_ex1": [
        # the weights are ignored: NAND's truth table is built in
        '''def perceptron_gate(x1, x2, w, b):
    return 0 if (x1 == 1 and x2 == 1) else 1
''' + _NAND_OK,
        # a lookup table of NAND
        '''def perceptron_gate(x1, x2, w, b):
    return {(0, 0): 1, (1, 0): 1, (0, 1): 1, (1, 1): 0}[(x1, x2)]
''' + _NAND_OK,
        # the book's NAND gate called instead of the given weights
        '''def perceptron_gate(x1, x2, w, b):
    return NAND(x1, x2)
''' + _NAND_OK,
        # the book's values where the exercise asks for other ones
        _GATE_OK + '''
def nand_parameters():
    return np.array([-0.5, -0.5]), 0.7
''',
        # the library's step function instead of eq. 2.2 by hand
        '''def perceptron_gate(x1, x2, w, b):
    return int(cl.functions.step_function(np.dot(w, [x1, x2]) + b))
''' + _NAND_OK,
        # the notebook's vectorised perceptron (which calls the library)
        '''def perceptron_gate(x1, x2, w, b):
    return int(perceptron(np.array([[x1, x2]]), w, b)[0])
''' + _NAND_OK,
        # >= instead of >: fires on a weighted sum of exactly 0 (hidden test)
        '''def perceptron_gate(x1, x2, w, b):
    return 1 if np.sum(w * np.array([x1, x2])) + b >= 0 else 0
''' + _NAND_OK,
    ],
    # half_adder and full_adder from the gates
    "week02_ex2": [
        # plain arithmetic
        '''def half_adder(a, b):
    return (a + b) % 2, (a + b) // 2


def full_adder(a, b, c_in):
    return (a + b + c_in) % 2, (a + b + c_in) // 2
''',
        # bit operators
        '''def half_adder(a, b):
    return a ^ b, a & b


def full_adder(a, b, c_in):
    return a ^ b ^ c_in, (a & b) | (c_in & (a ^ b))
''',
        # the gates are called, but the answer comes from arithmetic
        '''def half_adder(a, b):
    XOR(a, b)
    AND(a, b)
    return (a + b) % 2, a & b


def full_adder(a, b, c_in):
    half_adder(a, b)
    OR(a, c_in)
    total = a + b + c_in
    return total % 2, total // 2
''',
        # sum from XOR, carry from multiplication
        '''def half_adder(a, b):
    return XOR(a, b), a * b


def full_adder(a, b, c_in):
    s1, c1 = half_adder(a, b)
    s, c2 = half_adder(s1, c_in)
    return s, OR(c1, c2)
''',
        # half adder from gates, but the full adder's carry from Python's `or`
        '''def half_adder(a, b):
    return XOR(a, b), AND(a, b)


def full_adder(a, b, c_in):
    s1, c1 = half_adder(a, b)
    s, c2 = half_adder(s1, c_in)
    return s, c1 or c2
''',
        # ... or from a bitwise | of the two gate outputs
        '''def half_adder(a, b):
    return XOR(a, b), AND(a, b)


def full_adder(a, b, c_in):
    s1, c1 = half_adder(a, b)
    s, c2 = half_adder(s1, c_in)
    return s, c1 | c2
''',
        # if statements instead of gates
        '''def half_adder(a, b):
    if a == b:
        return 0, a
    return 1, 0


def full_adder(a, b, c_in):
    n = [a, b, c_in].count(1)
    if n == 0:
        return 0, 0
    if n == 1:
        return 1, 0
    if n == 2:
        return 0, 1
    return 1, 1
''',
    ],
    # andnot_parameters, and_not (given) and xor_v2
    "week02_ex3": [
        # the book's XOR
        _ANDNOT_GIVEN + '''def xor_v2(x1, x2):
    return XOR(x1, x2)
''',
        # the layered XOR of 2.5
        _ANDNOT_GIVEN + '''def xor_v2(x1, x2):
    return int(xor_layers(np.array([[x1, x2]]))[0])
''',
        # Python's != instead of gates
        _ANDNOT_GIVEN + '''def xor_v2(x1, x2):
    return int(x1 != x2)
''',
        # AND(NAND, OR) rewritten by hand: the same XOR as the book, not the asked one
        _ANDNOT_GIVEN + '''def xor_v2(x1, x2):
    return AND(NAND(x1, x2), OR(x1, x2))
''',
        # and_not used, but combined with Python's `or`
        _ANDNOT_GIVEN + '''def xor_v2(x1, x2):
    return int(and_not(x1, x2) or and_not(x2, x1))
''',
        # OR called on something else than and_not
        _ANDNOT_GIVEN + '''def xor_v2(x1, x2):
    return OR(int(x1 != x2), 0)
''',
        # wrong parameters: OR's weights
        '''def andnot_parameters():
    return np.array([0.5, 0.5]), -0.2


def and_not(x1, x2):
    w, b = andnot_parameters()
    return int(perceptron(np.array([[x1, x2]]), w, b)[0])


def xor_v2(x1, x2):
    return OR(and_not(x1, x2), and_not(x2, x1))
''',
        # and_not rewritten to ignore the parameters
        '''def andnot_parameters():
    return np.array([1.0, -1.0]), -0.5


def and_not(x1, x2):
    return int(x1 == 1 and x2 == 0)


def xor_v2(x1, x2):
    return OR(and_not(x1, x2), and_not(x2, x1))
''',
    ],
}
