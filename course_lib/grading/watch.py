"""Watch a student's code for calls into ``course_lib``.

Replacing a library function by one that raises is not enough: ``from
course_lib.functions import softmax as f`` keeps the original, and a call through
another library function (``softmax_cross_entropy(...)``) never touches the replaced
name. A profile function (``sys.setprofile``) sees every Python-level call, whatever
name it came through, so this module records each call whose code lives in
``course_lib`` while the student's code runs.

Allowed entries (``allow=``) are whole subtrees: once an allowed function or a
method of an allowed class is entered, everything it calls is fine (``MulLayer.forward``
may use whatever the library uses). Extra forbidden entries (``forbid=``) add code of
the notebook itself, e.g. the book's ``XOR`` when the exercise builds XOR from other
gates.
"""
from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import sys
import types
from pathlib import Path

PACKAGE = "course_lib"
_PACKAGE_DIR = str(Path(__file__).resolve().parents[1])
# Never reported: this package's own code (the watcher, the checks) and the lazy
# submodule loader of ``course_lib/__init__.py``.
_ALWAYS_ALLOWED_MODULES = ("course_lib.grading",)
_ALWAYS_ALLOWED_CODE = {"__getattr__", "__dir__", "<module>"}


class LibraryCallError(AssertionError):
    """The student's code called into ``course_lib`` where the exercise asks to implement.

    An ``AssertionError``, so that nbgrader counts it as a failed test.
    """


def _code_objects(obj) -> set:
    """Code objects of a function, method, property or of every method of a class (MRO)."""
    codes = set()
    if inspect.isclass(obj):
        for klass in inspect.getmro(obj):
            if klass is object:
                continue
            for member in vars(klass).values():
                codes |= _code_objects(member)
        return codes
    if isinstance(obj, (staticmethod, classmethod)):
        return _code_objects(obj.__func__)
    if isinstance(obj, property):
        for f in (obj.fget, obj.fset, obj.fdel):
            if f is not None:
                codes |= _code_objects(f)
        return codes
    if isinstance(obj, types.MethodType):
        return _code_objects(obj.__func__)
    if isinstance(obj, functools.partial):
        return _code_objects(obj.func)
    wrapped = getattr(obj, "__wrapped__", None)   # NumPy's dispatchers: np.convolve, sliding_window_view
    if wrapped is not None and not hasattr(obj, "__code__"):
        return _code_objects(wrapped)
    code = getattr(obj, "__code__", None)
    if isinstance(code, types.CodeType):
        codes.add(code)
        # nested functions (closures, comprehensions in 3.11) belong to it too
        stack = [code]
        while stack:
            for const in stack.pop().co_consts:
                if isinstance(const, types.CodeType):
                    codes.add(const)
                    stack.append(const)
    return codes


def _resolve(entry):
    """``'course_lib.layers.MulLayer'`` -> the object; objects pass through."""
    if not isinstance(entry, str):
        return entry
    try:
        return importlib.import_module(entry)
    except ImportError:
        module, _, name = entry.rpartition(".")
        if not module:
            raise ValueError(f"cannot resolve {entry!r}: give 'module.name' or the object itself") from None
        obj = importlib.import_module(module)
        for part in name.split("."):
            obj = getattr(obj, part)
        return obj


class _Spec:
    """Modules (by name prefix) and code objects, from a list of entries."""

    def __init__(self, entries):
        self.modules: tuple[str, ...] = ()
        self.codes: set = set()
        for entry in entries or ():
            obj = _resolve(entry)
            if isinstance(obj, types.ModuleType):
                self.modules += (obj.__name__,)
            else:
                found = _code_objects(obj)
                if not found:
                    raise TypeError(f"{entry!r} is neither a module, a class nor a Python function")
                self.codes |= found

    def matches(self, module: str, code) -> bool:
        return code in self.codes or any(module == m or module.startswith(m + ".") for m in self.modules)


def _where(frame) -> str:
    module = frame.f_globals.get("__name__", "?")
    name = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
    return f"{module}.{name}" if module != "__main__" else name


class _Watcher:
    def __init__(self, allow, forbid, what):
        self.allow = _Spec(allow)
        self.forbid = _Spec(forbid)
        self.what = what
        self.depth = 0          # > 0 inside an allowed subtree
        self.calls: list[str] = []

    def _forbidden(self, frame) -> bool:
        module = frame.f_globals.get("__name__", "")
        code = frame.f_code
        if self.forbid.matches(module, code):
            return True
        if module == PACKAGE or module.startswith(PACKAGE + "."):
            return not module.startswith(_ALWAYS_ALLOWED_MODULES)
        # library code run under another module's globals (FunctionType(f.__code__, ...))
        return code.co_filename.startswith(_PACKAGE_DIR)

    def __call__(self, frame, event, arg):
        if event == "call":
            if self.depth:
                self.depth += 1
                return
            module = frame.f_globals.get("__name__", "")
            code = frame.f_code
            if (self.allow.matches(module, code)
                    or (module.startswith(PACKAGE) and code.co_name in _ALWAYS_ALLOWED_CODE)):
                self.depth = 1
            elif self._forbidden(frame):
                where = _where(frame)
                if where not in self.calls:
                    self.calls.append(where)
        elif event == "return" and self.depth:
            self.depth -= 1

    def message(self) -> str:
        listed = ", ".join(f"`{c}`" for c in self.calls[:3])
        called = (f"{listed} 등 {len(self.calls)}개의 함수를" if len(self.calls) > 3 else f"{listed}을(를)")
        return (f"{self.what}: 직접 구현해야 하는 부분에서 {called} 호출했습니다. "
                "이 연습문제는 라이브러리(course_lib)나 문제가 금지한 완성된 함수를 부르지 않고 "
                "직접 구현해야 합니다 (문제에서 쓰라고 한 것만 쓸 수 있습니다).")


@contextlib.contextmanager
def no_library_calls(*, allow=(), forbid=(), what: str = "답안"):
    """Fail (``LibraryCallError``) if the code in the ``with`` block calls into ``course_lib``.

    allow: entries whose calls are fine, with everything they call — functions,
      classes (all their methods), modules, or dotted names such as
      ``"course_lib.layers.MulLayer"``.
    forbid: extra entries that count as forbidden too (e.g. a notebook's ``XOR``).
    what: the name shown in the Korean message (e.g. ``"my_softmax"``).

    Compute expected values *outside* the block: a test's own library calls inside it
    are reported as well.
    """
    watcher = _Watcher(allow, forbid, what)
    previous = sys.getprofile()
    if previous is not None:  # a debugger or profiler: keep it informed
        def profile(frame, event, arg):
            watcher(frame, event, arg)
            previous(frame, event, arg)
    else:
        profile = watcher
    sys.setprofile(profile)
    try:
        yield watcher
    finally:
        sys.setprofile(previous)
    if watcher.calls:
        raise LibraryCallError(watcher.message())


def call_without_library(func, *args, allow=(), forbid=(), **kwargs):
    """``func(*args, **kwargs)`` under :func:`no_library_calls`; returns its result.

    Example (a hidden test)::

        y = cl.grading.call_without_library(my_softmax, a)
        y = cl.grading.call_without_library(shop, 100, 2, allow=[cl.layers.MulLayer])
    """
    name = getattr(func, "__qualname__", getattr(func, "__name__", "답안"))
    with no_library_calls(allow=allow, forbid=forbid, what=name):
        return func(*args, **kwargs)
