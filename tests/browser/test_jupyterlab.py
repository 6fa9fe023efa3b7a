"""A person's view: real JupyterLab in headless Chromium runs a notebook, moves a widget,
and opens notebooks as committed (untrusted, nothing run) to read their saved widgets.

Needs Debian ``chromium`` (``/usr/bin/chromium``), ``pip install playwright`` (never
``playwright install``) and a Korean font (Debian ``fonts-nanum``). Run with
``COURSE_PROFILE=quick python -m pytest tests/browser -m browser``. Set
``COURSE_BROWSER_SHOTS=<folder>`` to keep the screenshots (default: the test's tmp_path).
"""
import json
import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"browser test: no {CHROMIUM} (Debian: apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser test: `pip install playwright` (never `playwright install`)")
expect = sync_api.expect
expect.set_options(timeout=20_000)  # a redraw round trip on a loaded 2-core machine

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
RUN_ALL_TIMEOUT_MS = 180_000
# 'done' when every code cell has an execution count, 'error' when a traceback shows.
RUN_ALL_DONE_JS = """(sel) => {
  const nb = document.querySelector(sel);
  if (!nb) return false;
  const err = [...nb.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .find(e => e.textContent.includes('Traceback'));
  if (err) return 'error: ' + err.textContent.slice(0, 1500);
  const p = [...nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim());
  return p.length > 0 && p.every(t => /^\\[\\d+\\]:$/.test(t)) ? 'done' : false;
}"""
# True when Hangul in font stack `fam` draws exactly like a code point no font has (tofu).
TOFU_JS = """(fam) => {
  const draw = (s) => { const c = document.createElement('canvas'); c.width = 240; c.height = 40;
    const x = c.getContext('2d'); x.font = '24px ' + fam; x.fillText(s, 4, 30); return c.toDataURL(); };
  return draw('퍼셉트론') === draw('\\u{10FFFD}'.repeat(4));
}"""


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium through playwright."""
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, lab):
    """A fresh browser page; no kernel is left from an earlier test. ``page.errors``
    collects uncaught page exceptions and console errors (a widget that fails to
    render logs one)."""
    lab.delete_sessions()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(f"pageerror: {exc}"))
    pg.on("console", lambda msg: pg.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("COURSE_BROWSER_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def wait_idle(page):
    """Wait until the notebook's kernel indicator and the status bar both say Idle."""
    page.wait_for_function(
        """() => document.querySelector(
                   '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'
             && /\\|\\s*Idle/.test(document.querySelector('#jp-main-statusbar')?.textContent || '')""",
        timeout=60_000)


def menu(page, top, command):
    """Click a main-menu entry, e.g. Run -> the item bound to ``runmenu:run-all``."""
    page.locator(f'.lm-MenuBar-itemLabel:text-is("{top}")').click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').first.click()


def run_notebook(page, lab, name):
    """Open ``name`` in its own workspace, clear all outputs, Run All and wait for the end."""
    page.goto(f"{lab.url}/lab/workspaces/{Path(name).stem}/tree/{name}?token={lab.token}")
    page.locator(f"{NOTEBOOK} .jp-CodeCell").first.wait_for()
    wait_idle(page)
    menu(page, "Edit", "editmenu:clear-all")
    expect(page.locator(f"{NOTEBOOK} .jp-CodeCell .jp-InputPrompt").first).to_have_text("[ ]:")
    menu(page, "Run", "runmenu:run-all")
    result = page.wait_for_function(RUN_ALL_DONE_JS, arg=NOTEBOOK, timeout=RUN_ALL_TIMEOUT_MS).json_value()
    assert result == "done", f"{name}: a cell failed in JupyterLab:\n{result}"
    wait_idle(page)


def widget_output(page, call, ready=".widget-slider"):
    """The output area of the code cell that calls ``call``, once its ``ready`` control is live."""
    out = page.locator(f"{NOTEBOOK} .jp-CodeCell", has_text=call).locator(".jp-Cell-outputArea")
    out.locator(ready).first.wait_for()
    return out


def nudge(handle, key, times):
    """Focus a noUiSlider handle and press ``key`` ``times`` times, as a keyboard user does."""
    handle.focus()
    for _ in range(times):
        handle.press(key)


