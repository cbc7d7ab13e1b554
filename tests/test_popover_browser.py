"""A reader in a real browser: hover, keyboard and touch show a term's definition without leaving the page."""

import pytest

from conftest import article, build_fixture_site, term

pytestmark = pytest.mark.browser

FILES = {
    "glossary/icbm.md": term("ICBM", "A missile that can reach another continent.", "weapon"),
    "glossary/armistice.md": term("armistice", "An agreement to stop fighting, not a peace treaty."),
    "articles/a.md": article("a", "Before any term, [a plain link](https://example.org). "
                                  "North Korea showed an ICBM at a parade marking the armistice. " + "More words here. " * 40),
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    return build_fixture_site(tmp_path_factory, "popover", FILES).output


def test_hover_focus_escape_and_follow(browser, serve, site_url):
    base = serve(site_url)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/articles/a/")
    popover = page.locator("#term-popover")
    term_link = page.locator("a.term", has_text="ICBM")

    before = term_link.bounding_box()
    term_link.hover()
    popover.wait_for(state="visible")
    assert "A missile that can reach another continent." in popover.inner_text()
    assert popover.get_attribute("role") == "tooltip"
    assert term_link.bounding_box() == before, "showing the popover moved the text"

    page.mouse.move(0, 0)
    popover.wait_for(state="hidden")

    page.locator("a", has_text="a plain link").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "ICBM"
    popover.wait_for(state="visible")
    assert term_link.get_attribute("aria-describedby") == "term-popover-summary"
    assert term_link.get_attribute("aria-expanded") == "true"

    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert term_link.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Tab")  # focus moves on: nothing is trapped
    assert page.evaluate("document.activeElement.textContent") == "armistice"

    term_link.click()
    page.wait_for_url(f"{base}/glossary/icbm/")
    assert page.locator("h1").inner_text() == "ICBM"
    page.close()


def test_tap_on_a_phone_explains_first_and_stays_in_the_viewport(browser, serve, site_url):
    base = serve(site_url)
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/articles/a/")
    term_link = page.locator("a.term", has_text="armistice")
    term_link.tap()
    popover = page.locator("#term-popover")
    popover.wait_for(state="visible")
    assert page.url == f"{base}/articles/a/", "the first tap must not navigate"
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    popover.locator("a", has_text="More about armistice").tap()
    page.wait_for_url(f"{base}/glossary/armistice/")
    context.close()
