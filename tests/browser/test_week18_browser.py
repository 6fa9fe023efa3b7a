"""Week 18 in a real JupyterLab: the sentiment explorer follows a preset and a typed sentence.

Reuses the helpers and fixtures of test_jupyterlab.py (run with
``COURSE_PROFILE=quick python -m pytest tests/browser/test_week18_browser.py -m browser``).
"""
import pytest
from test_jupyterlab import browser, expect, page, run_notebook, shots, widget_output  # noqa: F401

pytestmark = pytest.mark.browser


def test_week18_sentiment_explorer_follows_preset_and_typed_sentence(page, lab, shots):  # noqa: F811
    run_notebook(page, lab, "week18_gated_rnn.ipynb")
    out = widget_output(page, "cl.widgets.sentiment_explorer(", ready=".widget-text input")
    info = out.locator(".widget-html", has_text="읽은 토큰")
    image = out.locator("img")
    image.wait_for()
    expect(info).to_contain_text("읽은 토큰 12개")       # the first preset: 12 tokens
    before = image.get_attribute("src")

    out.locator("select").select_option(label="the cinematografy was splendiferous .")
    expect(info).to_contain_text("읽은 토큰 5개")
    expect(info).to_contain_text("cinematografy, splendiferous")   # read as <unk>
    expect(image).not_to_have_attribute("src", before)
    second = image.get_attribute("src")

    sentence = out.locator(".widget-text", has_text="문장 입력").locator("input")
    sentence.fill("A moving, beautifully acted film!")
    sentence.press("Enter")                                   # the Text reports on Enter
    expect(info).to_contain_text("읽은 토큰 7개")            # a moving , beautifully acted film !
    expect(info).to_contain_text("긍정 (positive)")
    expect(image).not_to_have_attribute("src", second)
    expect(out.locator("select")).to_have_value("(직접 입력한 문장)")   # the DOM value is the label
    out.screenshot(path=shots / "browser_week18.png")

    sentence.fill("   ")
    sentence.press("Enter")
    expect(out).to_contain_text("영어 문장을 입력하세요")
    assert not page.errors, f"errors in the browser console: {page.errors}"
