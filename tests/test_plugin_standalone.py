"""The plugin as another newsroom would use it, where it needs more than the plugin's own tests
(plugins/explainer/tests/test_plain_site.py): the popover in Chromium on the same plain site with Pelican's
default theme and two languages through the strict build. (A new site laid out by one command and built by its
own `make build` is the plugin's own test, plugins/explainer/tests/test_scaffold.py.)"""

import sys

import pytest

from conftest import ROOT, build, make_site

sys.path.insert(0, str(ROOT / "plugins" / "explainer" / "tests"))
from pelican_site import build_plain_site


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    return build_plain_site(tmp_path_factory.mktemp("plain"))


def test_the_popover_works_in_the_default_theme(plain_site, browser, serve):
    base = serve(plain_site)
    page = browser.new_page()
    page.goto(f"{base}/the-launch.html")
    page.hover('a[data-term="glossary:icbm"]')
    popover = page.locator("#term-popover")
    popover.wait_for(state="visible")
    assert "5,500 km" in popover.inner_text()
    page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    page.close()


TRANSLATED = {
    "glossary/icbm.md": 'Title: ICBM\nCategory: weapon\nSummary: A missile that can fly more than 5,500 km.\n\nAn intercontinental ballistic missile.[^r]\n\n[^r]: Reuters, "A report", 1 July 2023.\n',
    "glossary/icbm-ko.md": 'Title: 대륙간탄도미사일\nSlug: icbm\nLang: ko\nCategory: weapon\nSummary: 사거리 5,500km 이상의 미사일.\n\n대륙간탄도미사일 설명.[^r]\n\n[^r]: Reuters, "A report", 1 July 2023.\n',
    "articles/probe.md": 'Title: The probe\nDate: 2024-01-01\nSlug: probe\nSummary: A test.\n\nThe ICBM flew.[^a][^b][^c]\n\n[^a]: Reuters, "One", 1 July 2023.\n[^b]: Associated Press, "Two", 2 July 2023.\n[^c]: Yonhap News Agency, "Three", 3 July 2023.\n',
    "articles/probe-ko.md": 'Title: 시험\nDate: 2024-01-01\nSlug: probe\nLang: ko\nSummary: 시험.\n\n그 대륙간탄도미사일 이 날았다. ICBM 도.[^a][^b][^c]\n\n[^a]: Reuters, "One", 1 July 2023.\n[^b]: Associated Press, "Two", 2 July 2023.\n[^c]: Yonhap News Agency, "Three", 3 July 2023.\n',
}


def test_a_translation_links_its_own_language_glossary_at_addresses_of_the_same_scheme(tmp_path):
    site = build(make_site(tmp_path, TRANSLATED), tmp_path / "output")
    korean = site.html("ko/articles/probe/")
    assert [(a.get_text(), a["href"]) for a in korean.select("a.term")] == [("대륙간탄도미사일", "/ko/glossary/icbm/")]
    english = site.html("articles/probe/")
    assert [(a.get_text(), a["href"]) for a in english.select("a.term")] == [("ICBM", "/glossary/icbm/")]
    term = site.html("ko/glossary/icbm/")
    assert "언급된 글" in term.get_text() and "시험" in term.select_one("#mentioned-in").parent.get_text()
    assert "Mentioned in" in site.html("glossary/icbm/").get_text()
    assert not (site.output / "probe-ko.html").exists()
