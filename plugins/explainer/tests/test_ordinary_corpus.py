"""With its defaults, the plugin builds every article plain Pelican builds (issue 23.4): a corpus of ordinary
Pelican content is built with the plugin and again without it, in this interpreter with Pelican's API, and the
two builds are compared: the same pages, the same text a reader sees on each, and term links only in prose.

The corpus is Markdown, reStructuredText and HTML articles and pages with custom metadata (one key twice), inline
SVG, styles, a `tel:` link, an image with no alt text, one from another site and two relative to their file, a
link to a category page, a footnote nobody cites, a `.txt` nothing reads and a `.zip` beside the images, a draft, a hidden page, `DEFAULT_DATE = 'fs'`
with an early Modified, and Pelican's own metadata edge cases: files from the test content Pelican ships
(pelican/tests/content), each chosen for the case it names. The plugin's build adds one glossary term.
"""

import contextlib
from pathlib import Path

import pelican as pelican_package
import pytest
from bs4 import BeautifulSoup
from pelican_site import make_site, no_plugin_listening, pelican, write

PELICAN_CONTENT = Path(pelican_package.__file__).parent / "tests" / "content"
EDGE_CASES = (
    "article_with_capitalized_metadata.rst",  # :TAGS:, custom fields, a multi-line :CUSTOM_FORMATTED_FIELD:
    "article_with_multiple_authors_semicolon.rst",  # "Author, First; Author, Second"
    "article_with_inline_svg.html",  # an SVG with a <title> of its own
    "article_with_nonconformant_meta_tags.html",  # <meta charset>, http-equiv
    "article_with_multiple_metadata_tags.html",  # one custom key twice: a list
    "article_with_markdown_and_footnote.md",  # Multiline:, footnotes
    "article_with_markdown_and_nested_metadata.md",  # a value that looks like metadata
    "article_with_markdown_markup_extensions.md",  # [TOC]
    "article_with_duplicate_tags_authors.md",  # repeated tags and authors in one line
    "article_with_markdown_and_empty_tags.md",  # Tags: with nothing
    "article_with_typogrify_dashes.md",
    "article_hidden.md",  # Status: hidden
    "article_draft.md",  # Status: draft
)

TERM_FILE = """Title: Kessler syndrome
Summary: A cascade of collisions between objects in orbit.

Debris hits debris.
"""

OWN_FILES = {
    "custom-metadata.md": """Title: A launch, in orbit
Date: 2024-05-01
Category: space
Tags: orbit, debris
Custom_formatted_field: Some *formatted* words
Multiline: A value that goes on
    over a second line.
Subtitle: a key only the theme reads

Engineers fear the Kessler syndrome more than any launch failure. The Kessler syndrome is why.

## Why the Kessler syndrome matters

See [the Kessler syndrome paper](https://example.org/kessler) and `Kessler syndrome` in code.

    the Kessler syndrome, in a code block

<figure><svg viewBox="0 0 10 10" width="40" height="40" role="img" aria-label="A dot"><title>A dot</title>
<circle cx="5" cy="5" r="4" style="fill: #c00" /></svg><figcaption>A red dot, inline SVG</figcaption></figure>

Some <span style="color: #555">grey words</span>, a <abbr title="low Earth orbit">LEO</abbr> and
a [phone number](tel:+441234567890). ![]({static}/images/dot.svg)

![A chart from another site](https://example.org/chart.png)

[More on space](/category/space.html), and the dot again: ![A dot](images/dot.svg)
""",
    "posts/nested.md": """Title: A post in a folder
Date: 2024-05-04

Its image is written from its file: ![A dot](../images/dot.svg)

[^unused]: A note nobody cites, which Python-Markdown lists all the same.
""",
    "restructured.rst": """A reStructuredText article
##########################

:date: 2024-05-02
:custom_field: passed on to the theme
:summary: Plain words.

The Kessler syndrome, written in reST.

::

    Kessler syndrome inside a literal block
""",
    "early-modified.md": """Title: Dated by its file
Modified: 2001-01-01

Its Date comes from the file system (DEFAULT_DATE = 'fs'), so it is later than its Modified.
""",
    "html-article.html": """<html><head><title>An HTML article</title>
<meta name="date" content="2024-05-03" /><meta name="subtitle" content="for the theme" /></head>
<body><p>Orbits fill up: the Kessler syndrome, again.</p>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" width="80"><rect width="20" height="10" fill="#036"/>
<text x="2" y="7" font-size="5">Kessler syndrome</text></svg>
<p><a href="https://example.org/">Kessler syndrome</a> as a link.</p></body></html>
""",
    "pages/about.md": "Title: About\nSummary: Who we are.\nContact: the desk\n\nWe write about orbits, and the Kessler syndrome.\n",
    "pages/hidden.md": "Title: Hidden page\nStatus: hidden\n\nNot in the menu.\n",
    "pages/a-page-with-a-drawing.html": """<html><head><title>A page with a drawing</title></head><body>
<svg width="100" height="50"><g stroke="black"><line x1="0" y1="0" x2="100" y2="50"/></g>
<foreignObject width="100" height="50"><p>Words in a drawing</p></foreignObject></svg></body></html>
""",
    "notes.txt": "A file nothing reads, which plain Pelican leaves where it is.\n",
    "images/chart-data.zip": "a file of a kind the plugin's first site does not serve\n",
    "pages/twice.md": "Title: A key twice\nSubtitle: one\nSubtitle: two\n\nPelican makes a list of them.\n",
    "images/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><circle cx="1" cy="1" r="1"/></svg>\n',
}

