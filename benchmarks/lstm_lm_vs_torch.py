"""One training step of the LSTM language model: course_lib (NumPy) against PyTorch
on the CPU, same shapes, same thread count, measured side by side in one run.

Shapes of book 2, chapter 6 (BetterRnnlm): batch N=20, T=35 time steps,
D=H=650, V=10,000, float32. A step is forward + backward + gradient clipping
(max norm 0.25) + SGD update (lr 20), with the hidden state carried between steps
(truncated BPTT), on random word ids.

- ``rnnlm``: Embedding → LSTM → Affine → softmax cross-entropy (one layer,
  ``course_lib.models.Rnnlm``).
- ``better`` (``--better``): Embedding → Dropout → LSTM → Dropout → LSTM → Dropout →
  Affine tied to the embedding (``course_lib.models.BetterRnnlm``, dropout 0.5).

PyTorch builds the same model from ``nn.Embedding``, ``nn.LSTM``, ``nn.Linear``
(tied weight for ``better``), ``F.cross_entropy``, ``clip_grad_norm_`` and
``torch.optim.SGD``.

Each measurement runs in a fresh subprocess of this script, with
``OPENBLAS_NUM_THREADS``/``OMP_NUM_THREADS``/``MKL_NUM_THREADS`` set before NumPy
is imported (and ``torch.set_num_threads(n)``), one library per process so that the
two libraries' thread pools never compete. NumPy and PyTorch processes alternate.
Each process does ``--warmup`` untimed steps, then ``--repeat`` timed ones; the
table shows the median ms/step. For NumPy it then times the same number of steps
again with a per-layer timer (the breakdown table).

Run from the repository root::

    PYTHONPATH=. python benchmarks/lstm_lm_vs_torch.py            # 1 and 2 threads
    PYTHONPATH=. python benchmarks/lstm_lm_vs_torch.py --better   # also the 2-layer model

PyTorch is a benchmark-only dependency: without it the script exits with status 2
and says how to install it.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from _timing import SectionTimer, load_note, print_table, time_calls  # noqa: E402

N, T, D, H, V = 20, 35, 650, 650, 10_000
LR, MAX_GRAD, DROPOUT = 20.0, 0.25, 0.5
GOAL = 1.5
TORCH_HINT = "pip install torch==2.13.0"


# ------------------------------------------------------------------------- data
def _batches(seed: int = 0, count: int = 8):
    """``count`` (N, T+1) blocks of random word ids: inputs ``[:, :-1]``, targets ``[:, 1:]``."""
    import numpy as np

    return np.random.default_rng(seed).integers(0, V, size=(count, N, T + 1))


# ------------------------------------------------------------------------- NumPy worker
def numpy_worker(model_name: str, warmup: int, repeat: int, breakdown: bool) -> dict:
    """Time course_lib's training step; returns the result dict (seconds)."""
    import numpy as np

    from course_lib.models.rnnlm import BetterRnnlm, Rnnlm
    from course_lib.optimizers import SGD
    from course_lib.training import clip_grads

    rng = np.random.default_rng(1)
    if model_name == "better":
        model = BetterRnnlm(V, D, H, dropout_ratio=DROPOUT, rng=rng)
    else:
        model = Rnnlm(V, D, H, rng=rng)
    if any(p.dtype != np.float32 for p in model.params):
        raise RuntimeError("expected float32 parameters")
    optimizer = SGD(LR)
    blocks = _batches()
    count = [0]
    timer = SectionTimer()

    def step():
        block = blocks[count[0] % len(blocks)]
        count[0] += 1
        model.forward(block[:, :-1], block[:, 1:])
        model.backward()
        with timer("clip"):
            clip_grads(model.grads, MAX_GRAD)
        with timer("update (SGD)"):
            optimizer.update(model.params, model.grads)

    timing = time_calls(step, warmup=warmup, repeat=repeat)
    result = {"median": timing.median, "cpu": timing.cpu_median, "spread": timing.spread,
              "blas_threads": _blas_threads()}

    if breakdown:
        names = {"TimeEmbedding": "embedding", "TimeDropout": "dropout", "TimeLSTM": "LSTM",
                 "TimeAffine": "affine"}
        for layer in model.layers:
            kind = names.get(type(layer).__name__, type(layer).__name__)
            timer.wrap(layer, "forward", f"{kind} fwd")
            timer.wrap(layer, "backward", f"{kind} bwd")
        timer.wrap(model.loss_layer, "forward", "softmax loss fwd")
        timer.wrap(model.loss_layer, "backward", "softmax loss bwd")
        timer.reset()
        for _ in range(repeat):
            with timer("total"):
                step()
            timer.end_step()
        walls, cpus = timer.medians(), timer.medians(cpu=True)
        order = ["embedding fwd", "dropout fwd", "LSTM fwd", "affine fwd", "softmax loss fwd",
                 "softmax loss bwd", "affine bwd", "LSTM bwd", "dropout bwd", "embedding bwd",
                 "clip", "update (SGD)"]
        names = [k for k in order if k in walls] + [k for k in walls if k not in order and k != "total"]
        rows = [(k, walls[k], cpus[k]) for k in names]
        result["breakdown"] = {"total": (walls["total"], cpus["total"]), "sections": rows}
    return result