def test_week02_perceptron_explorer_reacts_to_slider(page, lab, shots):
    run_notebook(page, lab, "week02_perceptron.ipynb")
    out = widget_output(page, "cl.widgets.perceptron_explorer()")
    info = out.locator(".widget-html", has_text="진리표")
    image = out.locator("img")
    bias = out.locator(".widget-slider", has_text="편향 b")
    expect(info).to_contain_text("일치하는 게이트: AND")  # w1 = w2 = 0.5, b = -0.7
    expect(bias.locator(".widget-readout")).to_have_text("\u22120.70")  # d3-format readout: U+2212 minus
    before = image.get_attribute("src")
    assert before.startswith("data:image/png;base64,")

    nudge(bias.locator(".noUi-handle"), "ArrowRight", 6)  # b: -0.7 -> -0.4 (step 0.05)

    expect(bias.locator(".widget-readout")).to_have_text("\u22120.40")
    expect(info).to_contain_text("일치하는 게이트: OR")
    expect(image).not_to_have_attribute("src", before)
    out.screenshot(path=shots / "browser_week02.png")
    assert not page.errors, f"errors in the browser console: {page.errors}"


def test_week01_function_plotter_reacts_to_dropdown_and_slider(page, lab, shots):
    run_notebook(page, lab, "week01_hello_python.ipynb")
    out = widget_output(page, "cl.widgets.function_plotter()")
    image = out.locator("img")
    first = image.get_attribute("src")

    out.locator("select").select_option(label="시그모이드 sigmoid(x)")
    expect(image).not_to_have_attribute("src", first)
    second = image.get_attribute("src")

    x_range = out.locator(".widget-slider", has_text="x 범위")
    readout = x_range.locator(".widget-readout").inner_text()
    nudge(x_range.locator(".noUi-handle-upper"), "ArrowRight", 4)  # 5.0 -> 7.0 (step 0.5)
    expect(x_range.locator(".widget-readout")).not_to_have_text(readout)
    expect(image).not_to_have_attribute("src", second)
    out.screenshot(path=shots / "browser_week01.png")
    assert not page.errors, f"errors in the browser console: {page.errors}"


def test_week19_temperature_slider_changes_the_sampled_text(page, lab, shots):
    run_notebook(page, lab, "week19_seq2seq.ipynb")
    out = widget_output(page, "cl.widgets.temperature_explorer(")
    info = out.locator(".widget-html", has_text="지금 온도")
    image = out.locator("img")
    expect(info).to_contain_text("확률적 선택")          # starts at temperature 1: sampling
    before_text, before_image = info.inner_text(), image.get_attribute("src")

    temperature = out.locator(".widget-slider", has_text="온도")
    nudge(temperature.locator(".noUi-handle"), "ArrowLeft", 10)   # 1.0 -> 0.0 (step 0.1)

    expect(temperature.locator(".widget-readout")).to_have_text("0.0")
    expect(info).to_contain_text("결정적 선택")          # temperature 0: argmax
    assert info.inner_text() != before_text
    expect(image).not_to_have_attribute("src", before_image)
    out.screenshot(path=shots / "browser_week19.png")
    assert not page.errors, f"errors in the browser console: {page.errors}"


def test_week20_attention_heatmap_follows_a_typed_date(page, lab, shots):
    run_notebook(page, lab, "week20_attention.ipynb")
    out = widget_output(page, "cl.widgets.attention_heatmap(", ready=".widget-text input")
    info = out.locator(".widget-html", has_text="입력")
    image = out.locator("img")
    image.wait_for()
    before = image.get_attribute("src")

    date = out.locator(".widget-text", has_text="날짜 입력").locator("input")
    date.fill("march 3, 2001")
    date.press("Enter")                                 # the Text reports on Enter

    expect(info).to_contain_text("입력: march 3, 2001")
    expect(info).to_contain_text("정답 2001-03-03")      # the answer key; the quick model may miss it
    expect(image).not_to_have_attribute("src", before)
    out.screenshot(path=shots / "browser_week20.png")

    date.fill("3월 3일, 2001")                           # Hangul is not in date.txt's vocabulary
    date.press("Enter")
    expect(out).to_contain_text("어휘(vocabulary)에 없는 문자")
    assert not page.errors, f"errors in the browser console: {page.errors}"


def test_hangul_is_not_tofu_in_jupyterlab_fonts(page, lab):
    page.goto(f"{lab.url}/lab/workspaces/fonts?token={lab.token}")
    page.locator(".jp-DirListing-item").first.wait_for()
    for var in ("--jp-content-font-family", "--jp-ui-font-family"):
        fam = page.evaluate(f"getComputedStyle(document.body).getPropertyValue('{var}')")
        assert fam.strip(), f"JupyterLab defines no {var}"
        assert not page.evaluate(TOFU_JS, fam), (
            f"Hangul renders as empty boxes in Chromium with {var} ({fam}): install a Korean "
            "font (Debian: apt-get install -y fonts-nanum)")


