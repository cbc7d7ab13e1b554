"""The catalogue of author mistakes: each gets `path:line: what is wrong — what to do`, and a failed
`make build` leaves the previous output/ byte for byte as it was. Some "mistakes" are not mistakes at
all (Windows line endings, a byte-order mark, Korean names): those must simply work."""

import hashlib
import os
import shutil
import subprocess
import time

import pytest

from conftest import ROOT, article, build, country, term

BASE = {
    "countries/north-korea.md": country("North Korea", "KP, PRK", ["china | ally | 1961-07-11 | Treaty | https://example.org/t"], aliases="DPRK"),
    "countries/china.md": country("China", "CN, CHN", ["north-korea | ally | 1961-07-11 | Treaty | https://example.org/t"]),
    "glossary/icbm.md": term("ICBM", "A long-range missile.", "weapon", aliases="ICBMs"),
    "glossary/armistice.md": term("armistice", "An agreement to stop fighting."),
    "articles/parade.md": article("parade", "North Korea showed an ICBM after the armistice.", countries="north-korea"),
    "articles/china.md": article("china-visit", "China sent a delegation to see the ICBM.", countries="china"),
    "pages/about.md": "Title: About\nSummary: About this site.\n\nAbout the armistice.\n",
    "images/map.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
}


def body_line(text):
    return article("bad", text, countries="china")


# (id, files to write (None deletes), message expected in the output)
FAILING = [
    ("missing title", {"articles/bad.md": "Date: 2024-01-01\nSummary: x.\nCountries: china\n\nText.\n"}, "articles/bad.md: missing Title — add a line `Title: …`"),
    ("bad date", {"articles/bad.md": "Title: Bad\nDate: 2024-13-45\nSummary: x.\nCountries: china\n\nText.\n"}, "articles/bad.md:2: this file could not be read: '2024-13-45' is not a valid date"),
    ("unknown country", {"articles/bad.md": article("bad", "Text.", countries="north-corea")}, "articles/bad.md:5: Countries names 'north-corea', which is not in countries/ — did you mean 'north-korea'?"),
    ("same slug on two articles", {"articles/bad.md": article("parade", "Text.", countries="china")}, "this page would be written to articles/parade/index.html, as"),
    ("same alias on two terms", {"glossary/missile.md": term("Missile", aliases="ICBMs")}, "glossary/missile.md:4: the name 'ICBMs' is also an alias of"),
    ("alias equal to another term's title", {"glossary/missile.md": term("Missile", aliases="ICBM")}, "glossary/missile.md:4: the name 'ICBM' is the title of"),
    ("empty summary", {"glossary/missile.md": "Title: Missile\nCategory: weapon\nSummary:\n\nA rocket.[^a]\n\n[^a]: R, \"x\", 1 July 2023.\n"}, "glossary/missile.md:3: missing Summary"),
    ("term file with no body", {"glossary/missile.md": "Title: Missile\nCategory: weapon\nSummary: A rocket.\n"}, "glossary/missile.md: the definition is empty"),
    ("relation to an unknown country", {"countries/china.md": country("China", "CN, CHN", ["north-korea | ally | 1961 | T | https://e.org", "japan | neutral | 1972 | T | https://e.org"])}, "countries/china.md:8: the relation names 'japan', which is not in countries/"),
    ("relation to itself", {"countries/china.md": country("China", "CN, CHN", ["china | ally | 1961 | T | https://e.org"])}, "countries/china.md:7: china has a relation to itself — remove that line"),
    ("dangling footnote", {"articles/bad.md": body_line("Text.[^nope]")}, "articles/bad.md:7: footnote [^nope] is cited but never defined"),
    ("unused footnote", {"articles/bad.md": body_line("Text.") + "[^extra]: Reuters, \"x\", 1 July 2023.\n"}, "articles/bad.md:12: footnote [^extra] is defined but never cited"),
    ("link to a missing internal page", {"articles/bad.md": body_line("See [this]({filename}/articles/nowhere.md).")}, "articles/bad.md:7: the link to /articles/nowhere.md points to no file"),
    ("image without alt text", {"articles/bad.md": body_line("![]({static}/images/map.png)")}, "articles/bad.md:7: the image {static}/images/map.png has no alt text"),
    ("image file that does not exist", {"articles/bad.md": body_line("![A map]({static}/images/missing.png)")}, "articles/bad.md:7: the link to /images/missing.png points to no file"),
    ("image by a plain path that does not exist", {"articles/bad.md": body_line("![A map](/images/gone.png)")}, "articles/bad.md:7: the image /images/gone.png is not in the content folder"),
    ("file that is not UTF-8", {"articles/bad.md": "Title: Caf\xe9\nDate: 2024-01-01\n".encode("latin-1")}, "articles/bad.md:1: this file is not UTF-8 text"),
    ("empty file", {"articles/bad.md": ""}, "articles/bad.md: the file is empty — write the explainer in it, or delete it"),
    ("binary file with a Markdown name", {"articles/bad.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"}, "articles/bad.md:1: this file is not UTF-8 text"),
    ("slug with ../", {"articles/bad.md": article("../../escape", "Text.", countries="china")}, "articles/bad.md: its Slug would write"),
    ("slug with a slash", {"articles/bad.md": article("a/b", "Text.", countries="china")}, "articles/bad.md:3: the Slug 'a/b' contains a slash"),
    ("two terms that differ only in case", {"glossary/armistice2.md": term("Armistice")}, "glossary/armistice2.md:1: the name 'Armistice' is the title of"),
    ("the same term in two files", {"glossary/icbm2.md": term("ICBM")}, "glossary/icbm2.md:1: the name 'ICBM' is the title of"),
    ("link to a draft", {"articles/draft.md": article("draft", "Draft.", countries="china", status="draft"),
                         "articles/bad.md": body_line("See [the draft]({filename}/articles/draft.md).")}, "articles/bad.md:7: the link to /articles/draft.md points to a draft"),
    ("fewer than three sources", {"articles/bad.md": "Title: Bad\nDate: 2024-01-01\nSummary: x.\nCountries: china\n\nText.[^a]\n\n[^a]: R, \"x\", 1 July 2023.\n"}, "articles/bad.md: only 1 distinct footnoted source(s)"),
    ("missing Countries", {"articles/bad.md": article("bad", "Text.")}, "articles/bad.md: missing Countries"),
    ("unknown category", {"glossary/missile.md": term("Missile", category="gadget")}, "glossary/missile.md:2: unknown Category 'gadget'"),
    ("duplicate ISO code", {"countries/prc.md": country("PRC mainland", "CN, CHX")}, "countries/prc.md:3: the ISO code CN is also used by"),
    ("unknown Glossary-exclude slug", {"articles/bad.md": article("bad", "Text.", countries="china", glossary_exclude="icmb")}, "articles/bad.md:6: Glossary-exclude names 'icmb', which is not in glossary/ or countries/ — did you mean 'icbm'?"),
]


