"""The copy task of week 20's length experiment: ``generate_copy`` and ``copy_data``."""
import numpy as np
import pytest

from course_lib.datasets import sequence


def test_generate_copy_lays_out_question_and_answer():
    lines = sequence.generate_copy(200, min_len=3, max_len=9, seed=5)
    assert len(lines) == 200
    for line in lines:
        assert len(line) == 2 * 9 + 2
        question, answer = line[:9], line[9:]
        digits = question.rstrip(" ")
        assert digits.isdigit() and 3 <= len(digits) <= 9
        assert question == digits.ljust(9)                      # padding only after the digits
        assert answer == f"_{digits}.".ljust(11)                 # start mark, the same digits, end mark
    lengths = [len(line[:9].rstrip(" ")) for line in lines]
    assert set(lengths) == set(range(3, 10))                     # every length occurs


def test_generate_copy_is_seeded_and_leading_zeros_stay():
    a = sequence.generate_copy(50, seed=11)
    assert a == sequence.generate_copy(50, seed=11)
    assert a != sequence.generate_copy(50, seed=12)
    many = sequence.generate_copy(2000, min_len=2, max_len=4, seed=1)
    assert any(line.startswith("0") for line in many)            # digits are uniform, '0' first too


def test_generate_copy_takes_given_lengths_and_checks_its_arguments():
    lines = sequence.generate_copy(4, min_len=1, max_len=6, lengths=[1, 6, 2, 6], seed=3)
    assert [len(line[:6].rstrip(" ")) for line in lines] == [1, 6, 2, 6]
    with pytest.raises(ValueError, match="min_len"):
        sequence.generate_copy(3, min_len=5, max_len=4)
    with pytest.raises(ValueError, match="lengths"):
        sequence.generate_copy(2, min_len=1, max_len=6, lengths=[1, 7])
    with pytest.raises(ValueError, match="lengths"):
        sequence.generate_copy(3, min_len=1, max_len=6, lengths=[1, 2])
    with pytest.raises(ValueError, match="n must be"):
        sequence.generate_copy(0)


def test_copy_data_arrays_and_test_split_by_length():
    (x, t), (xt, tt), vocab = sequence.copy_data(300, per_length_test=4, min_len=2, max_len=7)
    assert vocab is sequence.COPY_VOCAB and len(vocab) == 13
    pad, start, end = (vocab.char_to_id[c] for c in " _.")
    assert x.shape == (300, 7) and t.shape == (300, 9) and x.dtype == t.dtype == np.int32
    assert xt.shape == (6 * 4, 7) and tt.shape == (6 * 4, 9)
    lengths = (xt != pad).sum(axis=1)
    np.testing.assert_array_equal(lengths, np.repeat(np.arange(2, 8), 4))   # equal counts, in order
    for q, a in zip(np.concatenate([x, xt]), np.concatenate([t, tt])):
        n = int((q != pad).sum())
        assert a[0] == start and a[n + 1] == end
        np.testing.assert_array_equal(a[1:n + 1], q[:n])        # the answer copies the question
        assert (q[n:] == pad).all() and (a[n + 2:] == pad).all()
    assert vocab.decode(tt[0][1:]).rstrip(" ").endswith(".")
    # the test split is drawn apart from the training split and does not depend on its size
    (x2, _), (xt2, _), _ = sequence.copy_data(10, per_length_test=4, min_len=2, max_len=7)
    np.testing.assert_array_equal(xt, xt2)
    assert x2.shape == (10, 7)
