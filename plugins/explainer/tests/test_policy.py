"""The source policy's rules as pure functions (policy.py, freshness.py): a host no browser could reach stops
the build; a copy, or a publication's name over another publication's host, and an explainer whose `Covers:`
date has gone stale, are what `make check` lists."""

import datetime as dt
from types import SimpleNamespace

import pytest
from pelican_site import HOUSE_RULES

from pelican.plugins.explainer.checks.policy import malformed_host, other_host, publication_hosts
from pelican.plugins.explainer.extras import Extras
from pelican.plugins.explainer.model import freshness
from pelican.plugins.explainer.reading.footnotes import parse_footnote
from pelican.plugins.explainer.settings import DEFAULTS, SettingsError, apply


@pytest.mark.parametrize(
    "url, expected",
    [
        ("http://nwww.koreaherald.com/view.php?ud=1", "starts with 'nwww', a mistyped 'www'"),
        ("https://wwww.reuters.com/x", "starts with 'wwww', a mistyped 'www'"),
        ("https://ww.reuters.com/x", "starts with 'ww', a mistyped 'www'"),
        ("https://usubc.org./news/x.php", "ends its host ('usubc.org.') with a dot"),
        ("https://reuters/world/x", "with no dot"),
        ("https://reuters..com/x", "cannot be read as an address"),
        ("https://-reuters.com/x", "not a valid domain name"),
        ("https://reuters.c0m/x", "not a valid domain name"),
        ("https://reuters.com:port/x", "cannot be read as an address"),
        ("https:///x", "has no host"),
    ],
)
def test_a_host_no_browser_could_reach_is_named(url, expected):
    assert expected in malformed_host(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.reuters.com/world/x",
        "https://www2.example.org/x",
        "https://en.yna.co.kr/view/AEN20230727",
        "https://apnews.com/article/x",
        "http://www.kcna.kp/en/article/q/x.kcmsf",
        "https://한국.kr/x",  # an internationalised domain name
        "https://reuters.com:443/x",
    ],
)
def test_real_hosts_pass(url):
    assert malformed_host(url) == ""


SETTINGS = {
    **DEFAULTS,
    **HOUSE_RULES,
    "EXPLAINER_PUBLICATION_HOSTS": {"Reuters": "reuters.com", "Associated Press": ("apnews.com", "ap.org")},
}


def citation(text):
    return parse_footnote(text, SETTINGS)


def test_a_publication_on_another_publications_host_is_a_copy_that_does_not_say_so():
    found = other_host(
        citation('Reuters, "Kim hosts Shoigu", 27 July 2023, <https://www.nasdaq.com/articles/kim>'), publication_hosts(SETTINGS)
    )
    assert found.startswith("names Reuters but links nasdaq.com, not Reuters's own site (reuters.com;")
    assert "write `Reuters via …` if only a copy is public" in found


@pytest.mark.parametrize(
    "text",
    [
        'Reuters, "Kim hosts Shoigu", 27 July 2023, <https://www.reuters.com/world/x>',
        'Associated Press, "Kim hosts Shoigu", 27 July 2023, <https://apnews.com/article/x>',
        'reuters, "Kim hosts Shoigu", 27 July 2023, <https://www.reuters.com/world/x>',  # names are case-blind
        'Dawn, "Kim hosts Shoigu", 27 July 2023, <https://www.dawn.com/news/1>',  # not in the table
    ],
)
def test_a_publication_on_its_own_host_or_one_not_listed_is_fine(text):
    assert other_host(citation(text), publication_hosts(SETTINGS)) == ""


@pytest.mark.parametrize(
    "hosts",
    [{"Reuters": ""}, {"Reuters": ()}, {"Reuters": ("reuters.com", 3)}, {"Reuters": 3}],
    ids=["empty text", "empty tuple", "not a text", "a number"],
)
def test_a_publication_host_table_the_plugin_cannot_read_is_named(hosts):
    with pytest.raises(SettingsError, match=r"^EXPLAINER_PUBLICATION_HOSTS\['Reuters'\] is .* give the publication's host"):
        apply({"EXPLAINER_PUBLICATION_HOSTS": hosts})


@pytest.mark.parametrize("days", [0, -5, "180", 1.5, True])
def test_a_stale_after_that_is_no_number_of_days_is_named(days):
    with pytest.raises(SettingsError, match=r"^EXPLAINER_STALE_AFTER is .* give a number of days"):
        apply({"EXPLAINER_STALE_AFTER": days})


def article(covers, name="a.md"):
    page = SimpleNamespace(source_path=name, explainer=Extras())
    page.explainer.covers = covers and dt.date.fromisoformat(covers)
    return page


def test_an_explainer_whose_covers_date_is_older_than_the_limit_is_listed(monkeypatch):
    monkeypatch.setattr(freshness, "mistake", lambda path, message, key: (path, message, key))
    articles = [article("2025-10-11", "old.md"), article("2026-11-30", "fresh.md"), article("", "undated.md")]
    found = freshness.stale(articles, {"EXPLAINER_STALE_AFTER": 180}, today=dt.date(2026, 12, 8))
    assert found == [
        (
            "old.md",
            "Covers is 2025-10-11, more than 180 days ago (EXPLAINER_STALE_AFTER) — add what has happened since, then move Covers to the last event the page takes in",
            "covers",
        )
    ]
    assert freshness.stale(articles, {"EXPLAINER_STALE_AFTER": None}, today=dt.date(2026, 12, 8)) == []
    assert freshness.stale(articles, {"EXPLAINER_STALE_AFTER": 500}, today=dt.date(2026, 12, 8)) == []
