"""Week 12 in a real JupyterLab: the similar-words demo follows a typed word and its
vector menu, and explains an unknown word (quick profile: the built-in corpus; see
test_jupyterlab.py for the set-up)."""
import pytest
from test_jupyterlab import browser, expect, page, run_notebook, shots, widget_output  # noqa: F401

pytestmark = pytest.mark.browser


def test_week12_similar_words_follow_the_typed_word(page, lab, shots):  # noqa: F811
    run_notebook(page, lab, "week12_word_representation.ipynb")
    out = widget_output(page, "cl.widgets.similar_words(", ready=".widget-text input")
    info = out.locator(".widget-html", has_text="질의")
    image = out.locator("img")
    image.wait_for()
    expect(info).to_contain_text("질의 (query): year")       # the quick profile starts with 'year'
    before = image.get_attribute("src")

    word = out.locator(".widget-text", has_text="단어").locator("input")
    word.fill("month")
    word.press("Enter")                                       # the Text reports on Enter
    expect(info).to_contain_text("질의 (query): month")
    expect(image).not_to_have_attribute("src", before)
    after_word = image.get_attribute("src")

    out.locator("select").select_option(label="PPMI")
    expect(info).to_contain_text("PPMI: 126 × 126")
    expect(image).not_to_have_attribute("src", after_word)
    out.screenshot(path=shots / "browser_week12.png")

    word.fill("toyota")                                       # not in the built-in corpus
    word.press("Enter")
    expect(out).to_contain_text("어휘(vocabulary)에 없는 단어")
    assert not page.errors, f"errors in the browser console: {page.errors}"
