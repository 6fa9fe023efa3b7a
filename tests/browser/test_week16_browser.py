"""Week 16 in a real JupyterLab: the neighbourhood map follows its slider, the analogy
explorer follows a typed word (helpers and fixtures from test_jupyterlab.py)."""
import pytest
from test_jupyterlab import browser, expect, nudge, page, run_notebook, shots, widget_output  # noqa: F401

pytestmark = pytest.mark.browser


def test_week16_neighbourhood_slider_and_analogy_text(page, lab, shots):  # noqa: F811
    run_notebook(page, lab, "week16_word2vec_speedup.ipynb")
    out = widget_output(page, "cl.widgets.word_neighbourhood(")
    info = out.locator(".widget-html", has_text="코사인 유사도 순")
    image = out.locator("img")
    image.wait_for()
    expect(info.locator("tr")).to_have_count(11)          # header + k = 10 neighbours
    before_text, before_image = info.inner_text(), image.get_attribute("src")

    k = out.locator(".widget-slider", has_text="이웃 수")
    nudge(k.locator(".noUi-handle"), "ArrowLeft", 5)       # 10 -> 5
    expect(k.locator(".widget-readout")).to_have_text("5")
    expect(info.locator("tr")).to_have_count(6)
    assert info.inner_text() != before_text
    expect(image).not_to_have_attribute("src", before_image)
    out.screenshot(path=shots / "browser_week16_neighbourhood.png")

    analogy = widget_output(page, "cl.widgets.analogy_explorer(", ready=".widget-text input")
    c_box = analogy.locator(".widget-text input").nth(2)  # the boxes a, b, c
    c_box.fill("unicornish")                               # not a PTB word
    c_box.press("Enter")                                   # the Text reports on Enter
    expect(analogy).to_contain_text("어휘(vocabulary)에 없는 단어")
    c_box.fill("queen")
    c_box.press("Enter")
    expect(analogy).to_contain_text("책의 정답 woman")
    analogy.screenshot(path=shots / "browser_week16_analogy.png")
    assert not page.errors, f"errors in the browser console: {page.errors}"
