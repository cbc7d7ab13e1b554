"""A shorter way through and citations that do not chop the prose (issue 24, items 4 and 5), measured on the
built site: in Chromium for what depends on layout (lines of a paragraph at 360 px, where the lead's first
section starts on a 360 × 780 phone, characters per line on a desktop), from the HTML for the rest (the
order of the home page, the way back up, footnote markers per 100 words). Nothing here is timed."""

import pytest

from conftest import ROOT

LEAD = "articles/victory-day-parade-2023/index.html"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}
MAX_PARAGRAPH_LINES = 12  # at 360 px: a longer paragraph is a wall on a phone
MAX_FIRST_SECTION = 1.5  # screens of a 360 × 780 phone above the lead's first section heading
MAX_LINE_CHARACTERS = 75  # about: the long end of the 45–75 a comfortable measure is given
# An explainer cites each claim, and one note carries a run of sentences from one source (README: "How to
# cite"): what is left is a marker where the source changes, and at least one a paragraph. Issue 24 measured
# 2.9–4.9 markers per 100 words per explainer (average 3.56 by this count); with adjacent markers joined and
# repeated citations of one source in a paragraph folded into the last, the site has 2.4–3.4 (average 2.8).
# The bounds keep that: no explainer back above 3.5, the site's average at most 3.0.
MAX_MARKERS_PER_100_WORDS = 3.5
MAX_AVERAGE_MARKERS_PER_100_WORDS = 3.0
ARTICLES = sorted(path.stem for path in (ROOT / "content" / "articles").glob("*.md"))


def explainer_pages(site):
    return {slug: site.html(f"articles/{slug}/index.html") for slug in ARTICLES}


def prose_without_notes(page):
    """The article's body text, without its list of notes and the figures set in it."""
    prose = page.select_one(".prose")
    for aside in prose.select("div.footnote, .prose-figures"):
        aside.extract()
    return prose


def markers_per_100_words(page):
    """Footnote markers (a group of adjacent notes is one marker) per 100 words of the body text."""
    prose = prose_without_notes(page)
    markers = [sup for sup in prose.select("sup") if sup.select("a.footnote-ref")]
    for marker in markers:
        marker.extract()
    words = len(prose.get_text(" ").split())
    return 100 * len(markers) / words, len(markers), words


def test_markers_per_100_words_stay_under_the_bound(real_site, measured):
    rates = {slug: markers_per_100_words(page) for slug, page in explainer_pages(real_site).items()}
    average = sum(rate for rate, _, _ in rates.values()) / len(rates)
    measured(f"footnote markers per 100 words, per explainer (average {average:.2f}):")
    for slug, (rate, markers, words) in rates.items():
        measured(f"  {slug}: {rate:.2f} ({markers} markers, {words} words)")
    over = {slug: round(rate, 2) for slug, (rate, _, _) in rates.items() if rate > MAX_MARKERS_PER_100_WORDS}
    assert not over, f"more than {MAX_MARKERS_PER_100_WORDS} markers per 100 words: {over}"
    assert average <= MAX_AVERAGE_MARKERS_PER_100_WORDS, f"{average:.2f} markers per 100 words on average"


def test_no_two_markers_are_adjacent_and_each_source_is_one_note(real_site):
    for slug, page in explainer_pages(real_site).items():
        for marker in page.select(".prose sup"):
            following = marker.next_sibling
            assert not (following is not None and getattr(following, "name", None) == "sup"), f"{slug}: two markers side by side"
        urls = [link["href"] for link in page.select("div.footnote a.source-headline")]
        assert len(urls) == len(set(urls)), f"{slug}: one source is two notes"


def test_the_opening_sentence_appears_once_in_the_lead(real_site):
    page = real_site.html(LEAD)
    standfirst = page.select_one(".article-header .summary").get_text(" ", strip=True)
    opening = " ".join(standfirst.split()[:8])  # "On the night of 27 July 2023 North"
    texts = [page.select_one(".article-header"), page.select_one(".key-points"), page.select_one(".prose")]
    assert sum(part.get_text(" ").count(opening) for part in texts if part) == 1, opening


