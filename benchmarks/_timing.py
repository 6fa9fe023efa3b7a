"""Shared helpers of the benchmark scripts: warm-up + median timing, a per-layer
timer, machine-load notes and plain-text tables.

Nothing here is a test: the scripts print numbers measured side by side in one run.
"""
from __future__ import annotations

import os
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class Timing:
    """Seconds of ``len(samples)`` timed calls (after the warm-up ones).

    ``samples``: wall-clock (``time.perf_counter``); ``cpu_samples``: CPU time of this
    process, all threads (``time.process_time``). On a busy machine the wall time
    grows with the other processes' load while the CPU time of a one-thread run
    barely does, so the CPU time is the steadier figure there.
    """

    samples: list[float] = field(default_factory=list)
    cpu_samples: list[float] = field(default_factory=list)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def best(self) -> float:
        return min(self.samples)

    @property
    def spread(self) -> float:
        """Relative half-range of the middle half of the samples (IQR / 2 / median):
        a rough noise figure; 0.05 means the typical step is within about ±5 %."""
        if len(self.samples) < 4:
            return float("nan")
        q1, _, q3 = statistics.quantiles(self.samples, n=4)
        return (q3 - q1) / 2 / self.median


def time_calls(fn, *, warmup: int = 3, repeat: int = 10) -> Timing:
    """Call ``fn()`` ``warmup`` times untimed, then ``repeat`` times, timing each call
    with ``time.perf_counter`` (and ``time.process_time``). Returns the
    :class:`Timing` of the timed calls."""
    if repeat < 1 or warmup < 0:
        raise ValueError(f"need repeat >= 1 and warmup >= 0, got repeat={repeat}, warmup={warmup}")
    for _ in range(warmup):
        fn()
    timing = Timing()
    for _ in range(repeat):
        cpu, start = time.process_time(), time.perf_counter()
        fn()
        timing.samples.append(time.perf_counter() - start)
        timing.cpu_samples.append(time.process_time() - cpu)
    return timing


class SectionTimer:
    """Accumulates wall-clock and CPU time per named section within one step.

    ``with timer("LSTM fwd"): ...`` adds the block's time to the current step's
    entry; :meth:`wrap` does the same around every call of an object's method (so a
    layer's ``forward``/``backward`` can be timed without editing the library).
    ``end_step()`` closes a step; :meth:`medians` gives the per-section median over
    the closed steps (seconds; ``cpu=True`` for process CPU time).
    """

    def __init__(self):
        self.steps: list[dict[str, tuple[float, float]]] = []
        self._current: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        self.order: list[str] = []

    def __call__(self, name: str):
        return _Section(self, name)

    def add(self, name: str, wall: float, cpu: float = 0.0) -> None:
        if name not in self.order:
            self.order.append(name)
        entry = self._current[name]
        entry[0] += wall
        entry[1] += cpu

    def wrap(self, obj, method: str, name: str) -> None:
        """Replace ``obj.<method>`` (on the instance only) by a timed version."""
        inner = getattr(obj, method)

        def timed(*args, **kwargs):
            with _Section(self, name):
                return inner(*args, **kwargs)

        setattr(obj, method, timed)

    def end_step(self) -> None:
        self.steps.append({k: (v[0], v[1]) for k, v in self._current.items()})
        self._current = defaultdict(lambda: [0.0, 0.0])

    def reset(self) -> None:
        self.steps.clear()
        self._current = defaultdict(lambda: [0.0, 0.0])

    def medians(self, cpu: bool = False) -> dict[str, float]:
        """Median seconds per section over the recorded steps, in first-seen order."""
        k = 1 if cpu else 0
        return {name: statistics.median(s.get(name, (0.0, 0.0))[k] for s in self.steps)
                for name in self.order}


class _Section:
    def __init__(self, timer: SectionTimer, name: str):
        self.timer, self.name = timer, name

    def __enter__(self):
        self.cpu, self.start = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.timer.add(self.name, time.perf_counter() - self.start, time.process_time() - self.cpu)
        return False


def load_note() -> str:
    """One line with the 1/5/15-minute load averages and the CPU count, for the log."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # pragma: no cover - not on every OS
        return f"load: unavailable, cpus={os.cpu_count()}"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def format_table(headers, rows) -> str:
    """Plain-text table: ``headers`` (k,) strings, ``rows`` list of k-sequences.

    Floats are printed with up to 3 decimals; numbers are right-aligned.
    """
    def cell(v):
        if isinstance(v, float):
            if v != v:  # NaN
                return "–"
            return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
        return str(v)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    numeric = [all(isinstance(row[i], (int, float)) for row in rows) for i in range(len(headers))]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric))

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out)


def print_table(headers, rows, title: str | None = None) -> None:
    """Print :func:`format_table` with an optional title line."""
    if title:
        print(f"\n{title}")
    print(format_table(headers, rows))
