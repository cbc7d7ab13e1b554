"""How fresh a page is, and what was put right: Covers, Corrections and the corrections log; and the
share card every page gets for link previews."""

import pytest
from PIL import Image

from conftest import article, build, make_site, term

CORRECTED = article(
    "a",
    "An ICBM flew.",
    date="2024-01-01",
    modified="2024-03-02",
    covers="2023-12-18",
    corrections="2024-02-01 | The flight lasted 74 minutes, not 47.\n    2024-03-02 | The launch site is Pyongyang.",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("fresh")
    content = make_site(
        root,
        {
            "glossary/icbm.md": term("ICBM"),
            "articles/a.md": CORRECTED,
            "articles/b.md": article("b", "Another ICBM.", date="2024-02-01 09:00", modified="2024-02-01 17:00"),
        },
    )
    return build(content, root / "output")


def text(element):
    return " ".join(element.get_text(" ").split())


def test_an_article_says_what_it_covers_and_when_it_was_corrected(site):
    page = site.html("articles/a/")
    assert text(page.select_one(".covers")) == "Covers events up to 18 December 2023"
    assert text(page.select_one(".corrected")) == "Corrected on 2 March 2024"
    items = [text(li) for li in page.select("aside.corrections li")]
    assert items == ["1 February 2024 : The flight lasted 74 minutes, not 47.", "2 March 2024 : The launch site is Pyongyang."]
    assert page.select_one("aside.corrections a[href^='/corrections/#']")


def test_updated_shows_only_when_it_is_another_day(site):
    assert "updated" in text(site.html("articles/a/").select_one(".dates"))
    assert "updated" not in text(site.html("articles/b/").select_one(".dates"))  # same day, later hour


def test_the_corrections_log_lists_every_correction_newest_first_with_its_page(site):
    log = site.html("corrections/")
    items = log.select("ol.corrections-log li")
    assert [text(li) for li in items] == [
        "2 March 2024 : A . The launch site is Pyongyang.",
        "1 February 2024 : A . The flight lasted 74 minutes, not 47.",
    ]
    assert all(li.select_one("a")["href"] == "/articles/a/" for li in items)
    assert items[0]["id"] == "correction-a-2024-03-02"


@pytest.mark.parametrize(
    ("metadata", "message"),
    [
        ({"covers": "December 2023"}, "articles/a.md:5: Covers is 'December 2023' — write the date of the last event"),
        ({"covers": "2999-01-01"}, "articles/a.md:5: Covers is 2999-01-01, after the page was last written (2024-01-01)"),
        (
            {"corrections": "2024-02-30 | A wrong date."},
            "articles/a.md:5: the correction '2024-02-30 | A wrong date.' needs a date and what changed",
        ),
        ({"corrections": "2024-02-01"}, "articles/a.md:5: the correction '2024-02-01' needs a date and what changed"),
        (
            {"corrections": "2023-12-01 | Before it was published."},
            "articles/a.md:5: the correction of 2023-12-01 is dated before the page was published (2024-01-01)",
        ),
        (
            {"modified": "2024-01-15", "corrections": "2024-02-01 | Later than Modified."},
            "articles/a.md:5: the page was corrected on 2024-02-01 but Modified is 2024-01-15",
        ),
    ],
)
def test_freshness_mistakes_name_the_file_and_line(tmp_path, metadata, message):
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM.", **metadata)})
    result = build(content, tmp_path / "output", check=False)
    assert result.returncode != 0 and "Traceback" not in result.log
    assert message in result.log
    assert not (tmp_path / "output").exists()


def test_every_page_has_its_own_share_card_with_absolute_address_when_published(site, tmp_path):
    pages = site.pages()
    cards = set()
    for path in pages:
        soup = site.html(path.relative_to(site.output))
        image = soup.select_one('meta[property="og:image"]')
        if image is None:
            continue
        cards.add(image["content"])
        card = site.output / image["content"].lstrip("/")
        with Image.open(card) as picture:
            assert picture.size == (1200, 630)
    assert len(cards) >= 5  # articles, term, indexes: one card per title
    assert len(cards) == len(set(cards))


def test_published_pages_give_absolute_og_url_and_image(tmp_path):
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM.")})
    site = build(content, tmp_path / "output", settings="publishconf.py", extra_settings={"SITEURL": "https://example.org"})
    page = site.html("articles/a/")
    assert page.select_one('meta[property="og:url"]')["content"] == "https://example.org/articles/a/"
    assert page.select_one('meta[property="og:image"]')["content"].startswith("https://example.org/cards/")


def test_with_the_content_cache_on_cards_are_kept_for_the_next_build(tmp_path):
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM.")})
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    first = build(content, tmp_path / "one", extra_settings=cached)
    kept = {card.name: card.read_bytes() for card in (tmp_path / "cache").glob("explainer-cards-*/*.png")}
    written = {card.name: card.read_bytes() for card in (first.output / "cards").glob("*.png")}
    assert kept and kept == written
    second = build(content, tmp_path / "two", extra_settings=cached)
    assert {card.name: card.read_bytes() for card in (second.output / "cards").glob("*.png")} == written


def test_a_kept_card_is_linked_into_the_next_build_and_never_written_through(tmp_path):
    """A rebuild links the kept cards into its output instead of copying 37 MB of them (3,000 cards);
    drawing a card over one of those links replaces the file and leaves the kept card as it was."""
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM.")})
    first_cache = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    build(content, tmp_path / "one", extra_settings=first_cache)
    second = build(content, tmp_path / "two", extra_settings=first_cache)
    kept = {card.name: card for card in (tmp_path / "cache").glob("explainer-cards-*/*.png")}
    linked = sorted((second.output / "cards").glob("*.png"))
    assert linked and all(card.samefile(kept[card.name]) for card in linked)
    before = {name: card.read_bytes() for name, card in kept.items()}
    other_cache = {**first_cache, "CACHE_PATH": str(tmp_path / "other-cache")}  # nothing kept: every card drawn
    third = build(content, tmp_path / "two", extra_settings=other_cache)
    assert third.output == second.output
    assert not any(card.samefile(kept[card.name]) for card in (third.output / "cards").glob("*.png"))
    assert {name: card.read_bytes() for name, card in kept.items()} == before
    assert sorted(path.name for path in (third.output / "cards").iterdir()) == [card.name for card in linked]


def test_cards_kept_by_another_version_of_the_drawing_are_drawn_again(tmp_path):
    """Kept cards are filed under what their pixels depend on (the card module, Pillow): after an upgrade the
    old pictures are not reused just because the title is the same."""
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM.")})
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    first = build(content, tmp_path / "one", extra_settings=cached)
    written = {card.name: card.read_bytes() for card in (first.output / "cards").glob("*.png")}
    [current] = (tmp_path / "cache").glob("explainer-cards-*")
    older = current.rename(current.with_name("explainer-cards-0123456789ab"))  # as an older plugin filed them
    for card in older.glob("*.png"):
        card.write_bytes(b"an older drawing")
    second = build(content, tmp_path / "two", extra_settings=cached)
    assert {card.name: card.read_bytes() for card in (second.output / "cards").glob("*.png")} == written
