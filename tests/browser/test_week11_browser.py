"""Week 11 in a real JupyterLab: the spiral decision-region demo follows its epoch slider
and its hidden-size menu (quick profile; see test_jupyterlab.py for the set-up)."""
import pytest
from test_jupyterlab import browser, expect, nudge, page, run_notebook, shots, widget_output  # noqa: F401

pytestmark = pytest.mark.browser


def test_week11_spiral_regions_follow_epoch_and_hidden_size(page, lab, shots):  # noqa: F811
    run_notebook(page, lab, "week11_neural_network_review.ipynb")
    out = widget_output(page, "cl.widgets.spiral_decision_regions(")
    info = out.locator(".widget-html", has_text="정확도")
    image = out.locator("img")
    expect(info).to_contain_text("에폭 300 / 300")
    before = image.get_attribute("src")
    assert before.startswith("data:image/png;base64,")

    epoch = out.locator(".widget-slider", has_text="에폭")
    nudge(epoch.locator(".noUi-handle"), "ArrowLeft", 5)          # 300 -> 295 (step 1)

    expect(epoch.locator(".widget-readout")).to_have_text("295")
    expect(info).to_contain_text("에폭 295 / 300")
    expect(image).not_to_have_attribute("src", before)
    after_epoch = image.get_attribute("src")

    out.locator("select").select_option(label="3개")               # retrains with 3 hidden neurons
    expect(info).to_contain_text("은닉 뉴런 3개")
    expect(image).not_to_have_attribute("src", after_epoch)
    out.screenshot(path=shots / "browser_week11.png")
    assert not page.errors, f"errors in the browser console: {page.errors}"
