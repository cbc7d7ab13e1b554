"""A reader in a real browser: hover, keyboard and touch show a term's definition, or a footnote's source,
without leaving the page; the popover follows WCAG 1.4.13 step by step; footnotes work without JavaScript."""

import pytest

from conftest import article, build_fixture_site, term

pytestmark = pytest.mark.browser

NOTES = (
    """Title: Sourced
Date: 2024-01-02
Slug: sourced
Summary: A test article with footnotes.

The parade was on 27 July.[^y] Guests came from Moscow.[^r] Both were [explained before]({filename}/articles/a.md), \
as reported.[^y] A third source.[^a] And again.[^y]

[^r]: Reuters, "A report", 1 July 2023, <https://www.reuters.com/world/a-report/>
[^a]: Associated Press, "A story", 2 July 2023, <https://apnews.com/article/a-story>
[^y]: Yonhap News Agency, "A dispatch", 3 July 2023, <https://en.yna.co.kr/view/a-dispatch>

"""
    + "More words after the notes' citations, so the page scrolls. " * 60
)

FILES = {
    "glossary/icbm.md": term("ICBM", "A missile that can reach another continent.", "weapon"),
    "glossary/armistice.md": term("armistice", "An agreement to stop fighting, not a peace treaty."),
    "articles/a.md": article(
        "a",
        "Before any term, [a plain link](https://example.org). "
        "North Korea showed an ICBM at a parade marking the armistice. " + "More words here. " * 40,
    ),
    "articles/sourced.md": NOTES,
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    return build_fixture_site(tmp_path_factory, "popover", FILES).output


@pytest.fixture
def desktop(browser, serve, site_url):
    """(page, base URL) at 1280 × 800 with a mouse."""
    base = serve(site_url)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    yield page, base
    page.close()


@pytest.fixture
def phone(browser, serve, site_url):
    """(page, base URL) on a 360 × 640 touch screen."""
    base = serve(site_url)
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True)
    yield context.new_page(), base
    context.close()


def active_text(page):
    return page.evaluate("document.activeElement.textContent")


def test_hover_focus_escape_and_follow(desktop):
    page, base = desktop
    page.goto(f"{base}/articles/a/")
    popover = page.locator("#term-popover")
    term_link = page.locator("a.term", has_text="ICBM")

    before = term_link.bounding_box()
    term_link.hover()
    popover.wait_for(state="visible")
    assert "A missile that can reach another continent." in popover.inner_text()
    assert popover.get_attribute("role") == "tooltip"
    assert term_link.bounding_box() == before, "showing the popover moved the text"

    page.locator("h1").click()  # a click elsewhere dismisses it
    popover.wait_for(state="hidden")

    page.locator("a", has_text="a plain link").focus()
    page.keyboard.press("Tab")
    assert active_text(page) == "ICBM"
    popover.wait_for(state="visible")
    assert term_link.get_attribute("aria-describedby") == "term-popover-summary"

    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert term_link.get_attribute("aria-describedby") is None
    page.keyboard.press("Tab")  # focus moves on: nothing is trapped, the hidden popover is no Tab stop
    assert active_text(page) == "armistice"

    term_link.click()
    page.wait_for_url(f"{base}/glossary/icbm/")
    assert page.locator("h1").inner_text() == "ICBM"


def test_wcag_1_4_13_hoverable_persistent_dismissible(desktop):
    page, base = desktop
    page.goto(f"{base}/articles/a/")
    popover = page.locator("#term-popover")
    page.locator("a.term", has_text="ICBM").hover()
    popover.wait_for(state="visible")

    box = popover.bounding_box()  # hoverable: the pointer crosses the gap and rests on the popover
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    assert popover.is_visible()
    page.wait_for_timeout(2000)  # persistent: no timer hides it while it is hovered
    assert popover.is_visible()

    page.keyboard.press("Escape")  # dismissible without moving the pointer or the focus
    popover.wait_for(state="hidden")
    assert page.locator("[aria-expanded]").count() == 0, "links that navigate carry no aria-expanded"

    page.locator("a.term", has_text="ICBM").hover()
    popover.wait_for(state="visible")
    page.mouse.move(5, 790, steps=8)  # the pointer leaves both: after the grace period the card goes
    popover.wait_for(state="hidden")


