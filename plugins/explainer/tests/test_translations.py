"""A bilingual site, English and Korean, with Pelican's default theme: every page the plugin writes says its own
language, links to its translations and back, shows the plugin's words in its language, and lists only the
articles of its language."""

import pytest
from pelican_site import PLAIN_SETTINGS, make_site, pelican, soup, write

NOTE = '[^r]: Reuters, "A report", 1 July 2023, <https://www.reuters.com/a>\n'
FILES = {
    "glossary/icbm.md": "Title: ICBM\nSummary: A missile that can fly more than 5,500 km.\n\nA long-range missile.\n",
    "glossary/icbm-ko.md": "Title: 대륙간탄도미사일\nSlug: icbm\nLang: ko\nSummary: 사거리 5,500km 이상의 미사일.\n\n장거리 미사일.\n",
    "countries/ruritania.md": "Title: Ruritania\nSummary: A kingdom in the story.\n\nA small kingdom.\n",
    "countries/ruritania-ko.md": "Title: 루리타니아\nSlug: ruritania\nLang: ko\nSummary: 이야기 속 왕국.\n\n작은 왕국.\n",
    "news/launch.md": "Title: The launch\nDate: 2024-05-01\nSlug: launch\nCountries: ruritania\n\n"
    f"Ruritania tested an ICBM.[^r]\n\n{NOTE}",
    "news/launch-ko.md": "Title: 발사\nDate: 2024-05-01\nSlug: launch\nLang: ko\nCountries: ruritania\n\n"
    f"루리타니아가 대륙간탄도미사일을 시험했다.[^r]\n\n{NOTE}",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bilingual site built in this interpreter; its output folder."""
    root = tmp_path_factory.mktemp("bilingual")
    content = make_site(root, FILES)
    settings = write(root / "pelicanconf.py", PLAIN_SETTINGS)
    code, log = pelican(content, settings, root / "output")
    assert code == 0 and "ERROR" not in log and "Traceback" not in log, log
    return root / "output"


def page(site, address):
    return soup(site / address / "index.html")


PAIRS = [("glossary/icbm", "ko/glossary/icbm"), ("countries/ruritania", "ko/countries/ruritania"), ("glossary", "ko/glossary")]


@pytest.mark.parametrize("english, korean", [*PAIRS, ("countries", "ko/countries")])
def test_each_page_says_its_language_and_links_to_its_translation_and_back(site, english, korean):
    for address, lang, other, other_lang, name in (
        (english, "en", korean, "ko", "한국어"),
        (korean, "ko", english, "en", "English"),
    ):
        html = page(site, address)
        assert html.html["lang"] == lang, address
        links = [(a["href"], a["hreflang"], a.get_text()) for a in html.select("p.translations a")]
        assert links == [(f"/{other}/", other_lang, name)], address


def test_the_sources_page_says_the_sites_language(site):
    assert page(site, "sources").html["lang"] == "en"


def test_the_plugins_words_on_a_korean_page_are_korean(site):
    term = page(site, "ko/glossary/icbm")
    assert term.select_one("#mentioned-in").get_text() == "언급된 글"
    assert term.select_one("p.translations").get_text().startswith("다른 언어로 읽기:")
    country = page(site, "ko/countries/ruritania")
    assert country.select_one("#explainers").get_text() == "해설 기사"


def test_an_article_links_to_its_translation_through_pelicans_own_machinery(site):
    english = soup(site / "launch.html")
    assert [a["href"] for a in english.select('a[hreflang="ko"]')] == ["/launch-ko.html"]
    korean = soup(site / "launch-ko.html")
    assert korean.html["lang"] == "ko"
    assert korean.select_one("a.footnote-backref").get_text() == "본문으로 돌아가기"
    assert [a["href"] for a in korean.select("a.term")] == ["/ko/countries/ruritania/", "/ko/glossary/icbm/"]


@pytest.mark.parametrize(
    "address, section, title",
    [
        ("countries/ruritania", "#explainers", "The launch"),
        ("ko/countries/ruritania", "#explainers", "발사"),
        ("glossary/icbm", "#mentioned-in", "The launch"),
        ("ko/glossary/icbm", "#mentioned-in", "발사"),
    ],
)
def test_entity_pages_list_only_the_articles_of_their_own_language(site, address, section, title):
    listed = page(site, address).select_one(section).parent
    assert [a.get_text() for a in listed.select("li > a:first-child")] == [title]