def _blas_threads():
    """Thread count of the BLAS NumPy uses, as threadpoolctl reports it (or None)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    counts = [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "blas"]
    return counts[0] if counts else None


# ------------------------------------------------------------------------- torch worker
def torch_worker(model_name: str, threads: int, warmup: int, repeat: int) -> dict:
    """Time the same training step in PyTorch on the CPU; returns the result dict."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    torch.set_num_threads(threads)
    torch.manual_seed(1)
    layers = 2 if model_name == "better" else 1
    dropout = DROPOUT if model_name == "better" else 0.0

    class LM(nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = nn.Embedding(V, D)
            self.lstms = nn.ModuleList(nn.LSTM(D if i == 0 else H, H, batch_first=True) for i in range(layers))
            self.drop = nn.Dropout(dropout)
            self.fc = nn.Linear(H, V)
            if model_name == "better":
                self.fc.weight = self.embed.weight          # weight tying (V, H) == (V, D)

        def forward(self, x, state):
            out = self.drop(self.embed(x)) if dropout else self.embed(x)
            new_state = []
            for lstm, s in zip(self.lstms, state):
                out, s = lstm(out, s)
                new_state.append(tuple(a.detach() for a in s))
                if dropout:
                    out = self.drop(out)
            return self.fc(out), new_state

    model = LM().train()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    blocks = torch.from_numpy(_batches())                  # the same ids as the NumPy run
    state = [[(torch.zeros(1, N, H), torch.zeros(1, N, H)) for _ in range(layers)]]
    count = [0]

    def step():
        block = blocks[count[0] % len(blocks)]
        count[0] += 1
        optimizer.zero_grad()
        logits, state[0] = model(block[:, :-1], state[0])
        loss = F.cross_entropy(logits.reshape(-1, V), block[:, 1:].reshape(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), MAX_GRAD)
        optimizer.step()

    timing = time_calls(step, warmup=warmup, repeat=repeat)
    return {"median": timing.median, "cpu": timing.cpu_median, "spread": timing.spread,
            "torch_threads": torch.get_num_threads(), "torch_version": torch.__version__}


# ------------------------------------------------------------------------- driver
def _run_worker(kind: str, model_name: str, threads: int, args) -> dict:
    env = dict(os.environ)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--model", model_name,
           "--threads", str(threads), "--warmup", str(args.warmup), "--repeat", str(args.repeat)]
    if kind == "numpy" and args.breakdown:
        cmd.append("--worker-breakdown")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} worker failed (threads={threads}, model={model_name}):\n{proc.stderr}")
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


def _pct(spread: float) -> str:
    """``±7%`` for a relative spread of 0.07; ``–`` when too few steps to say."""
    return "–" if spread != spread else f"±{spread:.0%}"


