"""Week 8 in a real JupyterLab: the optimizer race and the initialisation histograms react.

Run with ``COURSE_PROFILE=quick python -m pytest -p no:xdist tests/browser/test_week08_browser.py -m browser``
(see tests/browser/test_jupyterlab.py for what it needs).
"""
import pytest
from test_jupyterlab import browser, expect, nudge, page, run_notebook, shots, widget_output  # noqa: F401

pytestmark = pytest.mark.browser

NOTEBOOK_NAME = "week08_training_techniques.ipynb"


def test_week08_optimizer_race_and_init_histograms_react(page, lab, shots):
    run_notebook(page, lab, NOTEBOOK_NAME)

    # the optimizer race: more steps, then one more optimizer in the race
    race = widget_output(page, "cl.widgets.optimizer_race()")
    table = race.locator(".widget-html", has_text="끝 f")
    image = race.locator("img")
    expect(table).to_contain_text("AdaGrad")
    expect(table).not_to_contain_text("Nesterov")          # the book's four start in the race
    before_text, before_image = table.inner_text(), image.get_attribute("src")
    assert before_image.startswith("data:image/png;base64,")

    steps = race.locator(".widget-slider", has_text="반복 횟수")
    expect(steps.locator(".widget-readout")).to_have_text("30")
    nudge(steps.locator(".noUi-handle"), "ArrowRight", 5)   # 30 -> 35 (step 1)
    expect(steps.locator(".widget-readout")).to_have_text("35")
    expect(image).not_to_have_attribute("src", before_image)
    assert table.inner_text() != before_text

    race.locator(".widget-checkbox", has_text="Nesterov").locator("input").check()
    expect(table).to_contain_text("Nesterov")
    race.screenshot(path=shots / "browser_week08_race.png")

    # the initialisation histograms: sigmoid with std 1 -> He
    hist = widget_output(page, "cl.widgets.init_histograms()", ready=".widget-toggle-button")
    info = hist.locator(".widget-html", has_text="표준편차")
    picture = hist.locator("img")
    expect(info).to_contain_text("기울기 소실")             # std 1 + sigmoid saturates
    first = picture.get_attribute("src")
    hist.locator(".widget-toggle-button", has_text="He").click()
    expect(info).not_to_contain_text("기울기 소실")
    expect(picture).not_to_have_attribute("src", first)
    hist.locator(".widget-toggle-button", has_text="ReLU").click()
    expect(info).to_contain_text("0인 비율")
    hist.screenshot(path=shots / "browser_week08_init.png")
    assert not page.errors, f"errors in the browser console: {page.errors}"
