"""Rules every explainer follows: required metadata, at least three sources, sound footnotes, sound links."""

import re

import pytest

from conftest import ROOT, article, build, make_site

COUNTRY = (
    "Title: China\nOfficial-name: People's Republic of China\nISO: CN, CHN\nCapital: Beijing\nSummary: China.\n\n"
    'China.[^a]\n\n[^a]: Xinhua, "A report", 1 July 2023.\n'
)
GOOD = article("good", "China sent a delegation.", countries="china")


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Date: 2024-01-01\nSummary: x.\nCountries: china\n\nText.\n", "bad.md: missing Title — add a line `Title: …`"),
        ("Title: Bad\nSummary: x.\nCountries: china\n\nText.\n", "bad.md: missing Date — add a line `Date: …`"),
        ("Title: Bad\nDate: 2024-01-01\nCountries: china\n\nText.\n", "bad.md: missing Summary — add a line `Summary: …`"),
        (article("bad", "Text."), "bad.md: missing Countries — add a line `Countries: …`"),
        (
            'Title: Bad\nDate: 2024-01-01\nSummary: x.\nCountries: china\n\nText.[^a][^b]\n\n[^a]: A, "x", 1 July 2023.\n[^b]: B, "y", 1 July 2023.\n',
            "bad.md: only 2 distinct footnoted source(s) — an explainer needs at least 3",
        ),
        (article("bad", "Text.[^gone]", countries="china"), "bad.md:7: footnote [^gone] is cited but never defined"),
        (
            article("bad", "Text.", countries="china") + '[^spare]: Reuters, "Unused", 1 July 2023.\n',
            "footnote [^spare] is defined but never cited",
        ),
        (
            article("bad", "See [the parade]({filename}/articles/missing.md).", countries="china"),
            "bad.md:7: the link to /articles/missing.md points to no file in the content folder",
        ),
    ],
    ids=[
        "no title",
        "no date",
        "no summary",
        "no countries",
        "two sources",
        "dangling footnote",
        "unused footnote",
        "broken link",
    ],
)
def test_explainer_rule_is_enforced_with_file_and_line(tmp_path, source, expected):
    content = make_site(tmp_path, {"countries/china.md": COUNTRY, "articles/good.md": GOOD, "articles/bad.md": source})
    site = build(content, tmp_path / "output", check=False)
    assert site.returncode != 0
    assert expected in site.log, site.log
    assert "Traceback" not in site.log


def test_timeline_event_linking_to_a_missing_article_fails(tmp_path, content_copy):
    timeline = content_copy / "pages" / "timeline.md"
    text = timeline.read_text(encoding="utf-8")
    assert "{filename}/articles/" in text
    timeline.write_text(
        text.replace("{filename}/articles/victory-day-parade-2023.md", "{filename}/articles/no-such-explainer.md", 1),
        encoding="utf-8",
    )
    site = build(content_copy, tmp_path / "output", check=False)
    assert site.returncode != 0
    assert "timeline.md" in site.log and "/articles/no-such-explainer.md points to no file" in site.log


def test_every_timeline_event_links_to_an_explainer(real_site):
    source = (ROOT / "content" / "pages" / "timeline.md").read_text(encoding="utf-8")
    events = [line for line in source.splitlines() if line.startswith("1. **")]  # one numbered list per era
    assert len(events) >= 10
    assert all("({filename}/articles/" in line for line in events), [line for line in events if "{filename}" not in line]
    years = [int(re.search(r"\b(19|20)\d\d\b", line).group(0)) for line in events]
    assert min(years) == 1950 and max(years) == 2026  # to the parade that closed the party congress, February 2026


def test_every_explainer_revised_after_it_was_published_says_what_changed():
    """This site's editorial rule: an explainer modified on a later day than it was published carries a
    Corrections line, so the corrections log leaves no revision out."""
    unexplained = []
    for path in sorted((ROOT / "content" / "articles").glob("*.md")):
        header = path.read_text(encoding="utf-8").partition("\n\n")[0]
        fields = {key.lower(): value.strip() for key, _, value in (line.partition(":") for line in header.splitlines()) if value}
        if fields.get("modified", "")[:10] > fields["date"][:10] and "corrections" not in fields:
            unexplained.append(path.name)
    assert not unexplained
