"""Footnotes as a reader meets them in a built page: numbered in the order of citation, each note a
headline link (no printed URL), labelled back-links, and links to other explainers marked apart."""

import pytest

from conftest import build, build_fixture_site, make_site

BODY = """Title: Notes
Date: 2024-01-01
Slug: notes
Summary: A test article.

First claim.[^y] Second claim.[^r] Again.[^y] See [the other explainer]({filename}/articles/other.md), \
[the same one, relatively]({filename}other.md#part) and [about]({filename}/pages/about.md). Third.[^a] Plain.[^odd] Again.[^y]

[^r]: Reuters, "Kim's 'big' parade", 1 July 2023, <https://www.reuters.com/world/a-report/>
[^a]: Associated Press, "A story", 2 July 2023, <https://apnews.com/article/a-story>
[^y]: Yonhap News Agency, "A dispatch", 3 July 2023, <https://en.yna.co.kr/view/a-dispatch>
[^odd]: Seen by a reporter in *Pyongyang*, no headline to link.
"""

OTHER = """Title: Other
Date: 2024-01-02
Slug: other
Summary: Another test article.

Text.[^r][^a][^y][^n]

[^n]: Reuters, "A report with no address", 4 July 2023.
[^r]: Reuters, "A report", 1 July 2023, <https://www.reuters.com/world/a-report/>
[^a]: Associated Press, "A story", 2 July 2023, <https://apnews.com/article/a-story>
[^y]: Yonhap News Agency, "A dispatch", 3 July 2023, <https://en.yna.co.kr/view/a-dispatch>
"""

FILES = {"articles/notes.md": BODY, "articles/other.md": OTHER, "pages/about.md": "Title: About\n\nAbout us.\n"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_fixture_site(tmp_path_factory, "footnotes", FILES)


@pytest.fixture(scope="module")
def page(site):
    return site.html("articles/notes/")


def notes_of(page):
    return page.select('div.footnote[role="doc-endnotes"] > ol > li')


def test_numbers_follow_the_order_of_citation(page):
    refs = page.select(".prose a.footnote-ref")
    assert [a.get_text() for a in refs] == ["1", "2", "1", "3", "4", "1"]
    assert [li["id"] for li in notes_of(page)] == ["fn:y", "fn:r", "fn:a", "fn:odd"]
    assert all(a["role"] == "doc-noteref" and a["aria-label"] == f"Source {a.get_text()}" for a in refs)


def test_a_note_reads_publication_headline_link_and_date_with_no_printed_url(page):
    note = page.select_one('li[id="fn:r"]')
    headline = note.select_one("a.source-headline")
    assert headline["href"] == "https://www.reuters.com/world/a-report/"
    assert headline.get_text() == "Kim’s ‘big’ parade"  # the same typography as the text
    assert note.select_one(".source-publication").get_text() == "Reuters"
    assert note.select_one(".source-date").get_text() == "1 July 2023"
    assert note.get_text(" ", strip=True).startswith("Reuters , Kim’s ‘big’ parade , 1 July 2023 .")
    assert "https://" not in note.get_text()


def test_a_note_that_does_not_follow_the_pattern_is_left_as_written(page):
    note = page.select_one('li[id="fn:odd"]')
    assert not note.select(".source-headline")
    assert note.select_one("em").get_text() == "Pyongyang"
    assert note.get_text(" ", strip=True) == "Seen by a reporter in Pyongyang , no headline to link. Back to the text"


def test_back_links_say_where_they_go_and_repeats_get_a_letter_each(page):
    single = page.select('li[id="fn:r"] a[role="doc-backlink"]')
    assert [(a.get_text(), a["href"]) for a in single] == [("Back to the text", "#fnref:r")]
    assert not single[0].has_attr("title")
    repeated = page.select_one('li[id="fn:y"] .footnote-backrefs')
    assert repeated.get_text(" ", strip=True) == "Back to the text: a b c"
    letters = repeated.select('a[role="doc-backlink"]')
    assert [(a.get_text(), a["href"], a["aria-label"]) for a in letters] == [
        ("a", "#fnref:y", "Back to the text: citation a"),
        ("b", "#fnref2:y", "Back to the text: citation b"),
        ("c", "#fnref3:y", "Back to the text: citation c"),
    ]
    for link in letters:  # each letter leads back to a citation that exists
        assert page.find(id=link["href"][1:]).select_one("a.footnote-ref")["href"] == "#fn:y"


def test_links_to_other_explainers_are_marked_and_other_links_are_not(page):
    marked = {a.get_text(): "explainer-link" in a.get("class", []) for a in page.select(".prose > p a:not(.footnote-ref)")}
    assert marked == {"the other explainer": True, "the same one, relatively": True, "about": False}
    assert page.select_one("a.explainer-link")["href"] == "/articles/other/"


def test_a_note_with_no_url_is_left_as_written(site):
    note = site.html("articles/other/").select_one('li[id="fn:n"]')
    assert not note.select("a.source-headline")
    assert note.get_text(" ", strip=True) == "Reuters, “A report with no address”, 4 July 2023. Back to the text"


def test_the_words_a_reader_sees_are_translatable(tmp_path):
    words = {
        "en": {
            "Back to the text": "Return",
            "Back to the text: citation {letter}": "Return to citation {letter}",
            "Source {n}": "Note {n}",
            "Sources": "Notes",
        }
    }
    page = build(make_site(tmp_path, FILES), tmp_path / "output", extra_settings={"EXPLAINER_STRINGS": words}).html(
        "articles/notes/"
    )
    assert page.select_one("div.footnote")["aria-label"] == "Notes"
    assert page.select_one("a.footnote-ref")["aria-label"] == "Note 1"
    assert page.select_one('li[id="fn:y"] .footnote-backrefs').get_text(" ", strip=True) == "Return: a b c"
    assert page.select_one('li[id="fn:y"] a[role="doc-backlink"]')["aria-label"] == "Return to citation a"
