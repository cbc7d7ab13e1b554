"""A tiny site with glossary terms, built in a temporary folder: what readers see on its pages."""

import pytest

from conftest import article, build, build_fixture_site, make_site, term

FILES = {
    "glossary/icbm.md": term(
        "ICBM", "A missile that can fly more than 5,500 km.", "weapon", aliases="ICBMs, intercontinental ballistic missile"
    ),
    "glossary/armistice.md": term(
        "armistice",
        "An agreement to stop fighting.",
        body="An armistice is not a peace treaty; see the ICBM entry. The armistice held.",
    ),
    "glossary/korean-armistice-agreement.md": term(
        "Korean Armistice Agreement", "The 1953 agreement that stopped the Korean War.", "treaty"
    ),
    "glossary/kim-jong-un.md": term(
        "Kim Jong Un", "North Korea's leader <b>since</b> 2011 & more.", "person", aliases="Kim Jong-un"
    ),
    "glossary/unused.md": term("Zeppelin", "A term nobody uses.", "weapon"),
    "articles/old.md": article("old", "An ICBM and another ICBM, then two ICBMs. Kim Jong Un watched.", date="2023-01-01"),
    "articles/new.md": article(
        "new",
        "The Korean Armistice Agreement is an armistice. An ICBM flew.\n\n## ICBM heading\n\n`ICBM` in code.",
        date="2024-05-01",
    ),
    "articles/off.md": article("off", "An ICBM, unlinked.", date="2022-01-01", glossary="off"),
    "articles/exclude.md": article("exclude", "An ICBM and Kim Jong Un.", date="2022-02-01", glossary_exclude="icbm"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_fixture_site(tmp_path_factory, "glossary", FILES)


def term_links(page):
    return [(a.get_text(), a["href"]) for a in page.select("main a.term")]


def test_first_mention_links_to_the_term_page(site):
    page = site.html("articles/old/")
    assert term_links(page) == [("ICBM", "/glossary/icbm/"), ("Kim Jong Un", "/glossary/kim-jong-un/")]


def test_longest_match_and_no_links_in_headings_or_code(site):
    page = site.html("articles/new/")
    assert term_links(page) == [
        ("Korean Armistice Agreement", "/glossary/korean-armistice-agreement/"),
        ("armistice", "/glossary/armistice/"),
        ("ICBM", "/glossary/icbm/"),
    ]
    assert not page.select("h2 a.term, code a.term")


def test_glossary_off_and_exclude(site):
    assert term_links(site.html("articles/off/")) == []
    assert term_links(site.html("articles/exclude/")) == [("Kim Jong Un", "/glossary/kim-jong-un/")]


def test_term_page_lists_where_it_is_used_newest_first_with_counts(site):
    page = site.html("glossary/icbm/")
    assert page.h1.get_text() == "ICBM"
    items = page.select("#mentioned-in + ul li")
    listed = [" ".join(t.get_text(" ", strip=True) for t in li.find_all(["a", "span"], recursive=False)[:2]) for li in items]
    assert listed == ["New (1 mention)", "Old (3 mentions)", "Exclude (1 mention)", "Off (1 mention)"]
    facts = page.select_one(".facts").get_text(" ", strip=True)
    assert "ICBMs, intercontinental ballistic missile" in facts and "Weapon" in facts


def test_a_term_page_never_links_to_itself_but_links_other_terms(site):
    page = site.html("glossary/armistice/")
    assert term_links(page) == [("ICBM", "/glossary/icbm/")]


def test_glossary_index_is_a_to_z_with_jump_letters_and_summaries(site):
    page = site.html("glossary/")
    letters = [a.get_text() for a in page.select(".letters a")]
    assert letters == ["A", "I", "K", "Z"]
    titles = [dt.get_text() for dt in page.select(".glossary-list dt")]
    assert titles == ["armistice", "ICBM", "Kim Jong Un", "Korean Armistice Agreement", "Zeppelin"]
    assert "An agreement to stop fighting." in page.get_text()


def test_summaries_ride_with_the_page_as_plain_text(site):
    page = site.html("articles/old/")
    data = {a["data-term"]: a for a in page.select("a.term[data-term]")}
    assert set(data) == {"glossary:icbm", "glossary:kim-jong-un"}
    # markup written in a summary is text: shown as written, never interpreted
    assert data["glossary:kim-jong-un"]["data-summary"] == "North Korea's leader <b>since</b> 2011 & more."
    assert data["glossary:kim-jong-un"]["data-title"] == "Kim Jong Un"
    term_page = site.html("glossary/kim-jong-un/")
    assert term_page.select_one('meta[name="description"]')["content"] == "North Korea's leader <b>since</b> 2011 & more."
    assert term_page.select_one(".summary").get_text() == "North Korea's leader <b>since</b> 2011 & more."


def test_autolink_off_changes_nothing_but_the_links(tmp_path, site):
    plain = build(make_site(tmp_path, FILES), tmp_path / "output", extra_settings={"EXPLAINER_AUTOLINK": False})
    for relative in ["articles/old/index.html", "articles/new/index.html", "glossary/armistice/index.html"]:
        linked_page, plain_page = site.html(relative), plain.html(relative)
        assert not plain_page.select("a.term")
        assert linked_page.select_one("main").get_text() == plain_page.select_one("main").get_text()
    # mentions are still counted, so term pages still say where a term is used
    assert "Old (3 mentions)" in plain.html("glossary/icbm/").get_text(" ", strip=True)


def test_link_all_links_every_mention(tmp_path):
    every = build(make_site(tmp_path, FILES), tmp_path / "output", extra_settings={"EXPLAINER_LINK_ALL": True})
    assert [text for text, _ in term_links(every.html("articles/old/"))] == ["ICBM", "ICBM", "ICBMs", "Kim Jong Un"]
