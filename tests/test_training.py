import numpy as np
import pytest

from course_lib.datasets.spiral import load_spiral
from course_lib.models import TwoLayerNet
from course_lib.optimizers import Adam
from course_lib.training import Trainer, clip_grads


def test_clip_grads_scales_to_max_norm():
    grads = [np.full(4, 3.0), np.full(5, 4.0)]
    before = clip_grads(grads, 1.0)
    assert before == pytest.approx(np.sqrt(4 * 9 + 5 * 16))
    assert np.sqrt(sum((g ** 2).sum() for g in grads)) == pytest.approx(1.0, rel=1e-5)
    small = [np.full(2, 0.1)]
    clip_grads(small, 1.0)
    np.testing.assert_allclose(small[0], 0.1)


def test_trainer_history_and_validation(capsys):
    x, t = load_spiral(n_per_class=50)
    net = TwoLayerNet(2, 10, 3, weight_init_std=1.0, rng=np.random.default_rng(0))
    trainer = Trainer(net, Adam(lr=0.05))
    hist = trainer.fit(x, t, max_epoch=5, batch_size=15, x_val=x[:30], t_val=t[:30],
                       rng=np.random.default_rng(0), progress=False)
    assert len(hist["loss"]) == len(hist["train_acc"]) == len(hist["val_acc"]) == 5
    assert len(hist["iter_loss"]) == 5 * 10
    trainer.fit(x, t, max_epoch=2, batch_size=15, progress=False)
    assert len(hist["loss"]) == 7


def test_trainer_plot_has_korean_labels():
    x, t = load_spiral(n_per_class=20)
    trainer = Trainer(TwoLayerNet(2, 5, 3), Adam())
    trainer.fit(x, t, max_epoch=2, batch_size=10, progress=False)
    ax = trainer.plot()
    ax = ax[0] if isinstance(ax, (list, tuple, np.ndarray)) else ax
    assert "에폭" in ax.get_xlabel()


def test_trainer_rejects_mismatched_data():
    with pytest.raises(ValueError, match="rows"):
        Trainer(TwoLayerNet(2, 2, 2), Adam()).fit(np.zeros((3, 2)), np.zeros(2, int))


def _book_eval_perplexity(model, corpus, batch_size=10, time_size=35):
    """The book's ``eval_perplexity`` (common/util.py), written out with Python loops."""
    corpus_size = len(corpus)
    total_loss = 0.0
    max_iters = (corpus_size - 1) // (batch_size * time_size)
    jump = (corpus_size - 1) // batch_size
    model.reset_state()
    for iters in range(max_iters):
        xs = np.zeros((batch_size, time_size), dtype=np.int32)
        ts = np.zeros((batch_size, time_size), dtype=np.int32)
        time_offset = iters * time_size
        offsets = [time_offset + (i * jump) for i in range(batch_size)]
        for t in range(time_size):
            for i, offset in enumerate(offsets):
                xs[i, t] = corpus[(offset + t) % corpus_size]
                ts[i, t] = corpus[(offset + t + 1) % corpus_size]
        total_loss += float(model.forward(xs, ts, train_flg=False))
    model.reset_state()
    return float(np.exp(total_loss / max_iters))


@pytest.mark.parametrize("length", [3501, 3500, 3537, 701])
def test_perplexity_matches_the_books_evaluation(length):
    # 3501: length - 1 is a multiple of the batch size, where an off-by-one in the
    # stream spacing reads other windows and drops an iteration
    from course_lib.models import SimpleRnnlm
    from course_lib.training import perplexity

    rng = np.random.default_rng(length)
    corpus = rng.integers(0, 30, size=length)
    model = SimpleRnnlm(30, 8, 8, dtype=np.float64, rng=np.random.default_rng(0))
    expected = _book_eval_perplexity(model, corpus)
    assert perplexity(model, corpus) == pytest.approx(expected, rel=1e-12)


def test_seeded_short_training_is_reproducible():
    # make execute and make test run with one BLAS thread: the same seed must give the
    # same numbers, run after run (the committed outputs are read against them)
    from course_lib.models import SimpleRnnlm
    from course_lib.optimizers import SGD
    from course_lib.training import RnnlmTrainer, perplexity

    corpus = np.random.default_rng(5).integers(0, 40, size=2000)

    def run():
        model = SimpleRnnlm(40, 16, 16, rng=np.random.default_rng(1))
        trainer = RnnlmTrainer(model, SGD(lr=0.5))
        hist = trainer.fit(corpus[:-1], corpus[1:], max_epoch=2, batch_size=5, time_size=10,
                           max_grad=0.25, eval_interval=5, progress=False)
        return hist["ppl"], perplexity(model, corpus, batch_size=5, time_size=10)

    (ppl_a, test_a), (ppl_b, test_b) = run(), run()
    assert ppl_a == ppl_b and test_a == test_b


def test_notebook_bar_saves_its_final_state(monkeypatch):
    # In a kernel the bar is one display output updated in place: what a saved notebook
    # keeps is the last update (100 %), not the first (0 %) as with tqdm's widget.
    from course_lib import progress as progress_mod

    shown = []

    class Handle:
        def update(self, bundle, raw):
            shown.append(bundle["text/plain"])

    def fake_display(bundle, raw, display_id):
        shown.append(bundle["text/plain"])
        return Handle()

    import IPython.display

    monkeypatch.setattr(IPython.display, "display", fake_display)
    monkeypatch.setattr(progress_mod, "_in_notebook_kernel", lambda: True)
    bar = progress_mod.progress(total=50, desc="학습", unit="batch")
    assert isinstance(bar, progress_mod.NotebookBar)
    for _ in range(50):
        bar.update(1)
    bar.set_postfix(loss="0.1234", train_acc="0.9507", val_acc="0.9476")
    bar.close()
    assert shown[0].startswith("학습:   0%")
    assert shown[-1].startswith("학습: 100%") and "50/50" in shown[-1] and "val_acc=0.9476]" in shown[-1]
    assert all(len(line) <= progress_mod.NCOLS for line in shown)


def test_progress_is_plain_tqdm_outside_a_kernel():
    from tqdm.std import tqdm as std_tqdm

    from course_lib.progress import NotebookBar, progress

    bar = progress(total=3, desc="x", disable=True)
    assert isinstance(bar, std_tqdm) and not isinstance(bar, NotebookBar)
    bar.close()
