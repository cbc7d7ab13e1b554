"""Term links stay readable (a per-paragraph limit) and "Mentioned in" lists show each page's first use
of a name in its sentence, with a link to that exact spot."""

import pytest

from conftest import article, build, make_site, term

TERMS = {
    f"glossary/{slug}.md": term(title)
    for slug, title in [("icbm", "ICBM"), ("kpa", "KPA"), ("dmz", "DMZ"), ("tel", "TEL"), ("kcna", "KCNA"), ("nis", "NIS")]
}
OPENING = "The KPA showed an ICBM on a TEL near the DMZ, KCNA said, and the NIS agreed."
SECOND = "Later the NIS and KCNA spoke again."


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    root = tmp_path_factory.mktemp("limited")
    content = make_site(
        root,
        {
            **TERMS,
            "articles/a.md": article("a", f"{OPENING}\n\n{SECOND}"),
            "articles/b.md": article("b", "Only the ICBM. [^x]\n\n[^x]: none", date="2024-02-01"),
        },
    )
    return build(content, root / "output", extra_settings={"EXPLAINER_PARAGRAPH_LINK_LIMIT": 4})


def linked(paragraph):
    return [a.get_text() for a in paragraph.select("a.term")]


def test_a_paragraph_links_at_most_the_limit_and_the_rest_wait_for_their_next_mention(limited):
    first, second = limited.html("articles/a/").select(".prose > p")[:2]
    assert linked(first) == ["KPA", "ICBM", "TEL", "DMZ"]
    assert linked(second) == ["NIS", "KCNA"]


def test_an_unlinked_first_mention_still_marks_its_spot(limited):
    page = limited.html("articles/a/")
    spot = page.select_one("#mention-glossary-kcna")
    assert spot.name == "span" and spot.get_text() == "KCNA" and spot.find_parent("p") is page.select(".prose > p")[0]
    assert page.select_one("#mention-glossary-icbm").name == "a"


def test_mentioned_in_quotes_the_first_sentence_and_links_to_the_spot(limited):
    items = limited.html("glossary/kcna/").select(".mentioned-in li")
    assert len(items) == 1
    quote = items[0].select_one(".mention-context")
    assert quote.get_text() == "The KPA showed an ICBM on a TEL near the DMZ, KCNA said, and the NIS agreed."
    assert quote.select_one("mark").get_text() == "KCNA"
    assert items[0].select_one("a.mention-jump")["href"] == "/articles/a/#mention-glossary-kcna"


def test_footnote_numbers_are_not_part_of_the_quoted_sentence(limited):
    quotes = [q.get_text() for q in limited.html("glossary/icbm/").select(".mention-context")]
    assert "Only the ICBM." in quotes  # article b ends its sentence with three footnote numbers


def test_a_name_that_opens_a_sentence_is_quoted_with_its_own_sentence_only(tmp_path):
    content = make_site(
        tmp_path, {**TERMS, "articles/a.md": article("a", "The parade was long. KCNA praised it. Then it rained.")}
    )
    site = build(content, tmp_path / "output")
    assert [q.get_text() for q in site.html("glossary/kcna/").select(".mention-context")] == ["KCNA praised it."]


def test_a_page_sets_its_own_paragraph_limit(tmp_path):
    content = make_site(tmp_path, {**TERMS, "articles/a.md": article("a", OPENING, paragraph_link_limit="2")})
    site = build(content, tmp_path / "output", extra_settings={"EXPLAINER_PARAGRAPH_LINK_LIMIT": 4})
    assert linked(site.html("articles/a/").select_one(".prose > p")) == ["KPA", "ICBM"]


def test_a_limit_that_is_not_a_number_is_the_authors_mistake(tmp_path):
    content = make_site(tmp_path, {**TERMS, "articles/a.md": article("a", OPENING, paragraph_link_limit="four")})
    site = build(content, tmp_path / "output", check=False)
    assert site.returncode != 0 and "Traceback" not in site.log
    assert "articles/a.md:5: Paragraph-link-limit is 'four' — write a whole number" in site.log


def test_no_opening_paragraph_of_the_site_links_more_than_four_terms(real_site):
    for page in sorted(real_site.output.glob("articles/*/index.html")):
        opening = real_site.html(page.relative_to(real_site.output)).select_one(".prose > p")
        assert len(opening.select("a[data-term]")) <= 4, page


def test_a_country_page_quotes_where_each_explainer_first_names_it(real_site):
    page = real_site.html("countries/russia/")
    items = page.select(".explainer-titles > li")
    quoted = [item for item in items if item.select_one(".mention-context mark")]
    assert len(quoted) >= len(items) - 1  # an explainer may be about Russia without naming it in its text
    for item in quoted:
        jump = item.select_one("a.mention-jump")["href"]
        article, anchor = jump.split("#")
        assert article == item.a["href"]
        spot = real_site.html(article.strip("/")).select_one(f"#{anchor}")
        assert spot.get_text() == item.select_one("mark").get_text()
