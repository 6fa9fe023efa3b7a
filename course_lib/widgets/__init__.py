"""Interactive demos, each a function returning an ipywidgets box.

A notebook cell only calls one of these, e.g. ``cl.widgets.perceptron_explorer()``.
Book 1 (weeks 1-5) lives in :mod:`.book1`, book 2 chapters 5-8 (weeks 17-20) in
:mod:`.sequence`, the shared machinery in :mod:`._base`. Every returned box has,
besides its ``children``:

- ``.controls``: dict ``name -> widget`` (sliders, dropdowns, text boxes, ...);
- ``.output``: the ``ipywidgets.Output`` that shows the figure;
- ``.info``: an ``ipywidgets.HTML`` with the numbers as text (when the demo has any);
- ``.state``: dict with the latest computed numbers (truth table, path, gradients...);
- ``.refresh()``: recompute and redraw (changing a control does this already);
- ``.hold()``: context manager; controls set inside it cause one redraw at the end;
- ``.show(fig)``: put a figure into ``.output`` (used by the demos themselves).

Controls use ``observe`` callbacks, so setting ``box.controls['w1'].value = 0.3`` from
code (or a test) updates ``.state`` and the display exactly as moving the slider does.
Figures are ``matplotlib.figure.Figure`` objects outside pyplot, rendered to PNG into
the Output: they never pile up in pyplot or show twice in a notebook. Every redraw
goes through this package's ``_show(output, fig)``, so wrapping it sees all of them.
"""
from ._base import _show
from .book1 import (GATES, GD_FUNCTIONS, PERCEPTRON_PRESETS, activation_explorer, apple_orange_graph,
                    backprop_explorer, function_plotter, gradient_descent_explorer,
                    gradient_descent_path, mnist_viewer, perceptron_explorer)
from .sequence import (attention_heatmap, rnn_gradient_flow, seq2seq_explorer, temperature_explorer,
                       vanishing_gradient_explorer)

__all__ = [
    "function_plotter",
    "perceptron_explorer",
    "activation_explorer",
    "mnist_viewer",
    "gradient_descent_explorer",
    "backprop_explorer",
    "gradient_descent_path",
    "apple_orange_graph",
    "vanishing_gradient_explorer",
    "rnn_gradient_flow",
    "temperature_explorer",
    "seq2seq_explorer",
    "attention_heatmap",
]