SETTINGS = """
SITENAME = "An ordinary site"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE = "fs"
FORMATTED_FIELDS = ["summary", "custom_formatted_field"]
"""
TERM = "Kessler syndrome"
NOT_PROSE = ("code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "title", "svg")
# The pages the plugin writes beside the site's own: an entry's page, the indexes, Sources and the corrections log.
PLUGIN_PAGES = {
    "glossary/index.html",
    "glossary/kessler-syndrome/index.html",
    "countries/index.html",
    "sources/index.html",
    "corrections/index.html",
}


def build(root, with_plugin):
    """Write the corpus under root, build it with or without the plugin; ({output path: parsed page}, its log with
    root written SITE)."""
    files = {name: (PELICAN_CONTENT / name).read_text(encoding="utf-8") for name in EDGE_CASES} | OWN_FILES
    if with_plugin:
        files["glossary/kessler-syndrome.md"] = TERM_FILE
    content = make_site(root, files)
    settings = write(root / "pelicanconf.py", SETTINGS + ('PLUGINS = ["explainer"]\n' if with_plugin else "PLUGINS = []\n"))
    with contextlib.nullcontext() if with_plugin else no_plugin_listening():
        code, log = pelican(content, settings, root / "output")
    assert code == 0 and "Traceback" not in log, log
    return {
        path.relative_to(root / "output").as_posix(): BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted((root / "output").rglob("*.html"))
    }, log.replace(str(root), "SITE")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    plain, plain_log = build(tmp_path_factory.mktemp("plain"), with_plugin=False)
    plugin, log = build(tmp_path_factory.mktemp("plugin"), with_plugin=True)
    return plain, plugin, (plain_log, log)


def visible_text(page):
    """The words a reader sees, in order: what is not script, style or template, with the back-links of the
    notes left out (the plugin names them "Back to the text" for screen readers, where Python-Markdown writes ↩),
    and without the word joiner (U+2060, invisible) that keeps a note's marker on the line of the word before it."""
    page = BeautifulSoup(str(page), "html.parser")
    for hidden in page(["script", "style", "template", "head"]):
        hidden.decompose()
    for backlink in page.select("a.footnote-backref, span.footnote-backrefs"):
        backlink.decompose()
    return " ".join(page.get_text().replace("\u2060", "").split())  # no separator: a link added inside a sentence adds no space


def prose_mentions(page):
    """How many times the term is written in prose: not in code, a heading, a link or a drawing."""
    return sum(
        text.count(TERM)
        for text in page.find_all(string=True)
        if TERM in text and not any(parent.name in NOT_PROSE for parent in text.parents)
    )


def test_the_plugin_writes_every_page_plain_pelican_writes_and_only_its_own_besides(builds):
    plain, plugin, _ = builds
    assert "dated-by-its-file.html" in plain and "drafts/draft-article.html" in plain, sorted(plain)
    assert not set(plain) & PLUGIN_PAGES  # no plugin an earlier test registered heard the plain build
    assert set(plain) <= set(plugin), sorted(set(plain) - set(plugin))
    assert set(plugin) - set(plain) <= PLUGIN_PAGES, sorted(set(plugin) - set(plain))


def test_the_plugin_warns_of_nothing_plain_pelican_does_not(builds):
    _, _, (plain_log, log) = builds
    assert log == plain_log


def test_every_page_shows_the_same_text_with_the_plugin(builds):
    plain, plugin, _ = builds
    differ = [name for name in plain if visible_text(plugin[name]) != visible_text(plain[name])]
    assert differ == []


def test_inline_svg_is_published_as_written(builds):
    plain, plugin, _ = builds
    for name in (
        "a-launch-in-orbit.html",
        "an-html-article.html",
        "article-with-an-inline-svg.html",
        "pages/a-page-with-a-drawing.html",
    ):
        assert len(plugin[name].find_all("svg")) == len(plain[name].find_all("svg")) >= 1, name


def test_term_links_are_in_prose_only(builds):
    plain, plugin, _ = builds
    linked = {}
    for name, page in plugin.items():
        for link in page.select('a[data-term="glossary:kessler-syndrome"]'):
            assert link.get_text() == TERM, (name, link)
            outside = [parent.name for parent in link.parents if parent.name in NOT_PROSE]
            assert outside == [], (name, outside)
            linked[name] = linked.get(name, 0) + 1
    mentioned = {name for name, page in plain.items() if prose_mentions(page)}
    assert set(linked) - set(PLUGIN_PAGES) == mentioned
    # an article's own page links the term once, at its first mention in prose
    assert linked["a-launch-in-orbit.html"] == 1 and linked["a-restructuredtext-article.html"] == 1
    article = plugin["a-launch-in-orbit.html"].select_one('a[data-term="glossary:kessler-syndrome"]')
    assert article.find_parent("p").get_text().startswith("Engineers fear")


def test_a_typo_of_a_key_the_plugin_reads_gets_did_you_mean_and_a_script_never_runs(tmp_path):
    content = make_site(
        tmp_path,
        {
            "typo.md": "Title: Typos\nDate: 2024-05-01\nRelatons: north | ally\nGlosary: off\nImage: cover.png\n\nText.\n",
            "script.md": 'Title: Injected\nDate: 2024-05-01\n\nText.\n\n<img src="x.png" alt="x" onerror="alert(1)">\n',
        },
    )
    settings = write(tmp_path / "pelicanconf.py", SETTINGS + 'PLUGINS = ["explainer"]\n')
    code, log = pelican(content, settings, tmp_path / "output")
    assert code == 1 and not (tmp_path / "output" / "typos.html").exists()
    assert "typo.md:3: unknown metadata key 'Relatons' — did you mean 'Relations'?" in log
    assert "typo.md:4: unknown metadata key 'Glosary' — did you mean 'Glossary'?" in log
    assert "Image" not in log  # a theme's own key, not a typo of Images
    assert "script.md:6: the attribute onerror on <img> runs code" in log


def test_modified_after_date_compares_only_a_date_the_author_wrote(tmp_path):
    content = make_site(
        tmp_path,
        {
            "from-file.md": "Title: From the file\nModified: 2001-01-01\n\nIts Date is the file's.\n",
            "written.md": "Title: Written\nDate: 2024-05-01\nModified: 2001-01-01\n\nA typo in a date.\n",
        },
    )
    settings = write(tmp_path / "pelicanconf.py", SETTINGS + 'PLUGINS = ["explainer"]\nEXPLAINER_MODIFIED_AFTER_DATE = True\n')
    code, log = pelican(content, settings, tmp_path / "output")
    assert code == 1 and "written.md:3: Modified (2001-01-01) is earlier than Date (2024-05-01)" in log
    assert "from-file.md" not in log
