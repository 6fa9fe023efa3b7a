"""Week 9 in a real JupyterLab: the kernel editor reacts to its preset menu and index slider.

Run with ``COURSE_PROFILE=quick python -m pytest tests/browser/test_week09_browser.py -m browser``
(see tests/browser/test_jupyterlab.py for what it needs).
"""
import re

import pytest
from test_jupyterlab import browser, expect, nudge, page, run_notebook, shots, widget_output  # noqa: F401

pytestmark = pytest.mark.browser


def test_week09_kernel_editor_follows_its_preset_and_slider(page, lab, shots):
    run_notebook(page, lab, "week09_cnn.ipynb")
    out = widget_output(page, "cl.widgets.kernel_editor(")
    info = out.locator(".widget-html", has_text="출력 크기")
    image = out.locator("img")
    expect(info).to_contain_text("세로 경계 (vertical edge)")       # the first preset
    before_image = image.get_attribute("src")

    out.locator(".widget-dropdown select").select_option(label="흐림 (box blur)")
    expect(info).to_contain_text("흐림 (box blur)")
    w00 = out.locator(".widget-text", has_text="w00").locator("input")
    expect(w00).to_have_value(re.compile(r"^0\.111"))                          # the preset wrote the nine weights
    expect(image).not_to_have_attribute("src", before_image)
    blurred_image = image.get_attribute("src")

    index = out.locator(".widget-slider", has_text="숫자 번호")
    nudge(index.locator(".noUi-handle"), "ArrowRight", 2)          # digit 0 -> 2
    expect(index.locator(".widget-readout")).to_have_text("2")
    expect(out.locator(".widget-html", has_text="출력 크기")).to_contain_text("흐림 (box blur)")
    expect(image).not_to_have_attribute("src", blurred_image)
    out.screenshot(path=shots / "browser_week09.png")
    assert not page.errors, f"errors in the browser console: {page.errors}"