def make_build(content, output):
    env = dict(os.environ, COLUMNS="400")
    env.pop("MAKEFLAGS", None)
    return subprocess.run(["make", "--no-print-directory", "build", f"CONTENT={content}", f"OUTPUT={output}"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def snapshot(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_files(content, files):
    for relative, data in files.items():
        path = content / relative
        if data is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A site built from BASE by `make build`: the output/ every failing build must leave untouched."""
    root = tmp_path_factory.mktemp("published")
    content = root / "content"
    write_files(content, BASE)
    output = root / "output"
    result = make_build(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return content, output, snapshot(output)


def test_the_catalogue_has_at_least_thirty_mistakes():
    assert len(FAILING) + len(WORKING) >= 30


@pytest.mark.parametrize("files, expected", [case[1:] for case in FAILING], ids=[case[0] for case in FAILING])
def test_mistake_fails_with_a_clear_message_and_keeps_output(tmp_path, published, files, expected):
    base_content, output, before = published
    content = tmp_path / "content"
    shutil.copytree(base_content, content)
    write_files(content, files)
    result = make_build(content, output)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert expected in log, log
    assert "Traceback" not in log
    assert "Unable to find" not in log, "Pelican's note that names no file is shown besides the plugin's"
    assert "was left exactly as it was" in log
    assert snapshot(output) == before
    assert not list(tmp_path.parent.glob("**/escape*")), "a slug wrote outside the output folder"


# Things that look odd but are fine: (id, files, check on the built site)
def check_crlf_and_bom(site):
    assert site.html("articles/windows/").h1.get_text() == "Windows"


def check_regex_names(site):
    links = [a.get_text() for a in site.html("articles/names/").select("a.term")]
    assert links == ["U.S.", "C++", "(KPA)"]


def check_other_scripts(site):
    links = [a.get_text() for a in site.html("articles/scripts/").select("a.term")]
    assert links == ["조선중앙통신", "Шойгу"]


def check_markup_is_text(site):
    page = site.html("articles/markup/")
    assert page.h1.get_text() == "<script>alert(1)</script> Markup"
    assert not [s for s in page.select("script") if not s.get("src") and s.get("type") not in ("application/json", "application/ld+json")]
    assert "<script>alert" not in page.select_one('script[type="application/ld+json"]').string
    assert page.select_one('meta[name="description"]')["content"] == "A <b>bold</b> summary."
    term_page = site.html("glossary/tag/")
    assert "<i>italic</i>" in term_page.select_one(".facts").get_text()


def check_draft_and_future(site):
    assert not (site.output / "articles" / "draft").exists()
    assert not (site.output / "articles" / "later").exists()
    home = (site.output / "index.html").read_text(encoding="utf-8")
    assert "/articles/draft/" not in home and "/articles/later/" not in home
    assert "Later" not in site.html("glossary/icbm/").get_text()


def check_big_article(site):
    assert site.html("articles/big/").select_one("a.term").get_text() == "ICBM"


def check_one_sided_relation_builds(site):
    assert site.html("countries/china/").select(".relations li")


WORKING = [
    ("Windows line endings and a byte-order mark",
     {"articles/windows.md": "\ufeff" + article("windows", "Text with an ICBM.", title="Windows", countries="china").replace("\n", "\r\n")}, check_crlf_and_bom),
    ("term names with regex characters",
     {"glossary/us.md": term("U.S.", "The United States."), "glossary/cpp.md": term("C++", "A language."),
      "glossary/kpa.md": term("(KPA)", "The army, abbreviated."),
      "articles/names.md": article("names", "The U.S. and C++ and (KPA), but not US or C or KPA.", countries="china")}, check_regex_names),
    ("terms in Korean and Cyrillic script",
     {"glossary/kcna-ko.md": term("조선중앙통신", "KCNA in Korean."), "glossary/shoigu-ru.md": term("Шойгу", "Shoigu in Russian."),
      "articles/scripts.md": article("scripts", "조선중앙통신 reported that Шойгу arrived; Шойгуев is another word.", countries="china")}, check_other_scripts),
    ("HTML or script in a title, summary or alias",
     {"articles/markup.md": article("markup", "Text.", title="<script>alert(1)</script> Markup", summary="A <b>bold</b> summary.", countries="china"),
      "glossary/tag.md": term("Tag", "A term.", aliases="<i>italic</i>")}, check_markup_is_text),
    ("a draft and an article dated in the future",
     {"articles/draft.md": article("draft", "An ICBM draft.", countries="china", status="draft"),
      "articles/later.md": article("later", "An ICBM, later.", date="2999-01-01", title="Later", countries="china")}, check_draft_and_future),
    ("a 5 MB article",
     {"articles/big.md": article("big", ("An ICBM flew over the sea. " * 12 + "\n\n") * 16000, countries="china")}, check_big_article),
    ("a relation declared on one side only (advice, not an error)",
     {"countries/china.md": country("China", "CN, CHN", ["north-korea | ally | 1961-07-11 | Treaty | https://example.org/t"]),
      "countries/north-korea.md": country("North Korea", "KP, PRK", aliases="DPRK")}, check_one_sided_relation_builds),
]


@pytest.mark.parametrize("files, check", [case[1:] for case in WORKING], ids=[case[0] for case in WORKING])
def test_unusual_but_valid_content_builds(tmp_path, files, check):
    content = tmp_path / "content"
    write_files(content, {**BASE, **files})
    started = time.perf_counter()
    site = build(content, tmp_path / "output")
    print(f"built in {time.perf_counter() - started:.1f} s")
    check(site)