def test_a_pointer_sweeping_across_the_text_opens_nothing_but_one_that_rests_does(desktop):
    page, base = desktop
    page.goto(f"{base}/articles/a/")
    popover = page.locator("#term-popover")
    box = page.locator("a.term", has_text="ICBM").bounding_box()
    middle_x = box["x"] + box["width"] / 2
    page.mouse.move(middle_x, box["y"] - 40)
    page.mouse.move(middle_x, box["y"] + box["height"] + 40, steps=4)  # straight across the term
    page.wait_for_timeout(800)  # longer than the intent delay and the grace period together
    assert popover.is_hidden()
    page.mouse.move(middle_x, box["y"] + box["height"] / 2)  # resting on it
    popover.wait_for(state="visible")


def test_another_popover_replaces_the_first(desktop):
    page, base = desktop
    page.goto(f"{base}/articles/a/")
    popover = page.locator("#term-popover")
    page.locator("a.term", has_text="ICBM").hover()
    popover.wait_for(state="visible")
    page.locator("a.term", has_text="armistice").hover()
    page.locator("#term-popover", has_text="An agreement to stop fighting").wait_for()
    assert page.locator(".term-popover:not([hidden])").count() == 1
    assert "An agreement to stop fighting" in popover.inner_text() and "continent" not in popover.inner_text()
    assert page.locator("a.term", has_text="ICBM").get_attribute("aria-describedby") is None


def test_each_term_is_one_tab_stop_and_focus_leaving_closes_it(desktop):
    page, base = desktop
    page.goto(f"{base}/articles/a/")
    popover = page.locator("#term-popover")
    page.locator("a.term", has_text="ICBM").focus()
    popover.wait_for(state="visible")
    assert popover.locator("a", has_text="More about ICBM").get_attribute("tabindex") == "-1"
    page.keyboard.press("Tab")  # one Tab stop per term: straight to the next term, whose popover opens
    assert active_text(page) == "armistice"
    assert "An agreement to stop fighting" in popover.inner_text()
    page.keyboard.press("Shift+Tab")  # back to the first term
    assert active_text(page) == "ICBM" and "continent" in popover.inner_text()
    page.keyboard.press("Escape")  # it closes and focus stays on its term
    popover.wait_for(state="hidden")
    assert active_text(page) == "ICBM"


def test_tap_on_a_phone_explains_first_and_stays_in_the_viewport(phone):
    page, base = phone
    page.goto(f"{base}/articles/a/")
    term_link = page.locator("a.term", has_text="armistice")
    term_link.tap()
    popover = page.locator("#term-popover")
    popover.wait_for(state="visible")
    assert page.url == f"{base}/articles/a/", "the first tap must not navigate"
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    popover.locator("p").first.tap()  # a tap on the popover's own text keeps it
    assert popover.is_visible()
    popover.locator("a", has_text="More about armistice").tap()
    page.wait_for_url(f"{base}/glossary/armistice/")


def test_a_footnote_number_previews_its_source_by_keyboard(desktop):
    page, base = desktop
    page.goto(f"{base}/articles/sourced/")
    popover = page.locator("#term-popover")
    number = page.locator(".prose a.footnote-ref").nth(1)
    assert number.inner_text() == "2" and number.get_attribute("aria-label") == "Source 2"
    number.focus()
    popover.wait_for(state="visible")
    assert popover.locator(".term-popover-title").inner_text() == "Reuters"
    assert popover.locator("#term-popover-summary").inner_text() == "A report, 1 July 2023"
    original = popover.locator("a", has_text="Open the original")
    assert original.get_attribute("href") == "https://www.reuters.com/world/a-report/"
    assert original.get_attribute("tabindex") == "-1"  # one Tab stop: the number leads to the note, which links it
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert active_text(page) == "2"
    page.keyboard.press("Enter")  # a number is still a link to its note
    page.wait_for_url(f"{base}/articles/sourced/#fn:r")