def test_the_home_page_lists_the_explainers_before_any_source_list(real_site):
    home = real_site.html("index.html")
    order = [
        element
        for element in home.select("main *")
        if element.get("id") == "explainers" or "footnote" in (element.get("class") or [])
    ]
    assert order and order[0].get("id") == "explainers", [element.name for element in order]


@pytest.mark.parametrize("relative", [LEAD, "index.html"])
def test_the_lead_and_the_home_page_say_what_we_know_and_do_not_know(real_site, relative):
    page = real_site.html(relative)
    block = page.select_one(".known-unknown")
    assert block is not None, relative
    known, unknown = block.select_one(".known"), block.select_one(".unknown")
    assert known and unknown, relative
    assert known.select("a.footnote-ref"), "every statement of what we know is sourced"


def test_long_pages_have_a_way_back_to_the_contents(real_site):
    for slug, page in explainer_pages(real_site).items():
        back = page.select_one("a.back-to-top")
        assert back is not None, slug
        assert page.find(id=back["href"][1:]) is not None, f"{slug}: {back['href']} leads nowhere"


# In Chromium ------------------------------------------------------------------------------------------------

LINES_OF_PARAGRAPHS = """() => [...document.querySelectorAll('.prose p, .prose li')]
  .filter(block => !block.closest('.footnote') && !block.querySelector('p'))
  .map(block => {
    const range = document.createRange();
    range.selectNodeContents(block);
    const height = parseFloat(getComputedStyle(block).lineHeight) || 20;
    const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.bottom).sort((a, b) => a - b);
    let lines = 0, last = -Infinity;
    for (const bottom of tops) { if (bottom - last > height / 2) { lines += 1; last = bottom; } }
    return [block.textContent.trim().slice(0, 60), lines];
  })"""

CHARACTERS_PER_LINE = """() => {
  const canvas = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('.prose > p')].map(p => {
    const style = getComputedStyle(p);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = p.textContent.replace(/\\s+/g, ' ').trim();
    const perCharacter = canvas.measureText(text).width / text.length;
    return [text.slice(0, 60), p.clientWidth / perCharacter];
  });
}"""


@pytest.fixture
def pages_in(browser, serve, real_site):
    base = serve(real_site.output)
    contexts = []

    def open_page(relative, viewport):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{base}/{relative.removesuffix('index.html')}")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.browser
def test_no_paragraph_is_longer_than_12_lines_on_a_phone(pages_in, measured):
    longest, over = [], []
    for relative in [f"articles/{slug}/index.html" for slug in ARTICLES] + ["index.html"]:
        lines = pages_in(relative, PHONE).evaluate(LINES_OF_PARAGRAPHS)
        longest.append((max(count for _, count in lines), relative))
        over += [(relative, start, count) for start, count in lines if count > MAX_PARAGRAPH_LINES]
    measured(
        "longest paragraph at 360 px: "
        + ", ".join(f"{relative.split('/')[-2] if '/' in relative else 'home'} {count}" for count, relative in longest)
    )
    assert not over, f"paragraphs over {MAX_PARAGRAPH_LINES} lines at 360 px: {over}"


@pytest.mark.browser
def test_the_lead_reaches_its_first_section_within_one_and_a_half_screens(pages_in, measured):
    page = pages_in(LEAD, PHONE)
    top = page.evaluate("document.querySelector('.prose h2').getBoundingClientRect().top + window.scrollY")
    measured(f"the lead's first section at 360 × 780: {top:.0f} px ({top / PHONE['height']:.2f} screens)")
    assert top <= MAX_FIRST_SECTION * PHONE["height"], f"the first section starts {top:.0f} px down"


@pytest.mark.browser
def test_desktop_lines_are_at_most_about_75_characters(pages_in, measured):
    widest, over = 0.0, []
    for relative in [f"articles/{slug}/index.html" for slug in ARTICLES]:
        measures = pages_in(relative, DESKTOP).evaluate(CHARACTERS_PER_LINE)
        widest = max([widest, *(characters for _, characters in measures)])
        over += [(relative, start, round(characters)) for start, characters in measures if characters > MAX_LINE_CHARACTERS + 1]
    measured(f"widest desktop line of the explainers: {widest:.0f} characters")
    assert not over, f"lines of more than about {MAX_LINE_CHARACTERS} characters at 1280 px: {over}"
