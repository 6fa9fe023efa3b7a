"""Week 10 in a real JupyterLab: the augmentation viewer reacts to its shift slider and its button.

Run with ``COURSE_PROFILE=quick python -m pytest tests/browser/test_week10_browser.py -m browser``
(see tests/browser/test_jupyterlab.py for what it needs).
"""
import pytest
from test_jupyterlab import browser, expect, nudge, page, run_notebook, shots, widget_output  # noqa: F401

pytestmark = pytest.mark.browser


def test_week10_augmentation_viewer_follows_its_slider_and_button(page, lab, shots):
    run_notebook(page, lab, "week10_deep_learning.ipynb")
    out = widget_output(page, "cl.widgets.augmentation_viewer(")
    image = out.locator("img")
    image.wait_for()
    before_image = image.get_attribute("src")

    shift = out.locator(".widget-slider", has_text="이동 범위")
    expect(shift.locator(".widget-readout")).to_have_text("2")
    nudge(shift.locator(".noUi-handle"), "ArrowRight", 3)           # max shift 2 -> 5 pixels
    expect(shift.locator(".widget-readout")).to_have_text("5")
    expect(image).not_to_have_attribute("src", before_image)
    shifted_image = image.get_attribute("src")

    seed = out.locator(".widget-text", has_text="시드").locator("input")
    expect(seed).to_have_value("0")
    out.locator("button", has_text="새 표본").click()               # a new draw: seed 0 -> 1
    expect(seed).to_have_value("1")
    expect(image).not_to_have_attribute("src", shifted_image)
    out.screenshot(path=shots / "browser_week10.png")
    assert not page.errors, f"errors in the browser console: {page.errors}"