def test_a_footnote_number_previews_its_source_on_a_tap(phone):
    page, base = phone
    page.goto(f"{base}/articles/sourced/")
    popover = page.locator("#term-popover")
    number = page.locator(".prose a.footnote-ref").first
    number.tap()
    popover.wait_for(state="visible")
    assert page.url == f"{base}/articles/sourced/", "the first tap must not jump"
    assert popover.locator(".term-popover-title").inner_text() == "Yonhap News Agency"
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.locator("h1").tap()  # a tap elsewhere dismisses it
    popover.wait_for(state="hidden")
    number.tap()
    popover.wait_for(state="visible")
    number.tap()  # the second tap follows the number to its note
    page.wait_for_url(f"{base}/articles/sourced/#fn:y")


def test_without_javascript_a_number_jumps_to_its_highlighted_note(browser, serve, site_url):
    base = serve(site_url)
    context = browser.new_context(viewport={"width": 375, "height": 812}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/articles/sourced/")
    background = "getComputedStyle(document.getElementById('fn:a')).backgroundColor"
    plain = page.evaluate(background)
    page.locator(".prose a.footnote-ref", has_text="3").click()
    page.wait_for_url(f"{base}/articles/sourced/#fn:a")
    assert page.evaluate(background) != plain, "the note is not highlighted on arrival"
    assert page.evaluate("document.getElementById('fn:a').getBoundingClientRect().top") < 812, "the note is out of view"
    page.locator('[id="fn:a"] a[role="doc-backlink"]').click()  # and back to the citation
    page.wait_for_url(f"{base}/articles/sourced/#fnref:a")
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_every_footnote_number_is_at_least_a_24_px_square_target(browser, serve, site_url, width):
    base = serve(site_url)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{base}/articles/sourced/")
    sizes = page.evaluate("""[...document.querySelectorAll('a.footnote-ref')].map(a => {
        const box = a.getBoundingClientRect(); return [a.textContent, box.width, box.height]; })""")
    assert sizes and all(w >= 24 and h >= 24 for _, w, h in sizes), sizes
    page.close()


def test_numbers_in_citation_order_and_labelled_back_links(desktop):
    page, base = desktop
    page.goto(f"{base}/articles/sourced/")
    assert page.locator(".prose > p a.footnote-ref").all_inner_texts() == ["1", "2", "1", "3", "1"]
    notes = page.locator('[role="doc-endnotes"] li')
    assert notes.count() == 3
    assert notes.nth(0).inner_text().startswith("Yonhap News Agency, A dispatch, 3 July 2023.")
    assert "https://" not in page.locator('[role="doc-endnotes"]').inner_text()
    assert notes.nth(0).locator(".footnote-backrefs").inner_text() == "Back to the text: a b c"
    assert notes.nth(1).locator('a[role="doc-backlink"]').inner_text() == "Back to the text"
    names = notes.nth(0).locator('a[role="doc-backlink"]').evaluate_all("links => links.map(a => a.getAttribute('aria-label'))")
    assert names == [f"Back to the text: citation {letter}" for letter in "abc"]
    assert page.locator('a.footnote-ref:not([role="doc-noteref"])').count() == 0


def test_term_links_and_explainer_links_differ_in_shape_not_colour_alone(desktop):
    page, base = desktop
    page.goto(f"{base}/articles/a/")
    term_style = page.locator("a.term").first.evaluate("a => getComputedStyle(a).textDecorationStyle")
    page.goto(f"{base}/articles/sourced/")
    explainer = page.locator("a.explainer-link")
    assert explainer.inner_text().startswith("explained before")
    assert term_style == "dotted"
    assert explainer.evaluate("a => getComputedStyle(a).textDecorationStyle") == "solid"
    assert "→" in explainer.evaluate("a => getComputedStyle(a, '::after').content")
