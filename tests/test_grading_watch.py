"""The library-call watcher behind every hidden test: it must catch each way a student
reaches ``course_lib`` and must not flag honest code or allowed layers."""
import types

import numpy as np
import pytest

import course_lib as cl
from course_lib.functions import softmax as imported_softmax
from course_lib.grading import LibraryCallError, call_without_library, no_library_calls


def honest_softmax(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def via_attribute(a):
    return cl.functions.softmax(a)


def via_imported_name(a):
    return imported_softmax(a)


def via_other_library_function(a):
    # softmax hidden inside the loss: (probabilities, loss) is not needed, the call is
    t = np.zeros(a.shape[0], dtype=int)
    cl.functions.cross_entropy_error(honest_softmax(a), t)
    return honest_softmax(a)


def via_copied_code(a):
    f = types.FunctionType(cl.functions.softmax.__code__, cl.functions.softmax.__globals__)
    return f(a)


def via_subclass(a):
    class Mine(cl.layers.Relu):
        pass

    return Mine().forward(a)


@pytest.mark.parametrize("shortcut", [via_attribute, via_imported_name, via_other_library_function,
                                      via_copied_code, via_subclass])
def test_every_route_into_the_library_is_caught(shortcut):
    with pytest.raises(LibraryCallError) as info:
        call_without_library(shortcut, np.ones((2, 3)))
    assert shortcut.__name__ in str(info.value) and "course_lib" in str(info.value)


def test_honest_code_passes_and_returns_its_result():
    a = np.array([[1.0, 2.0, 3.0]])
    assert np.allclose(call_without_library(honest_softmax, a), cl.functions.softmax(a))


def test_the_error_is_an_assertion_so_nbgrader_counts_a_failed_test():
    assert issubclass(LibraryCallError, AssertionError)


def test_allowed_class_may_call_anything_beneath_it():
    def shop(price, n):
        layer = cl.layers.MulLayer()
        out = layer.forward(price, n)
        return out, layer.backward(1.0)

    out, grads = call_without_library(shop, 100, 2, allow=[cl.layers.MulLayer])
    assert out == 200 and grads == (2, 100)
    out, _ = call_without_library(shop, 100, 2, allow=["course_lib.layers.MulLayer"])
    assert out == 200
    with pytest.raises(LibraryCallError, match="MulLayer"):
        call_without_library(shop, 100, 2, allow=[cl.layers.AddLayer])


def test_allowed_function_does_not_allow_its_neighbours():
    def forward(x):
        return cl.functions.softmax(cl.functions.sigmoid(x))

    with pytest.raises(LibraryCallError, match="softmax"):
        call_without_library(forward, np.ones(3), allow=[cl.functions.sigmoid])
    call_without_library(forward, np.ones(3), allow=[cl.functions.sigmoid, cl.functions.softmax])


def test_extra_forbidden_notebook_function():
    def XOR(a, b):
        return a ^ b

    def lazy_xor(a, b):
        return XOR(a, b)

    def honest_xor(a, b):
        return (a | b) & (1 - (a & b))

    with pytest.raises(LibraryCallError, match="XOR"):
        call_without_library(lazy_xor, 1, 0, forbid=[XOR])
    assert call_without_library(honest_xor, 1, 0, forbid=[XOR]) == 1


def test_context_manager_form_and_nested_failures_still_report():
    layer = cl.layers.Relu()
    with pytest.raises(LibraryCallError, match="Relu"):
        with no_library_calls(what="내 Relu"):
            layer.forward(np.ones(2))
    # an exception raised by the student's code wins over the watcher's report
    with pytest.raises(ZeroDivisionError):
        with no_library_calls():
            1 / 0


def test_watcher_restores_an_existing_profiler():
    import sys

    seen = []

    def profiler(frame, event, arg):
        if event == "call":
            seen.append(frame.f_code.co_name)

    sys.setprofile(profiler)
    try:
        call_without_library(honest_softmax, np.ones(3))
        assert sys.getprofile() is profiler
    finally:
        sys.setprofile(None)
    assert "honest_softmax" in seen


def test_lazy_submodule_access_is_not_a_library_call():
    def uses_module_attribute(x):
        mod = cl.grading  # attribute access through course_lib.__getattr__
        return x + (mod is not None)

    assert call_without_library(uses_module_attribute, 1) == 2


def test_student_rng_differs_per_id_and_question_and_is_stable():
    a = cl.grading.student_rng("20261234", "q1").normal(size=3)
    b = cl.grading.student_rng("20261234", "q1").normal(size=3)
    c = cl.grading.student_rng("20265678", "q1").normal(size=3)
    d = cl.grading.student_rng("20261234", "q2").normal(size=3)
    assert np.array_equal(a, b) and not np.allclose(a, c) and not np.allclose(a, d)
    assert cl.grading.student_seed("20261234", "q1") == 17630554309600134389  # the same on every machine
    with pytest.raises(ValueError, match="STUDENT_ID"):
        cl.grading.student_seed("  ")


def test_expect_helpers_speak_korean():
    with pytest.raises(AssertionError, match="기대한 값은"):
        cl.grading.expect_close([1.0, 2.0], [1.0, 2.5], "my_softmax", hint="행마다 합이 1")
    with pytest.raises(AssertionError, match=r"형상\(shape\)"):
        cl.grading.expect_close(np.ones((2, 3)), np.ones((3, 2)), "출력")
    cl.grading.expect_close([1.0, 2.0], np.array([1.0, 2.0]), "ok")
    cl.grading.expect_equal([0, 1, 1, 0], [0, 1, 1, 0], "진리표")
    with pytest.raises(AssertionError, match="진리표"):
        cl.grading.expect_equal([0, 1, 1, 1], [0, 1, 1, 0], "진리표")


def test_numpy_dispatcher_functions_can_be_forbidden():
    """np.convolve and sliding_window_view are dispatcher objects without __code__; the
    watcher follows ``__wrapped__`` to their Python code."""
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    from course_lib.grading import LibraryCallError, call_without_library

    def by_numpy(x):
        return np.convolve(x, [1.0, 1.0], mode="valid")

    def by_hand(x):
        return x[1:] + x[:-1]

    x = np.arange(5.0)
    np.testing.assert_array_equal(call_without_library(by_hand, x, forbid=[np.convolve]), [1, 3, 5, 7])
    with pytest.raises(LibraryCallError):
        call_without_library(by_numpy, x, forbid=[np.convolve])
    with pytest.raises(LibraryCallError):
        call_without_library(lambda a: sliding_window_view(a, 2).sum(axis=1), x, forbid=[sliding_window_view])