def _environment() -> str:
    import numpy as np
    model = "unknown CPU"
    try:
        for ln in Path("/proc/cpuinfo").read_text().splitlines():
            if ln.startswith("model name"):
                model = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import torch
    return (f"{model}; Python {sys.version.split()[0]}, NumPy {np.__version__}, "
            f"torch {torch.__version__}\n{load_note()} (before the run)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--better", action="store_true",
                        help="also measure the two-layer tied/dropout model (BetterRnnlm)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts (default 1 2)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed steps per process (default 3)")
    parser.add_argument("--repeat", type=int, default=10, help="timed steps per process (default 10)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="repeat every NumPy/PyTorch pair this many times (default 2)")
    parser.add_argument("--no-breakdown", dest="breakdown", action="store_false",
                        help="skip the per-layer timing of the NumPy step")
    parser.add_argument("--worker", choices=["numpy", "torch"], help=argparse.SUPPRESS)
    parser.add_argument("--worker-breakdown", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--model", choices=["rnnlm", "better"], default="rnnlm", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.threads) < 1 or args.repeat < 1 or args.warmup < 0 or args.rounds < 1:
        parser.error("threads and repeat must be >= 1, warmup >= 0, rounds >= 1")

    if args.worker == "numpy":
        result = numpy_worker(args.model, args.warmup, args.repeat, args.worker_breakdown)
        print("RESULT " + json.dumps(result))
        return 0
    if args.worker == "torch":
        result = torch_worker(args.model, args.threads[0], args.warmup, args.repeat)
        print("RESULT " + json.dumps(result))
        return 0

    if importlib.util.find_spec("torch") is None:
        print(f"PyTorch is not installed in {sys.executable}; this benchmark compares against it.\n"
              f"Install the CPU build with: {TORCH_HINT}", file=sys.stderr)
        return 2

    print(f"LSTM language-model training step: N={N}, T={T}, D=H={H}, V={V:,}, float32, "
          f"clip {MAX_GRAD}, SGD lr {LR}")
    print(_environment())
    print(f"each cell: median of {args.repeat} steps after {args.warmup} warm-up steps, "
          "one process per library and thread count", flush=True)
    models = ["rnnlm", "better"] if args.better else ["rnnlm"]
    labels = {"rnnlm": "Rnnlm (1 layer)", "better": "BetterRnnlm (2 layers, tied, dropout)"}
    rows, breakdowns = [], {}
    for model_name in models:
        for threads in args.threads:
            for rnd in range(1, args.rounds + 1):
                npr = _run_worker("numpy", model_name, threads, args)
                tr = _run_worker("torch", model_name, threads, args)
                ratio = npr["median"] / tr["median"]
                rows.append((labels[model_name], threads, rnd, npr["median"] * 1e3, tr["median"] * 1e3, ratio,
                             npr["cpu"] * 1e3, tr["cpu"] * 1e3, npr["cpu"] / tr["cpu"],
                             f"{_pct(npr['spread'])} / {_pct(tr['spread'])}", "yes" if ratio <= GOAL else "no"))
                print(f"  {labels[model_name]}, {threads} thread(s), round {rnd}: numpy {npr['median'] * 1e3:.0f} ms, "
                      f"torch {tr['median'] * 1e3:.0f} ms (BLAS threads seen: {npr['blas_threads']}, "
                      f"torch threads: {tr['torch_threads']}; {load_note()})", flush=True)
                if "breakdown" in npr and (model_name, threads) not in breakdowns:
                    breakdowns[(model_name, threads)] = npr["breakdown"]
    print_table(["model", "threads", "round", "numpy ms", "torch ms", "numpy/torch",
                 "numpy cpu ms", "torch cpu ms", "cpu ratio", "noise (IQR/2)", f"≤ {GOAL}×"], rows,
                title="Training step, NumPy (course_lib) vs PyTorch CPU: median wall-clock ms/step "
                      "(and process CPU ms/step)")
    for (model_name, threads), bd in breakdowns.items():
        total, total_cpu = bd["total"]
        sections = bd["sections"]
        covered = sum(w for _, w, _ in sections)
        covered_cpu = sum(c for _, _, c in sections)
        table = [(name, w * 1e3, 100 * w / total, c * 1e3) for name, w, c in sections]
        table.append(("other (model glue, tied-weight sum)", (total - covered) * 1e3,
                      100 * (total - covered) / total, (total_cpu - covered_cpu) * 1e3))
        table.append(("total (median step)", total * 1e3, 100.0, total_cpu * 1e3))
        print_table(["section", "ms/step", "% of step", "cpu ms/step"], table,
                    title=f"Where the NumPy step spends its time: {labels[model_name]}, {threads} thread(s) "
                          "(per-section medians)")
    print(f"\n{load_note()} (after the run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
