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
    # A Korean article of its own, no translation of an English one: Pelican lists it only among the translations.
    "news/sanctions-ko.md": "Title: 제재\nDate: 2024-06-01\nSlug: sanctions\nLang: ko\n\n"
    '제재가 발표되었다.[^s]\n\n[^s]: Reuters, "Sanctions", 2 July 2023, <https://www.reuters.com/s>\n',
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


@pytest.mark.parametrize(
    "address, index", [(e, e.split("/")[0]) for e, _ in PAIRS[:2]] + [(k, k.rsplit("/", 1)[0]) for _, k in PAIRS[:2]]
)
def test_an_entity_page_links_the_index_of_its_own_language(site, address, index):
    links = [a["href"] for a in page(site, address).select(".entity a") if a["href"].rstrip("/").endswith(index.split("/")[-1])]
    assert links == [f"/{index}/"], address


def test_the_sources_page_lists_every_articles_citations_whatever_its_language(site):
    listed = {(a.get_text(), a.get("hreflang")) for a in page(site, "sources").select("section li a[href*='#fn:']")}
    assert listed == {("The launch", None), ("발사", "ko"), ("제재", "ko")}
    korean = page(site, "sources").select_one("a[href='/sanctions-ko.html#fn:s']")
    assert korean["lang"] == "ko" and korean.next_sibling.strip().startswith("(한국어)")


def test_a_translation_whose_slug_matches_no_entry_is_a_mistake(tmp_path):
    files = {
        "glossary/gerd.md": "Title: GERD\nSummary: A dam on the Blue Nile.\n\nA large dam.\n",
        "glossary/gerd-ko.md": "Title: 그랜드 에티오피아 르네상스 댐\nSlug: gred\nLang: ko\nSummary: 청나일강의 댐.\n\n큰 댐.\n",
    }
    content = make_site(tmp_path, files)
    code, log = pelican(content, write(tmp_path / "pelicanconf.py", PLAIN_SETTINGS), tmp_path / "output")
    assert code == 1 and not (tmp_path / "output" / "ko" / "glossary" / "gred").exists()
    assert "gerd-ko.md:2: Lang is 'ko', but no glossary entry in the site's language has the slug 'gred'" in log
    assert "did you mean 'gerd'?" in log