# ------------------------------------------------ saved widgets, read without running
# JupyterLab renders the widget view only for trusted outputs; a fresh clone is not
# trusted, so a saved demo must fall back to its picture (image/png), never to the
# VBox(...) text.
# Outputs of the code cells at the given positions (CodeMirror draws only the lines in
# view, so a cell is found by its position, not by its source text).
OUTPUTS_JS = """([sel, positions]) => {
  const cells = [...document.querySelector(sel).querySelectorAll('.jp-CodeCell')];
  return positions.map(i => [...cells[i].querySelectorAll('.jp-OutputArea-output')].map(o => ({
      mime: o.dataset.mimeType || '',
      src: o.querySelector('img')?.getAttribute('src') || ''})));
}"""


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _shows_a_demo(cell) -> bool:
    """A cell that calls cl.widgets and displays what it returns (a widget view), or shows
    nothing at all (an unexecuted demo); not one that only prints a helper's numbers."""
    outputs = cell.get("outputs", [])
    return "cl.widgets." in "".join(cell["source"]) and (
        not outputs or any(WIDGET_VIEW in o.get("data", {}) for o in outputs))


def _saved_widget_pngs(path):
    """{position among the code cells: stored image/png} of each cell that shows a demo."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    pngs = {}
    for i, cell in enumerate(code):
        if _shows_a_demo(cell):
            found = [o["data"]["image/png"] for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
            pngs[i] = "".join(found[0].split()) if found else None
    return pngs, len(code)


def open_without_running(page, lab, name, shots):
    """Open ``name`` as stored (no cell is run) and check every saved demo: the output
    shows the stored picture, no notebook text says VBox(...) or a widget error."""
    stored, n_code = _saved_widget_pngs(lab.root / name)
    assert stored, f"{name} has no cell that calls cl.widgets"
    assert all(stored.values()), (f"{name}: a widget cell has no saved picture (image/png); re-execute the "
                                  "notebook with the current course_lib (python -m course_lib execute N)")
    page.goto(f"{lab.url}/lab/workspaces/{Path(name).stem}-saved/tree/{name}?token={lab.token}")
    page.locator(f"{NOTEBOOK} .jp-CodeCell").first.wait_for()
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel + ' .jp-CodeCell').length === n",
        arg=[NOTEBOOK, n_code], timeout=60_000)
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel + ' .jp-OutputArea-output img').length >= n",
        arg=[NOTEBOOK, len(stored)], timeout=60_000)
    shown = page.evaluate(OUTPUTS_JS, [NOTEBOOK, list(stored)])
    for (position, png), outputs in zip(stored.items(), shown):
        assert [o["mime"] for o in outputs] == ["image/png"], (position, outputs)
        assert outputs[0]["src"] == f"data:image/png;base64,{png}", position
    text = page.evaluate("(sel) => document.querySelector(sel).textContent", NOTEBOOK)
    for bad in ("VBox(", "Error displaying widget", "Loading widget"):
        assert bad not in text, f"{name} shows {bad!r} without a kernel"
    assert not page.locator(f"{NOTEBOOK} .jp-InputPrompt", has_text="*").count()  # nothing ran
    first = page.locator(f"{NOTEBOOK} .jp-CodeCell").nth(next(iter(stored)))
    image = first.locator(".jp-OutputArea-output img")
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 300
    first.locator(".jp-Cell-outputArea").screenshot(path=shots / f"saved_{Path(name).stem}.png")


DEMO_WEEKS = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "chapters").glob("week*.ipynb") if _saved_widget_pngs(p)[0])


@pytest.mark.parametrize("name", DEMO_WEEKS)
def test_notebook_as_committed_shows_pictures_not_vbox_text(page, lab, shots, name):
    open_without_running(page, lab, name, shots)
    assert not [e for e in page.errors if "pageerror" in e], page.errors


DEMO_NOTEBOOK_CELLS = [
    "import course_lib as cl\ncl.setup()",
    "cl.widgets.function_plotter()",
    "cl.widgets.perceptron_explorer()",
    "box = cl.widgets.vanishing_gradient_explorer()\nbox",
]


def test_freshly_executed_demos_show_pictures_without_a_kernel(page, lab, shots, monkeypatch):
    """The same check on a notebook executed now (nbclient, like course_lib execute), so
    the mechanism is tested whatever state the committed outputs are in."""
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in DEMO_NOTEBOOK_CELLS]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    monkeypatch.delenv("MPLBACKEND", raising=False)
    monkeypatch.setenv("COURSE_PROFILE", "quick")
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(lab.root)}}).execute()
    name = "saved_demos.ipynb"
    nbformat.write(nb, lab.root / name)
    open_without_running(page, lab, name, shots)
    assert not [e for e in page.errors if "pageerror" in e], page.errors
