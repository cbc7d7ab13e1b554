"""The catalogue of author mistakes: each gets `path:line: what is wrong — what to do`, and a failed
`make build` leaves the previous output/ byte for byte as it was. Some "mistakes" are not mistakes at
all (Windows line endings, a byte-order mark, Korean names): those must simply work."""

import contextlib
import hashlib
import io
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, article, build, country, make_env, term
from pelican.plugins.explainer.tooling import runner

BASE = {
    "countries/north-korea.md": country(
        "North Korea", "KP, PRK", ["china | ally | 1961-07-11 | Treaty | https://example.org/t"], aliases="DPRK"
    ),
    "countries/china.md": country("China", "CN, CHN", ["north-korea | ally | 1961-07-11 | Treaty | https://example.org/t"]),
    "glossary/icbm.md": term("ICBM", "A long-range missile.", "weapon", aliases="ICBMs"),
    "glossary/armistice.md": term("armistice", "An agreement to stop fighting."),
    "articles/parade.md": article("parade", "North Korea showed an ICBM after the armistice.", countries="north-korea"),
    "articles/china.md": article("china-visit", "China sent a delegation to see the ICBM.", countries="china"),
    "pages/about.md": "Title: About\nSummary: About this site.\n\nAbout the armistice.\n",
    "images/map.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
}
SOURCE = '[^src]\n\n[^src]: Reuters, "A report", 1 July 2023, <https://www.reuters.com/world/a-report/>\n'
CHINA_TREATY = "north-korea | ally | 1961-07-11 | Treaty | https://example.org/t"


def body_line(text):
    """An article whose body starts on line 7 (Title, Date, Slug, Summary, Countries, blank line)."""
    return article("bad", text, countries="china")


def raw_block(html):
    """An article with `html` as a raw HTML block on line 9."""
    return body_line(f"Text.\n\n{html}\n\nMore.")


def page(metadata_line):
    """A page with `metadata_line` on line 2."""
    return f"Title: Bad\n{metadata_line}\nSummary: A page.\n\nText.\n"


# (id, files to write (None deletes; ("symlink", target) links), message expected in the output: a substring,
# or a compiled pattern where the right wording is not settled yet). Every message names `path:line:` unless
# the case is in WHOLE_FILE.
FAILING = [
    (
        "missile length not in metres",
        {
            "articles/bad.md": article(
                "bad",
                "Text.",
                countries="china",
                missiles="Hwasong-17 | length 25 metres [^r]\n    Hwasong-18 | length 20 m [^a]",
            )
        },
        "articles/bad.md:6: 'Hwasong-17': length '25 metres' is not in metres — write e.g. `length 25 m` or `length 24–26 m`",
    ),
    (
        "missile citing an undefined footnote",
        {
            "articles/bad.md": article(
                "bad", "Text.", countries="china", missiles="Hwasong-17 | length 25 m [^r]\n    Hwasong-18 | length 20 m [^kcna]"
            )
        },
        "articles/bad.md:7: [^kcna] is not a footnote of this file",
    ),
    (
        "unknown place",
        {"articles/bad.md": article("bad", "Text.", countries="china", places="pyongyang, pyongyanng")},
        "articles/bad.md:6: Places names 'pyongyanng', which is no built-in place nor one this file defines — did you mean 'pyongyang'?",
    ),
    (
        "place with bad coordinates",
        {"articles/bad.md": article("bad", "Text.", countries="china", places="Vostochny Cosmodrome | 95 N, 128.33 E | [^r]")},
        "articles/bad.md:6: the place 'Vostochny Cosmodrome' has coordinates '95 N, 128.33 E', which are not a latitude and longitude",
    ),
    (
        "place without a source",
        {"articles/bad.md": article("bad", "Text.", countries="china", places="Vostochny Cosmodrome | 51.88 N, 128.33 E |")},
        "articles/bad.md:6: the place 'Vostochny Cosmodrome' cites no source for its coordinates",
    ),
    (
        "place citing an undefined footnote",
        {
            "articles/bad.md": article(
                "bad", "Text.", countries="china", places="Vostochny Cosmodrome | 51.88 N, 128.33 E | [^tass]"
            )
        },
        "articles/bad.md:6: [^tass] is not a footnote of this file",
    ),
    (
        "ring with a malformed distance",
        {
            "articles/bad.md": article(
                "bad", "Text.", countries="china", range_rings="pyongyang | 5.500 km | the ICBM threshold [^r]"
            )
        },
        "articles/bad.md:6: the ring's distance '5.500 km' is not a whole number of kilometres — write e.g. `5,500 km`",
    ),
    (
        "ring without a source",
        {"articles/bad.md": article("bad", "Text.", countries="china", range_rings="pyongyang | 5,500 km | the ICBM threshold")},
        "articles/bad.md:6: the ring at 5,500 km cites no source",
    ),
    (
        "ring citing an undefined footnote",
        {
            "articles/bad.md": article(
                "bad", "Text.", countries="china", range_rings="pyongyang | 5,500 km | the ICBM threshold [^carnegie]"
            )
        },
        "articles/bad.md:6: [^carnegie] is not a footnote of this file",
    ),
    (
        "ring from an unknown place",
        {
            "articles/bad.md": article(
                "bad", "Text.", countries="china", range_rings="pyongyan | 5,500 km | the ICBM threshold [^r]"
            )
        },
        "articles/bad.md:6: Range-rings names 'pyongyan', which is no built-in place nor one this file defines — did you mean 'pyongyang'?",
    ),
    (
        "rings from two places",
        {
            "articles/bad.md": article(
                "bad", "Text.", countries="china", range_rings="pyongyang | 1,000 km | a [^r]\n    beijing | 5,500 km | b [^a]"
            )
        },
        "articles/bad.md:7: the ring 'beijing | 5,500 km | b [^a]' starts from 'beijing', the ones above from 'pyongyang'",
    ),
    (
        "place named twice",
        {"articles/bad.md": article("bad", "Text.", countries="china", places="pyongyang, beijing, pyongyang")},
        "articles/bad.md:6: Places names 'pyongyang' twice — list it once",
    ),
    (
        "ring past the far side of the Earth",
        {"articles/bad.md": article("bad", "Text.", countries="china", range_rings="pyongyang | 25,000 km | a figure [^r]")},
        "articles/bad.md:6: the ring's distance '25,000 km' is not between 1 and 20,000 km",
    ),
    (
        "places on a page",
        {"pages/bad.md": page("Places: pyongyang")},
        "pages/bad.md:2: Places draws on an explainer's map, and a page has none — remove the line",
    ),
    (
        "too many rings",
        {
            "articles/bad.md": article(
                "bad",
                "Text.",
                countries="china",
                range_rings="\n    ".join(f"pyongyang | {km:,} km | a figure [^r]" for km in (1000, 2000, 3000, 4000, 5000)),
            )
        },
        "articles/bad.md:6: Range-rings has 5 rings — draw at most 4",
    ),
    (
        "missing title",
        {"articles/bad.md": "Date: 2024-01-01\nSummary: x.\nCountries: china\n\nText.\n"},
        "articles/bad.md: missing Title — add a line `Title: …`",
    ),
    (
        "bad date",
        {"articles/bad.md": "Title: Bad\nDate: 2024-13-45\nSummary: x.\nCountries: china\n\nText.\n"},
        "articles/bad.md:2: this file could not be read: '2024-13-45' is not a valid date",
    ),
    (
        "unknown country",
        {"articles/bad.md": article("bad", "Text.", countries="north-corea")},
        "articles/bad.md:5: Countries names 'north-corea', which is not in countries/ — did you mean 'north-korea'?",
    ),
    (
        "same slug on two articles",
        {"articles/bad.md": article("parade", "Text.", countries="china")},
        re.compile(r"articles/(bad|parade)\.md:3: this page would be written to articles/parade/index\.html, as "),
    ),  # either file may be named first
    (
        "same alias on two terms",
        {"glossary/missile.md": term("Missile", aliases="ICBMs")},
        "glossary/missile.md:4: the name 'ICBMs' is also an alias of",
    ),
    (
        "alias equal to another term's title",
        {"glossary/missile.md": term("Missile", aliases="ICBM")},
        "glossary/missile.md:4: the name 'ICBM' is the title of",
    ),
    (
        "empty summary",
        {"glossary/missile.md": 'Title: Missile\nCategory: weapon\nSummary:\n\nA rocket.[^a]\n\n[^a]: R, "x", 1 July 2023.\n'},
        "glossary/missile.md:3: missing Summary",
    ),
    (
        "term file with no body",
        {"glossary/missile.md": "Title: Missile\nCategory: weapon\nSummary: A rocket.\n"},
        "glossary/missile.md: the definition is empty",
    ),
    (
        "relation to an unknown country",
        {
            "countries/china.md": country(
                "China",
                "CN, CHN",
                ["north-korea | ally | 1961 | T | https://e.org", "japan | neutral | 1972 | T | https://e.org"],
            )
        },
        "countries/china.md:7: the relation names 'japan', which is not in countries/",
    ),
    (
        "relation to itself",
        {"countries/china.md": country("China", "CN, CHN", ["china | ally | 1961 | T | https://e.org"])},
        "countries/china.md:6: china has a relation to itself — remove that line",
    ),
    (
        "dangling footnote",
        {"articles/bad.md": body_line("Text.[^nope]")},
        "articles/bad.md:7: footnote [^nope] is cited but never defined",
    ),
    (
        "unused footnote",
        {"articles/bad.md": body_line("Text.") + '[^extra]: Reuters, "x", 1 July 2023.\n'},
        "articles/bad.md:12: footnote [^extra] is defined but never cited",
    ),
    (
        "link to a missing internal page",
        {"articles/bad.md": body_line("See [this]({filename}/articles/nowhere.md).")},
        "articles/bad.md:7: the link to /articles/nowhere.md points to no file",
    ),
    (
        "image without alt text",
        {"articles/bad.md": body_line("![]({static}/images/map.png)")},
        "articles/bad.md:7: the image {static}/images/map.png has no alt text",
    ),
    (
        "image file that does not exist",
        {"articles/bad.md": body_line("![A map]({static}/images/missing.png)")},
        "articles/bad.md:7: the link to /images/missing.png points to no file",
    ),
    (
        "image by a plain path that does not exist",
        {"articles/bad.md": body_line("![A map](/images/gone.png)")},
        "articles/bad.md:7: the image /images/gone.png is not in the content folder",
    ),
    (
        "file that is not UTF-8",
        {"articles/bad.md": "Title: Caf\xe9\nDate: 2024-01-01\n".encode("latin-1")},
        "articles/bad.md:1: this file is not UTF-8 text",
    ),
    ("empty file", {"articles/bad.md": ""}, "articles/bad.md: the file is empty — write the explainer in it, or delete it"),
    (
        "image by a path relative to the source file",
        {"articles/bad.md": body_line("![A map](../images/map.png)")},
        "articles/bad.md:7: the image ../images/map.png is a path relative to this file, which breaks on the published page — write ![…]({static}/images/map.png)",
    ),
    (
        "link to a hidden page with no address",
        {
            "pages/door.md": "Title: Door\nStatus: hidden\nSave_as:\nURL:\nSummary: x.\n\nText.\n",
            "articles/bad.md": body_line("See [the door]({filename}/pages/door.md)."),
        },
        "articles/bad.md:7: the link to /pages/door.md points to a page with no address of its own",
    ),
    (
        "binary file with a Markdown name",
        {"articles/bad.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"},
        "articles/bad.md:1: this file is not UTF-8 text",
    ),
    (
        "slug with ../",
        {"articles/bad.md": article("../../escape", "Text.", countries="china")},
        "articles/bad.md:3: its Slug would write 'articles/../../escape/index.html' outside the site",
    ),
    (
        "slug with a slash",
        {"articles/bad.md": article("a/b", "Text.", countries="china")},
        "articles/bad.md:3: the Slug 'a/b' contains a slash",
    ),
    (
        "two terms that differ only in case",
        {"glossary/armistice2.md": term("Armistice")},
        "glossary/armistice2.md:1: the name 'Armistice' is the title of",
    ),
    ("the same term in two files", {"glossary/icbm2.md": term("ICBM")}, "glossary/icbm2.md:1: the name 'ICBM' is the title of"),
    (
        "link to a draft",
        {
            "articles/draft.md": article("draft", "Draft.", countries="china", status="draft"),
            "articles/bad.md": body_line("See [the draft]({filename}/articles/draft.md)."),
        },
        "articles/bad.md:7: the link to /articles/draft.md points to a draft",
    ),
    (
        "fewer than three sources",
        {
            "articles/bad.md": 'Title: Bad\nDate: 2024-01-01\nSummary: x.\nCountries: china\n\nText.[^a]\n\n[^a]: R, "x", 1 July 2023.\n'
        },
        "articles/bad.md: only 1 distinct footnoted source(s)",
    ),
    ("missing Countries", {"articles/bad.md": article("bad", "Text.")}, "articles/bad.md: missing Countries"),
    (
        "unknown category",
        {"glossary/missile.md": term("Missile", category="gadget")},
        "glossary/missile.md:2: unknown Category 'gadget'",
    ),
    (
        "duplicate ISO code",
        {"countries/prc.md": country("PRC mainland", "CN, CHX")},
        "countries/prc.md:3: the ISO code CN is also used by",
    ),
    (
        "unknown Glossary-exclude slug",
        {"articles/bad.md": article("bad", "Text.", countries="china", glossary_exclude="icmb")},
        "articles/bad.md:6: Glossary-exclude names 'icmb', which is not in glossary/ or countries/ — did you mean 'icbm'?",
    ),
    # Addresses: one owner per address, and only safe ones.
    (
        "page slug glossary",
        {"pages/bad.md": page("Slug: glossary")},
        "pages/bad.md:2: this page would be written to glossary/index.html, which is the Glossary index — give it another Slug",
    ),
    (
        "page slug sources",
        {"pages/bad.md": page("Slug: sources")},
        "pages/bad.md:2: this page would be written to sources/index.html, which is the Sources page — give it another Slug",
    ),
    (
        "page slug search",
        {"pages/bad.md": page("Slug: search")},
        "pages/bad.md:2: this page would be written to search/index.html, which is the search page — give it another Slug",
    ),
    (
        "page slug countries",
        {"pages/bad.md": page("Slug: countries")},
        "pages/bad.md:2: this page would be written to countries/index.html, which is the Countries index — give it another Slug",
    ),
    ("page slug robots.txt", {"pages/bad.md": page("Slug: robots.txt")}, re.compile(r"pages/bad\.md:2: [^\n]*robots\.txt")),
    ("page slug 404.html", {"pages/bad.md": page("Slug: 404.html")}, re.compile(r"pages/bad\.md:2: [^\n]*404\.html")),
    ("page slug sitemap.xml", {"pages/bad.md": page("Slug: sitemap.xml")}, re.compile(r"pages/bad\.md:2: [^\n]*sitemap\.xml")),
    (
        "Save_as the glossary index",
        {"pages/bad.md": page("Save_as: glossary/index.html")},
        "pages/bad.md:2: this page would be written to glossary/index.html, which is the Glossary index",
    ),
    (
        "Save_as the theme's CSS",
        {"pages/bad.md": page("Save_as: theme/css/site.css")},
        "pages/bad.md:2: this page would be written to theme/css/site.css, inside theme/, which the build writes",
    ),
    (
        "Save_as inside pagefind/",
        {"pages/bad.md": page("Save_as: pagefind/x.html")},
        "pages/bad.md:2: this page would be written to pagefind/x.html, inside pagefind/, which the build writes",
    ),
    (
        "Save_as ../outside.html",
        {"pages/bad.md": page("Save_as: ../outside.html")},
        re.compile(r"pages/bad\.md:2: [^\n]*'\.\./outside\.html'[^\n]*outside the site"),
    ),
    (
        "URL that is not where the page is written",
        {"pages/bad.md": page("URL: elsewhere/")},
        "pages/bad.md:2: its URL 'elsewhere/' is not where the page is written (bad/index.html) — links would lead nowhere",
    ),
    (
        "slug with a space",
        {"articles/bad.md": article("a b", "Text.", countries="china")},
        "articles/bad.md:3: the Slug 'a b' is not a safe address: use letters, digits and hyphens, e.g. `Slug: a-b`",
    ),
    (
        "slug with &",
        {"articles/bad.md": article("a&b", "Text.", countries="china")},
        "articles/bad.md:3: the Slug 'a&b' is not a safe address: use letters, digits and hyphens, e.g. `Slug: ab`",
    ),
    (
        "slug with <",
        {"articles/bad.md": article("a<b", "Text.", countries="china")},
        "articles/bad.md:3: the Slug 'a<b' is not a safe address: use letters, digits and hyphens, e.g. `Slug: ab`",
    ),
    (
        "slug with #",
        {"articles/bad.md": article("a#b", "Text.", countries="china")},
        "articles/bad.md:3: the Slug 'a#b' is not a safe address: use letters, digits and hyphens, e.g. `Slug: ab`",
    ),
    (
        "slug with ?",
        {"articles/bad.md": article("a?b", "Text.", countries="china")},
        "articles/bad.md:3: the Slug 'a?b' is not a safe address: use letters, digits and hyphens, e.g. `Slug: ab`",
    ),
    (
        "slug with a quote",
        {"articles/bad.md": article('a"b', "Text.", countries="china")},
        "articles/bad.md:3: the Slug 'a\"b' is not a safe address: use letters, digits and hyphens, e.g. `Slug: ab`",
    ),
    (
        "term slug ../../../escape",
        {"glossary/escape.md": term("Escapee", slug="../../../escape")},
        "glossary/escape.md:4: the Slug '../../../escape' contains a slash or '..'",
    ),
    (
        "Template that does not exist",
        {"pages/bad.md": page("Template: nosuch")},
        "pages/bad.md:2: Template names 'nosuch', which neither the theme nor the plugin has — remove the line",
    ),
    (
        "glossary file with no Title",
        {"glossary/bad.md": "Category: concept\nSummary: A thing.\n\nBody." + SOURCE},
        "glossary/bad.md: missing Title — add `Title: …` as the first line",
    ),
    (
        "countries file with no Title",
        {"countries/bad.md": "Official-name: X\nISO: XX, XXX\nCapital: C\nSummary: x.\n\nBody." + SOURCE},
        "countries/bad.md: missing Title — add `Title: …` as the first line",
    ),
    # Metadata.
    (
        "unknown key Aliasses in a term",
        {"glossary/missile.md": term("Missile", aliasses="Missiles")},
        "glossary/missile.md:4: unknown metadata key 'Aliasses' for a file in glossary/ — did you mean 'aliases'?",
    ),
    (
        "unknown key Countrys in an article",
        {"articles/bad.md": article("bad", "Text.", countrys="china")},
        "articles/bad.md:5: unknown metadata key 'Countrys' — did you mean 'countries'?",
    ),
    (
        "Title given twice",
        {"articles/bad.md": article("bad", "Text.", countries="china", title="Bad\nTitle: Worse")},
        "articles/bad.md:1: Title is given 2 times (lines 1, 2) — keep one",
    ),
    (
        "Glossary: of",
        {"articles/bad.md": article("bad", "Text.", countries="china", glossary="of")},
        "articles/bad.md:6: Glossary is 'of' — write `Glossary: off` (or on)",
    ),
    (
        "Status: drafts",
        {"articles/bad.md": article("bad", "Text.", countries="china", status="drafts")},
        "articles/bad.md:6: Status is 'drafts' — use one of published, hidden, draft, skip",
    ),
    (
        "Modified earlier than Date",
        {"articles/bad.md": article("bad", "Text.", countries="china", modified="2023-06-01")},
        "articles/bad.md:6: Modified (2023-06-01) is earlier than Date (2024-01-01) — correct one of them",
    ),
    (
        "Title of spaces",
        {"articles/bad.md": article("bad", "Text.", countries="china", title="   ")},
        "articles/bad.md:1: the Title is empty — write the title after `Title:`",
    ),
    (
        "Flag line (the flag comes from ISO)",
        {"countries/china.md": country("China", "CN, CHN", [CHINA_TREATY]).replace("Summary:", "Flag: 🇨🇳\nSummary:")},
        "countries/china.md:5: Flag is no longer used",
    ),
    (
        "relation since a future year",
        {"countries/china.md": country("China", "CN, CHN", ["north-korea | ally | 2999 | Treaty | https://example.org/t"])},
        "countries/china.md:6: the since-date '2999' is in the future",
    ),
    (
        "the same relation twice",
        {"countries/china.md": country("China", "CN, CHN", [CHINA_TREATY, CHINA_TREATY])},
        "countries/china.md:6: the relation to north-korea is declared twice — keep one line per country",
    ),
    (
        "Delegation without Country",
        {"glossary/envoy.md": term("Envoy Person", category="person", delegation="2023 visit")},
        "glossary/envoy.md:4: a Delegation line needs a Country — add `Country: <slug>`",
    ),
    (
        "alias 'the'",
        {"glossary/missile.md": term("Missile", aliases="the")},
        "glossary/missile.md:4: the name 'the' is too common a word to link",
    ),
    (
        "one-letter alias",
        {"glossary/missile.md": term("Missile", aliases="X")},
        "glossary/missile.md:4: the name 'X' is too common a word to link",
    ),
    (
        "Link-limit: many",
        {"articles/bad.md": article("bad", "Text.", countries="china", link_limit="many")},
        "articles/bad.md:6: Link-limit is 'many' — write a whole number, e.g. `Link-limit: 20`",
    ),
    # Files nothing reads.
    (
        "Markdown at the top of content/",
        {"probe.md": article("probe", "Text.", countries="china")},
        "probe.md: nothing reads probe.md, so it would not be published",
    ),
    (
        "misspelt folder article/",
        {"article/x.md": article("x", "Text.", countries="china")},
        "article/x.md: nothing reads article/x.md, so it would not be published",
    ),
    (
        "a .markdown file",
        {"glossary/x.markdown": term("Xylophone")},
        "glossary/x.markdown: nothing reads glossary/x.markdown, so it would not be published",
    ),
    (
        "notes in articles/",
        {"articles/notes.txt": "Some notes.\n"},
        "articles/notes.txt: nothing reads articles/notes.txt, so it would not be published",
    ),
    # Outside the content folder, and files a site does not serve.
    (
        "symlink to /etc/passwd",
        {"images/passwd.txt": ("symlink", "/etc/passwd")},
        "images/passwd.txt: passwd.txt is a link to /etc/passwd, outside the content folder",
    ),
    (
        "symlinked folder to plugins/",
        {"images/code": ("symlink", str(ROOT / "plugins"))},
        f"images/code: code is a link to {ROOT / 'plugins'}, outside the content folder",
    ),
    (
        "{attach} to .git/config",
        {"articles/bad.md": body_line("See [c]({attach}../../.git/config).")},
        "articles/bad.md:7: the link to ../../.git/config points outside the content folder",
    ),
    (
        "{static} to ../README.md",
        {"articles/bad.md": body_line("See [r]({static}/../README.md).")},
        "articles/bad.md:7: the link to /../README.md points outside the content folder",
    ),
    ("linked folder inside content", {"images/src": ("symlink", "../articles")}, "images/src: src is a link to the folder "),
    ("link to the folder above", {"images/loop": ("symlink", "..")}, "images/loop: loop is a link to the folder "),
    (
        "image linked to an article",
        {"images/photo.png": ("symlink", "../articles/parade.md")},
        re.compile(
            r"images/photo\.png: photo\.png is a link to \S*articles/parade\.md, which is not an image or file this site serves"
        ),
    ),
    (
        "a pipe named like an article",
        {"articles/pipe.md": ("fifo",)},
        "articles/pipe.md: pipe.md is not a file but a pipe, socket or device",
    ),
    (
        "a .key file in images/",
        {"images/notes.key": "secret\n"},
        "images/notes.key: notes.key is not a kind of file this site serves",
    ),
    (
        "an editor backup in images/",
        {"images/map.png~": b"\x89PNG\r\n\x1a\n" + bytes(64)},
        "images/map.png~: map.png~ is not a kind of file this site serves",
    ),
    # Sources and links.
    (
        "footnote defined twice",
        {"articles/bad.md": body_line("Text.[^d]") + '[^d]: Reuters, "x", 1 July 2023.\n[^d]: Reuters, "y", 2 July 2023.\n'},
        "articles/bad.md:12: footnote [^d] is defined twice",
    ),
    (
        "empty footnote",
        {"articles/bad.md": body_line("Text.[^e]") + "[^e]:\n"},
        "articles/bad.md:12: footnote [^e] is empty — write its source",
    ),
    (
        "root-relative link to a missing page",
        {"articles/bad.md": body_line("See [this](/articles/missing/).")},
        "articles/bad.md:7: the link /articles/missing/ points to no page of this site",
    ),
    (
        "{tag} link",
        {"articles/bad.md": body_line("See [this]({tag}x).")},
        "articles/bad.md:7: the link {tag}x points to a tag page, which this site does not write",
    ),
    (
        "{category} link",
        {"articles/bad.md": body_line("See [this]({category}x).")},
        "articles/bad.md:7: the link {category}x points to a category page, which this site does not write",
    ),
    (
        "reference-style link to a missing file",
        {"articles/bad.md": body_line("See [x][r].") + "\n[r]: {filename}/articles/nowhere.md\n"},
        "articles/bad.md:13: the link to /articles/nowhere.md points to no file",
    ),
    (
        "reference-style image that does not exist",
        {"articles/bad.md": body_line("See ![A map][m].") + "\n[m]: {static}/images/missing.png\n"},
        "articles/bad.md:13: the link to /images/missing.png points to no file",
    ),
    # Raw HTML outside the allowlist.
    (
        "raw <script>",
        {"articles/bad.md": raw_block("<script>alert(1)</script>")},
        "articles/bad.md:9: the raw HTML '<script>alert(1)</script>' has the element <script>",
    ),
    (
        "raw <iframe>",
        {"articles/bad.md": raw_block('<iframe src="https://example.org/"></iframe>')},
        "articles/bad.md:9: the raw HTML '<iframe src=\"https://example.org/\"></iframe>' has the element <iframe>",
    ),
    (
        "<img onerror>",
        {"articles/bad.md": raw_block('<img src="/images/map.png" alt="m" onerror="alert(1)">')},
        'articles/bad.md:9: the raw HTML \'<img src="/images/map.png" alt="m" onerror="alert(1)">\' has the attribute onerror on <img>',
    ),
    (
        "<meta http-equiv=refresh>",
        {"articles/bad.md": raw_block('<meta http-equiv="refresh" content="0; url=https://example.org/">')},
        'articles/bad.md:9: the raw HTML \'<meta http-equiv="refresh" content="0; url=https://example.o\' has the element <meta>',
    ),
    (
        "raw <style>",
        {"articles/bad.md": raw_block("<style>body { display: none }</style>")},
        "articles/bad.md:9: the raw HTML '<style>body { display: none }</style>' has the element <style>",
    ),
    (
        "raw <form>",
        {"articles/bad.md": raw_block('<form action="https://example.org/"><input name="q"></form>')},
        'articles/bad.md:9: the raw HTML \'<form action="https://example.org/"><input name="q"></form>\' has the element <form>',
    ),
    (
        "javascript: link",
        {"articles/bad.md": body_line("See [x](javascript:alert(1)).")},
        "articles/bad.md:7: the link 'javascript:alert(1)' uses javascript: — link to a page (https://…) instead",
    ),
    (
        "data: link",
        {"articles/bad.md": body_line("See [x](data:text/html,<b>hi</b>).")},
        "articles/bad.md:7: the link 'data:text/html,<b>hi</b>' uses data: — link to a page (https://…) instead",
    ),
    (
        "<a href=javascript:>",
        {"articles/bad.md": body_line('See <a href="javascript:alert(1)">x</a>.')},
        re.compile(r"ERROR: 1 content mistake\(s\):\n\S*articles/bad\.md:7: the link 'javascript:alert\(1\)' uses javascript:"),
    ),
    (
        "javascript: link written with a character reference",
        {"articles/bad.md": body_line("See [x](&#106;avascript:alert(1)) and [y](java&#x09;script:alert(2)).")},
        "articles/bad.md:7: the link '&#106;avascript:alert(1)' uses javascript:",
    ),
    (
        "raw <a href> written with a character reference",
        {"articles/bad.md": raw_block('<p><a href="&#106;avascript:alert(1)">x</a></p>')},
        "articles/bad.md:9: the link 'javascript:alert(1)' uses javascript:",
    ),
    (
        "<script> in an HTML page",
        {"pages/raw.html": "<html><head><title>Raw</title></head><body><p>Hi.</p>\n<script>alert(1)</script></body></html>\n"},
        "pages/raw.html:1: the raw HTML '<p>Hi.</p> <script>alert(1)</script>' has the element <script>",
    ),
    (
        "Save_as onto an image",
        {
            "pages/about.md": "Title: About\nSummary: About.\nURL: images/map.png\nSave_as: images/map.png\n\nAbout the armistice.\n"
        },
        "pages/about.md:4: Save_as is 'images/map.png', which is not a page",
    ),
    (
        "Save_as naming a folder",
        {"pages/about.md": "Title: About\nSummary: About.\nURL: articles/\nSave_as: articles/\n\nAbout the armistice.\n"},
        "pages/about.md:4: Save_as is 'articles/', which is not a page",
    ),
    (
        "an article's template on a page",
        {"pages/about.md": "Title: About\nSummary: About.\nTemplate: article\n\nAbout the armistice.\n"},
        "pages/about.md:3: Template names 'article', a template that shows `article`, which this file is not",
    ),
    (
        "a country's template on an article",
        {"articles/bad.md": body_line("Text.").replace("Countries: china", "Countries: china\nTemplate: country")},
        "articles/bad.md:6: Template names 'country', a template that shows `country`, which this file is not",
    ),
    (
        "a page's template on a term",
        {"glossary/icbm.md": term("ICBM", "A long-range missile.", "weapon", aliases="ICBMs", template="page")},
        "glossary/icbm.md:5: Template names 'page', a template that shows `page`, which this file is not",
    ),
    (
        "space before a metadata colon",
        {"articles/bad.md": body_line("Text.").replace("Summary:", "Summary :")},
        "articles/bad.md:4: 'Summary : A test article.' is not a metadata line, so the metadata ended above it",
    ),
    (
        "keys after a line that ended the metadata",
        {
            "articles/bad.md": body_line("Text.")
            .replace("Summary:", "Summary :")
            .replace("Countries: china", "Countries: china\nChapter:  ")
        },
        re.compile(
            r"ERROR: 3 content mistake\(s\):\n\S*articles/bad\.md: missing Countries [^\n]*\n\S*articles/bad\.md: missing Summary [^\n]*\n\S*articles/bad\.md:4: 'Summary : A test article\.' is not a metadata line"
        ),
    ),
    (
        "byte-order mark before a key",
        {"articles/bad.md": body_line("Text.").replace("Summary:", "\ufeffSummary:")},
        "articles/bad.md:4: '\\ufeffSummary: A test article.' is not a metadata line",
    ),
    (
        "control character in a Title",
        {"articles/bad.md": body_line("Text.").replace("Title: Bad", "Title: Bad\x1b")},
        "articles/bad.md:1: this line holds the invisible control character U+001B",
    ),
    (
        "NUL in the text",
        {"articles/bad.md": body_line("Text\x00 here.")},
        "articles/bad.md:7: this line holds the invisible control character U+0000",
    ),
    (
        "a Title that gives no address",
        {"articles/bad.md": body_line("Text.").replace("Title: Bad", "Title: ???").replace("Slug: bad\n", "")},
        "articles/bad.md:1: the Title '???' gives no address (it has no letters or digits) — add a line `Slug: …`",
    ),
    (
        "a page Title that gives no address",
        {"pages/bad.md": "Title: ???\nSummary: x.\n\nText.\n"},
        "pages/bad.md:1: its Title gives no address",
    ),
    (
        "an empty Slug",
        {"articles/bad.md": body_line("Text.").replace("Slug: bad", "Slug:   ")},
        "articles/bad.md:3: the Slug is empty",
    ),
    (
        "Lang in capitals",
        {"articles/bad.md": body_line("Text.").replace("Slug: bad", "Slug: bad\nLang: EN")},
        "articles/bad.md:4: Lang is 'EN', which is not a language code — write one in lower case (ISO 639), e.g. `Lang: en`",
    ),
    (
        "Lang that is no language",
        {"articles/bad.md": body_line("Text.").replace("Slug: bad", "Slug: bad\nLang: xx")},
        "articles/bad.md:4: Lang is 'xx', which is not a language code",
    ),
    (
        "Lang with a space",
        {"glossary/icbm.md": term("ICBM", "A long-range missile.", "weapon", aliases="ICBMs", lang="k o")},
        "glossary/icbm.md:5: Lang is 'k o', which is not a language code",
    ),
    (
        "a draft glossary term",
        {"glossary/icbm.md": term("ICBM", "A long-range missile.", "weapon", aliases="ICBMs", status="draft")},
        "glossary/icbm.md:5: Status is 'draft', but an entry in glossary/ is always published",
    ),
    (
        "a {filename} link that names no file",
        {"articles/bad.md": body_line("See [it]({filename}).")},
        "articles/bad.md:7: the link '{filename}' names no file",
    ),
    (
        "a link to a dotfile",
        {
            "articles/bad.md": body_line("See [it]({static}/images/.notes.png)."),
            "images/.notes.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        },
        "articles/bad.md:7: the link to /images/.notes.png points to a file the build leaves out",
    ),
    (
        "a link with backslash escapes",
        {"articles/bad.md": body_line("See [it]({filename}/articles/\\_missing.md).")},
        "articles/bad.md:7: the link to /articles/_missing.md points to no file",
    ),
    (
        "<a href=ftp:>",
        {"articles/bad.md": raw_block('<p><a href="ftp://example.org/file">x</a></p>')},
        "articles/bad.md:9: the raw HTML '<p><a href=\"ftp://example.org/file\">x</a></p>' has a href that uses ftp: (pages keep only http, https and mailto links)",
    ),
    (
        "on* attribute on a <div>",
        {"articles/bad.md": raw_block('<div onclick="alert(1)">Click</div>')},
        "articles/bad.md:9: the raw HTML '<div onclick=\"alert(1)\">Click</div>' has the attribute onclick on <div>",
    ),
    # The allowlist holds for the converted HTML, whatever wrote it (published.py): attribute lists, markdown="1"
    # blocks, reStructuredText, HTML pages; no resource from another site; reStructuredText reads no file.
    (
        "allowlist: attribute list with onclick",
        {"articles/bad.md": body_line('Click me.\n{: onclick="alert(1)" }')},
        "articles/bad.md:8: the attribute onclick on <p> is not allowed on a page or in a feed",
    ),
    (
        "allowlist: attribute list on a link",
        {"articles/bad.md": body_line('See [a link](https://example.org/){: onmouseover="steal()" }.')},
        "articles/bad.md:7: the attribute onmouseover on <a> is not allowed",
    ),
    (
        "allowlist: attribute list with a style",
        {"articles/bad.md": body_line('Covered.\n{: style="position:fixed;top:0" }')},
        "articles/bad.md:8: the attribute style on <p> is not allowed",
    ),
    (
        "allowlist: attribute list on a heading",
        {"articles/bad.md": body_line('## Heading {: onfocus="steal()" }\n\nText.')},
        "articles/bad.md:7: the attribute onfocus on <h2> is not allowed",
    ),
    (
        "allowlist: attribute list on an image",
        {
            "articles/bad.md": body_line('![A map]({static}/images/map.png){: onerror="alert(1)" }'),
        },
        "articles/bad.md:7: the attribute onerror on <img> is not allowed",
    ),
    (
        "allowlist: markdown=1 block with onclick",
        {"articles/bad.md": raw_block('<div markdown="1" onclick="alert(2)">\n**Bold**\n</div>')},
        "articles/bad.md:9: the attribute onclick on <div> is not allowed",
    ),
    (
        "allowlist: image from another site",
        {"articles/bad.md": body_line("![A pixel](https://tracker.example/p.gif)")},
        "articles/bad.md:7: the src 'https://tracker.example/p.gif' on <img> would load from tracker.example, another site",
    ),
    (
        "allowlist: protocol-relative image",
        {"articles/bad.md": body_line("![A pixel](//tracker.example/p.gif)")},
        "articles/bad.md:7: the src '//tracker.example/p.gif' on <img> would load from tracker.example, another site",
    ),
    (
        "allowlist: reStructuredText raw script",
        {"pages/raw.rst": "Raw\n###\n\n:summary: A page.\n\nHello.\n\n.. raw:: html\n\n   <script>alert(1)</script>\n"},
        "pages/raw.rst:10: the element <script> is not allowed",
    ),
    (
        "allowlist: reStructuredText raw iframe",
        {
            "pages/raw.rst": 'Raw\n###\n\n:summary: A page.\n\nHello.\n\n.. raw:: html\n\n   <iframe src="https://evil.example/"></iframe>\n'
        },
        "pages/raw.rst:10: the element <iframe> is not allowed",
    ),
    (
        "allowlist: reStructuredText image from another site",
        {
            "pages/img.rst": "Img\n###\n\n:summary: A page.\n\nHello.\n\n.. image:: https://tracker.example/p.gif\n   :alt: A pixel\n"
        },
        "pages/img.rst:8: the src 'https://tracker.example/p.gif' on <img> would load from tracker.example",
    ),
    (
        "allowlist: HTML page with an inline style",
        {"pages/raw.html": '<html><head><title>Raw</title></head><body><p style="position:fixed">Hi.</p></body></html>\n'},
        "pages/raw.html:1: the raw HTML '<p style=\"position:fixed\">Hi.</p>' has the attribute style on <p>",
    ),
    (
        "an image in a reStructuredText page",
        {
            "pages/img.rst": "Img\n###\n\n:summary: A page.\n\nHello.\n\n.. image:: /images/map.png\n   :alt: A map\n   :width: 50%\n"
        },
        "pages/img.rst:8: the image images/map.png is in a page the plugin does not convert from Markdown, so its caption, credit and licence cannot be shown",
    ),
    (
        "reST reads no file: include",
        {"pages/inc.rst": "Inc\n###\n\n:summary: A page.\n\nHello.\n\n.. include:: /etc/passwd\n"},
        "pages/inc.rst:8: the include directive would read a file or a web address into the page",
    ),
    (
        "reST reads no file: include as literal",
        {"pages/inc.rst": "Inc\n###\n\n:summary: A page.\n\nHello.\n\n.. include:: /etc/hostname\n   :literal:\n"},
        "pages/inc.rst:8: the include directive would read a file",
    ),
    (
        "reST reads no file: raw with :file:",
        {"pages/raw.rst": "Raw\n###\n\n:summary: A page.\n\nHello.\n\n.. raw:: html\n   :file: /etc/passwd\n"},
        "pages/raw.rst:8: the raw directive would read a file",
    ),
    (
        "reST reads no file: raw with :url:",
        {"pages/raw.rst": "Raw\n###\n\n:summary: A page.\n\nHello.\n\n.. raw:: html\n   :url: https://example.org/\n"},
        "pages/raw.rst:8: the raw directive would read a file",
    ),
    (
        "reST reads no file: csv-table with :file:",
        {"pages/csv.rst": "Csv\n###\n\n:summary: A page.\n\nHello.\n\n.. csv-table:: T\n   :file: /etc/passwd\n"},
        "pages/csv.rst:8: the csv-table directive would read a file",
    ),
    (
        "reST reads no file: csv-table with :url:",
        {"pages/csv.rst": "Csv\n###\n\n:summary: A page.\n\nHello.\n\n.. csv-table:: T\n   :url: https://example.org/t.csv\n"},
        "pages/csv.rst:8: the csv-table directive would read a file",
    ),
    (
        "allowlist: an image address a browser reads as another site's",
        {"articles/bad.md": body_line("![A map](/\\evil.example/../images/map.png)")},
        "articles/bad.md:7: the src '/\\\\evil.example/../images/map.png' on <img> would load from evil.example, another site",
    ),
    (
        "allowlist: raw <svg> named once, without its namespace",
        {"articles/bad.md": raw_block('<svg><circle r="1"/></svg>')},
        "articles/bad.md:9: the raw HTML '<svg>' has the element <svg>, which pages and feeds may not carry",
    ),
    (
        "allowlist: an image address with three slashes",
        {"articles/bad.md": body_line("![A map](///evil.example/p.gif)")},
        "articles/bad.md:7: the src '///evil.example/p.gif' on <img> would load from evil.example, another site",
    ),
    (
        "an address a browser decodes: %2e%2e",
        {"pages/bad.md": page("Save_as: a/%2e%2e/%2e%2e/secret.html\nURL: a/%2e%2e/%2e%2e/secret.html")},
        "pages/bad.md:2: its address 'a/%2e%2e/%2e%2e/secret.html' has '%', which a browser reads differently",
    ),
    (
        "an address with # in it",
        {"pages/bad.md": page("Save_as: a#b/index.html\nURL: a#b/")},
        "pages/bad.md:2: its address 'a#b/index.html' has '#', which a browser reads differently",
    ),
    (
        "limit: 20,000 nested raw HTML lists",
        {"articles/bad.md": body_line("<ul><li>x" * 20000 + "</li></ul>" * 20000)},
        "articles/bad.md:7: the HTML here is 40000 elements deep, and pages take at most 50",
    ),
    (
        "limit: 250 nested lists on one line",
        {"articles/bad.md": body_line("- " * 250 + "deep")},
        "articles/bad.md:7: this line is nested 250 levels deep",
    ),
    (
        "limit: 2,001 citations of one note",
        {"articles/bad.md": body_line("Text" + "[^r]" * 2001)},
        "articles/bad.md:7: this line takes the page past 2000 footnote citations (EXPLAINER_MAX_CITATIONS)",
    ),
    # Look-alikes (lookalikes.py): invisible characters in metadata, addresses that pass for others.
    (
        "lookalike: right-to-left override in a Title",
        {"articles/bad.md": body_line("Text.").replace("Title: Bad", "Title: Ba\u202ed")},
        "articles/bad.md:1: Title holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
    (
        "lookalike: right-to-left isolate in a Summary",
        {"articles/bad.md": body_line("Text.").replace("Summary: A", "Summary: \u2067A")},
        "articles/bad.md:4: Summary holds the invisible character U+2067 (RIGHT-TO-LEFT ISOLATE)",
    ),
    (
        "lookalike: zero-width space in an alias",
        {"glossary/missile.md": term("Missile", aliases="th\u200be")},
        "glossary/missile.md:4: Aliases holds the invisible character U+200B (ZERO WIDTH SPACE)",
    ),
    (
        "lookalike: zero-width non-joiner between Latin letters in an alias",
        {"glossary/missile.md": term("Missile", aliases="Miss\u200ciles")},
        "glossary/missile.md:4: Aliases holds the invisible character U+200C (ZERO WIDTH NON-JOINER)",
    ),
    (
        "lookalike: word joiner in a country's Capital",
        {
            "countries/china.md": country("China", "CN, CHN", [CHINA_TREATY]).replace(
                "Capital: Capital City", "Capital: Bei\u2060jing"
            )
        },
        "countries/china.md:4: Capital holds the invisible character U+2060 (WORD JOINER)",
    ),
    (
        "lookalike: left-to-right mark in a Slug",
        {"articles/bad.md": article("bad\u200e", "Text.", countries="china")},
        "articles/bad.md:3: Slug holds the invisible character U+200E (LEFT-TO-RIGHT MARK)",
    ),
    (
        "lookalike: Cyrillic letter in a Slug",
        {"articles/bad.md": article("p\u0430rade", "Text.", countries="china")},
        "articles/bad.md:3: the Slug 'p\u0430rade' has the letter U+0430 (CYRILLIC SMALL LETTER A): its address must be ASCII",
    ),
    (
        "lookalike: Greek letter in a term's Slug",
        {"glossary/missile.md": term("Missile", slug="icbm-\u03bf")},
        "glossary/missile.md:4: the Slug 'icbm-\u03bf' has the letter U+03BF (GREEK SMALL LETTER OMICRON)",
    ),
    (
        "lookalike: a glossary file named in Cyrillic",
        {"glossary/\u0456cbm.md": term("Missile")},
        "glossary/\u0456cbm.md: the file name '\u0456cbm.md' is not a usable slug",
    ),
    (
        "lookalike: two Slugs that differ only in case",
        {"articles/bad.md": article("PARADE", "Text.", countries="china")},
        re.compile(
            r"articles/(bad|parade)\.md:3: this would be written to articles/(PARADE|parade)/index\.html, and \S+ to articles/(parade|PARADE)/index\.html: addresses that differ only in case are one file"
        ),
    ),
    (
        "lookalike: a page and an article folder that differ only in case",
        {"pages/bad.md": page("Save_as: Articles/parade/index.html")},
        "pages/bad.md:2: this would be written to Articles/parade/index.html, and ",
    ),
    (
        "lookalike: two images that differ only in case",
        {"images/MAP.png": b"\x89PNG\r\n\x1a\n" + bytes(64)},
        re.compile(r"images/(MAP|map)\.png: this would be written to images/(MAP|map)\.png, and "),
    ),
    (
        "lookalike: line separator in a Title",
        {"articles/bad.md": body_line("Text.").replace("Title: Bad", "Title: Ba\u2028d")},
        "articles/bad.md:1: Title holds the invisible character U+2028 (LINE SEPARATOR)",
    ),
    (
        "lookalike: a tag character in a Summary",
        {"articles/bad.md": body_line("Text.").replace("Summary: A", "Summary: \U000e0041A")},
        "articles/bad.md:4: Summary holds the invisible character U+E0041 (TAG LATIN CAPITAL LETTER A)",
    ),
    (
        "lookalike: an alias with a Cyrillic letter beside its Latin ones",
        {"glossary/missile.md": term("Missile", aliases="ICB\u041c")},
        "glossary/missile.md:4: Aliases has the word 'ICB\u041c', which mixes Latin, Cyrillic or Greek letters",
    ),
    # Bounded work (limits.py): checked before a document is converted.
    (
        "limit: 1,000 nested list levels",
        {"articles/bad.md": body_line("".join("    " * i + "- item\n" for i in range(1000)))},
        "articles/bad.md:27: this line is nested 21 levels deep",
    ),
    (
        "limit: 30 nested quotes",
        {"articles/bad.md": body_line(">" * 30 + " Deep.")},
        "articles/bad.md:7: this line is nested 30 levels deep",
    ),
    (
        "limit: nesting by tabs",
        {"articles/bad.md": body_line("- a\n" + "\t" * 25 + "- b")},
        "articles/bad.md:8: this line is nested 26 levels deep",
    ),
    (
        "limit: 501 footnotes",
        {
            "articles/bad.md": body_line(
                "".join(f"Fact {i}.[^n{i}]\n" for i in range(501))
                + "\n"
                + "".join(f'[^n{i}]: Reuters, "R {i}", 1 July 2023.\n' for i in range(501))
            )
        },
        "articles/bad.md:1009: this is footnote number 501, and a page takes at most 500",
    ),
    (
        "limit: a 9 MB article",
        {"articles/bad.md": body_line(("An ICBM flew over the sea. " * 12 + "\n\n") * 27000)},
        "articles/bad.md:49085: the file is 8.8 MB and passes EXPLAINER_MAX_FILE_SIZE (8 MB) on this line — split it",
    ),
    (
        "limit: a 9 MB page in reStructuredText",
        {"pages/big.rst": "Big\n###\n\n:summary: A page.\n\n" + ("Text of the page. " * 40 + "\n\n") * 12000},
        "pages/big.rst:22166: the file is 8.7 MB and passes EXPLAINER_MAX_FILE_SIZE (8 MB) on this line",
    ),
]

# Mistakes of a whole file (something missing, the file itself), whose message rightly names no line.
WHOLE_FILE = {
    "missing title",
    "term file with no body",
    "empty file",
    "fewer than three sources",
    "missing Countries",
    "glossary file with no Title",
    "countries file with no Title",
    "Markdown at the top of content/",
    "misspelt folder article/",
    "a .markdown file",
    "notes in articles/",
    "symlink to /etc/passwd",
    "symlinked folder to plugins/",
    "a .key file in images/",
    "an editor backup in images/",
    "linked folder inside content",
    "link to the folder above",
    "image linked to an article",
    "a pipe named like an article",
    "lookalike: two images that differ only in case",
    "lookalike: a glossary file named in Cyrillic",
}


def rows(table):
    """(id, files, expected, marks) of each row, plain or pytest.param(…)."""
    for row in table:
        values, marks = (row.values, row.marks) if hasattr(row, "marks") else (row, ())
        yield (*values, marks)


def make_build(content, output):
    return subprocess.run(
        ["make", "--no-print-directory", "build", f"CONTENT={content}", f"OUTPUT={output}"],
        cwd=ROOT,
        env=make_env(COLUMNS="400"),
        capture_output=True,
        text=True,
        timeout=600,
    )


def snapshot(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


PROJECT_FOLDERS = ("content", "theme", "plugins", "tools", "tests", "deploy")
PROJECT_FILES = ("pelicanconf.py", "publishconf.py", "Makefile", "README.md", "requirements.txt")
NOT_PROJECT = {"__pycache__", ".pytest_cache", ".hypothesis"}


def project_snapshot():
    """A hash of every file of the project a build must never write (caches and the plugin's build left out)."""
    found = {name: hashlib.sha256((ROOT / name).read_bytes()).hexdigest() for name in PROJECT_FILES if (ROOT / name).is_file()}
    for folder in PROJECT_FOLDERS:
        for directory, subfolders, files in os.walk(ROOT / folder):
            here = os.path.relpath(directory, ROOT)
            subfolders[:] = sorted(
                d
                for d in subfolders
                if d not in NOT_PROJECT
                and not d.endswith(".egg-info")
                and os.path.join(here, d) != os.path.join("plugins", "explainer", "build")
            )
            for name in sorted(files):
                path = os.path.join(directory, name)
                found[os.path.join(here, name)] = (
                    "link " + os.readlink(path) if os.path.islink(path) else hashlib.sha256(Path(path).read_bytes()).hexdigest()
                )
    return found


def paths_around(root, output):
    """Every path under `root` (the tests' temporary folder), output/ left out; links are not followed."""
    found = set()
    for directory, subfolders, files in os.walk(root):
        subfolders[:] = [d for d in subfolders if os.path.join(directory, d) != str(output)]
        found.update(os.path.join(directory, name) for name in subfolders + files)
    return found


def write_files(content, files):
    for relative, data in files.items():
        path = content / relative
        if data is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, tuple) and data[0] == "symlink":
            os.symlink(data[1], path)
        elif data == ("fifo",):
            os.mkfifo(path)
        elif isinstance(data, bytes):
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


def test_the_catalogue_has_at_least_seventy_cases():
    assert len(FAILING) + len(WORKING) >= 70


def test_every_message_names_its_line_unless_the_whole_file_is_wrong():
    ids = [case_id for case_id, *_ in rows(FAILING)] + [case[0] for case in WORKING]
    assert len(ids) == len(set(ids)), "two cases share an id"
    assert set(ids) >= WHOLE_FILE, f"WHOLE_FILE names no case: {WHOLE_FILE - set(ids)}"
    for case_id, _, expected, _ in rows(FAILING):
        text = expected.pattern if isinstance(expected, re.Pattern) else expected
        names_a_line = re.search(r"\.\w+~?:\d+: ", text)
        assert bool(names_a_line) != (case_id in WHOLE_FILE), (
            f"{case_id}: {text!r} should name `path:line:`"
            if not names_a_line
            else f"{case_id} is in WHOLE_FILE but names a line"
        )


def runner_build(content, output, extra=None):
    """One strict build in this interpreter, by the runner `make build` uses: (exit status, what it printed)."""
    collector = runner.run(str(content), str(ROOT / "pelicanconf.py"), str(output), extra)
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        status = runner.report(collector)
    return status, printed.getvalue()


def assert_nothing_else_changed(tmp_path, output, project_before, around_before):
    project_after = project_snapshot()
    changed = sorted(
        name for name in project_before.keys() | project_after.keys() if project_before.get(name) != project_after.get(name)
    )
    assert not changed, f"the build changed the project's own files: {changed}"
    appeared = sorted(map(str, paths_around(tmp_path.parent, output) - around_before))
    assert not appeared, f"the build wrote outside the output folder: {appeared}"
    assert not list(tmp_path.parent.parent.glob("escape*")), "a slug wrote outside the tests' folder"


def assert_message(log, expected):
    assert "Traceback" not in log, log
    if isinstance(expected, re.Pattern):
        assert expected.search(log), log
    else:
        assert expected in log, log
    assert "Unable to find" not in log, "Pelican's note that names no file is shown besides the plugin's"


@pytest.mark.parametrize(
    "files, expected",
    [pytest.param(files, expected, id=case_id, marks=marks) for case_id, files, expected, marks in rows(FAILING)],
)
def test_mistake_fails_with_a_clear_message(tmp_path, files, expected):
    """Each case in this interpreter (no make, no new Python): the runner's exit status and message."""
    content, output = tmp_path / "content", tmp_path / "output"
    write_files(content, BASE)
    write_files(content, files)
    project_before, around_before = project_snapshot(), paths_around(tmp_path.parent, output)
    status, log = runner_build(content, output)
    assert status != 0, log
    assert_message(log, expected)
    assert_nothing_else_changed(tmp_path, output, project_before, around_before)


# One case of each kind goes through `make build` as well: whatever failed (a plugin check, a file Pelican could not
# read, a file refused before reading, reStructuredText, a limit), its atomic swap leaves output/ as it was.
THROUGH_MAKE = (
    "bad date",
    "dangling footnote",
    "symlink to /etc/passwd",
    "reST reads no file: include",
    "limit: 1,000 nested list levels",
    "raw <script>",
    "allowlist: attribute list with onclick",
    "lookalike: two Slugs that differ only in case",
    "file that is not UTF-8",
)


@pytest.mark.parametrize(
    "files, expected",
    [
        pytest.param(files, expected, id=case_id, marks=marks)
        for case_id, files, expected, marks in rows(FAILING)
        if case_id in THROUGH_MAKE
    ],
)
def test_a_failed_make_build_keeps_output_as_it_was(tmp_path, published, files, expected):
    base_content, output, before = published
    content = tmp_path / "content"
    shutil.copytree(base_content, content)
    write_files(content, files)
    project_before, around_before = project_snapshot(), paths_around(tmp_path.parent, output)
    result = make_build(content, output)
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert snapshot(output) == before, "a failed build changed output/"
    assert_message(log, expected)
    assert_nothing_else_changed(tmp_path, output, project_before, around_before)
    assert "was left exactly as it was" in log


def test_every_kind_of_case_goes_through_make_once():
    assert set(THROUGH_MAKE) <= {case_id for case_id, *_ in rows(FAILING)}


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
    assert not [
        s for s in page.select("script") if not s.get("src") and s.get("type") not in ("application/json", "application/ld+json")
    ]
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


ALLOWED_HTML = (
    '<figure><img src="/images/map.png" alt="A map"><figcaption>The map, 2023.</figcaption></figure>',
    '<table><thead><tr><th scope="col">Year</th><th>Event</th></tr></thead><tbody><tr><td>1953</td><td>Truce</td></tr></tbody></table>',
    '<p>The <abbr title="Demilitarized Zone">DMZ zone</abbr> holds.</p>',
    "<details><summary>More</summary><p>Hidden detail.</p></details>",
    '<p>A <span class="x">marked</span> word.</p>',
)


def check_allowed_html_kept(site):
    page = (site.output / "articles" / "raw" / "index.html").read_text(encoding="utf-8")
    for html in ALLOWED_HTML:
        assert html in page, html


def check_summary_is_one_string(site):
    expected = "A first line and a second line."
    assert site.html("articles/long/").select_one('meta[name="description"]')["content"] == expected
    card = next(card for card in site.html("index.html").select(".card") if card.h4 and card.h4.get_text() == "Long")
    assert card.select_one("p").get_text() == expected
    for page in ("index.html", "articles/long/index.html"):
        text = (site.output / page).read_text(encoding="utf-8")
        assert "['" not in text and "[&#39;" not in text and "A first line\n" not in text, page


def check_digit_slug(site):
    assert site.html("articles/2024-07-parade-2/").h1.get_text() == "Digits"


def check_swap_file_not_published(site):
    assert not [p for p in site.output.rglob("*") if "swp" in p.name], "an editor's swap file was published"
    assert (site.output / "images" / "map.png").is_file()


def check_scientific_titles(site):
    assert site.html("glossary/delta-v/").h1.get_text().startswith("ΔV budget")


def check_joiner_between_persian_letters(site):
    assert [a.get_text() for a in site.html("articles/persian/").select("a.term")] == ["می\u200cروم"]


def check_markdown_that_writes_safe_html(site):
    page = site.html("articles/syntax/")
    assert page.select_one("p.note").get_text() == "A note."
    assert [cell["style"] for cell in page.select("th")] == ["text-align: left;", "text-align: right;"]


def check_places_and_rings(site):
    page = site.html("articles/missile")
    figure = page.select_one("figure.explainer-map")
    assert [li.strong.get_text() for li in figure.select("ul.range-rings li")] == ["1,000 km", "5,500 km"]
    assert figure.select_one("a[href='#fn:carnegie']") and page.find(id="fn:carnegie")  # cited only by its ring
    assert "Places: Vostochny" not in page.get_text()
    assert "places: GeoNames, Reuters" in site.html("articles/summit").select_one(".figure-source").get_text()


WORKING = [
    (
        "places of both kinds and rings citing a note only the ring cites",
        {
            "articles/missile.md": article(
                "missile",
                "A missile flew.",
                countries="china",
                range_rings="pyongyang | 1,000 km | how far it flew [^r]\n    pyongyang | 5,500 km | the ICBM threshold [^carnegie]",
            ).replace(
                "\n[^r]:",
                '\n[^carnegie]: Carnegie Endowment for International Peace, "The Declining Ballistic Missile Threat", 24 April 2003, <https://carnegieendowment.org/2003/04/24/declining-ballistic-missile-threat-pub-1245>\n[^r]:',
            ),
            "articles/summit.md": article(
                "summit",
                "A summit.",
                countries="china",
                places="pyongyang, beijing\n    Vostochny Cosmodrome | 51.88 N, 128.33 E | [^r]",
            ),
        },
        check_places_and_rings,
    ),
    (
        "Windows line endings and a byte-order mark",
        {
            "articles/windows.md": "\ufeff"
            + article("windows", "Text with an ICBM.", title="Windows", countries="china").replace("\n", "\r\n")
        },
        check_crlf_and_bom,
    ),
    (
        "term names with regex characters",
        {
            "glossary/us.md": term("U.S.", "The United States."),
            "glossary/cpp.md": term("C++", "A language."),
            "glossary/kpa.md": term("(KPA)", "The army, abbreviated."),
            "articles/names.md": article("names", "The U.S. and C++ and (KPA), but not US or C or KPA.", countries="china"),
        },
        check_regex_names,
    ),
    (
        "terms in Korean and Cyrillic script",
        {
            "glossary/kcna-ko.md": term("조선중앙통신", "KCNA in Korean."),
            "glossary/shoigu-ru.md": term("Шойгу", "Shoigu in Russian."),
            "articles/scripts.md": article(
                "scripts", "조선중앙통신 reported that Шойгу arrived; Шойгуев is another word.", countries="china"
            ),
        },
        check_other_scripts,
    ),
    (
        "HTML or script in a title, summary or alias",
        {
            "articles/markup.md": article(
                "markup", "Text.", title="<script>alert(1)</script> Markup", summary="A <b>bold</b> summary.", countries="china"
            ),
            "glossary/tag.md": term("Tag", "A term.", aliases="<i>italic</i>"),
        },
        check_markup_is_text,
    ),
    (
        "a draft and an article dated in the future",
        {
            "articles/draft.md": article("draft", "An ICBM draft.", countries="china", status="draft"),
            "articles/later.md": article("later", "An ICBM, later.", date="2999-01-01", title="Later", countries="china"),
        },
        check_draft_and_future,
    ),
    (
        "a 5 MB article",
        {"articles/big.md": article("big", ("An ICBM flew over the sea. " * 12 + "\n\n") * 16000, countries="china")},
        check_big_article,
    ),
    (
        "a relation declared on one side only (advice, not an error)",
        {
            "countries/china.md": country("China", "CN, CHN", [CHINA_TREATY]),
            "countries/north-korea.md": country("North Korea", "KP, PRK", aliases="DPRK"),
        },
        check_one_sided_relation_builds,
    ),
    (
        "raw HTML from the allowlist",
        {
            "articles/raw.md": article(
                "raw",
                "Text.\n\n" + "\n\n".join(ALLOWED_HTML) + "\n\nMore.",
                countries="china",
                images="images/map.png | A map | The test team | CC0",
            )
        },
        check_allowed_html_kept,
    ),
    (
        "a Summary continued on an indented line",
        {"articles/long.md": article("long", "Text.", countries="china", summary="A first line\n    and a second line.")},
        check_summary_is_one_string,
    ),
    (
        "a Slug of digits and hyphens",
        {"articles/digits.md": article("2024-07-parade-2", "Text.", title="Digits", countries="china")},
        check_digit_slug,
    ),
    (
        "a Greek letter in a scientific name (ΔV, μSv: not a look-alike of a Latin one)",
        {"glossary/delta-v.md": term("ΔV budget", "The change in speed a rocket can make.", slug="delta-v", aliases="μSv dose")},
        check_scientific_titles,
    ),
    (
        "a zero-width non-joiner between Persian letters (the word needs it)",
        {
            "glossary/miravam.md": term("می\u200cروم", "Persian for 'I go'.", slug="miravam"),
            "articles/persian.md": article("persian", "He said می\u200cروم and left.", countries="china"),
        },
        check_joiner_between_persian_letters,
    ),
    (
        "an attribute list with a class and a table with aligned columns",
        {
            "articles/syntax.md": article(
                "syntax", "A note.\n{: .note }\n\n| Left | Right |\n|:-----|------:|\n| a | 1 |\n", countries="china"
            )
        },
        check_markdown_that_writes_safe_html,
    ),
    (
        "an editor's swap file beside an image (a dotfile: ignored, not published)",
        {"images/.map.png.swp": b"\x00swap"},
        check_swap_file_not_published,
    ),
]


@pytest.mark.parametrize("files, check", [case[1:] for case in WORKING], ids=[case[0] for case in WORKING])
def test_unusual_but_valid_content_builds(tmp_path, files, check):
    content = tmp_path / "content"
    write_files(content, {**BASE, **files})
    started = time.perf_counter()
    site = build(content, tmp_path / "output")
    print(f"built in {time.perf_counter() - started:.1f} s")
    check(site)


def test_a_content_folder_that_does_not_exist_is_one_plain_line(tmp_path):
    site = build(tmp_path / "no-such-content", tmp_path / "output", check=False)
    assert site.returncode == 1 and "Traceback" not in site.log, site.log
    assert "no-such-content: the content folder does not exist — give the folder that holds the articles" in site.log
    assert not (tmp_path / "output").exists()


def test_pelicans_messages_come_in_the_order_of_their_files_on_every_run(tmp_path, monkeypatch):
    """Pelican reads files in the order of a Python set, which changes with the hash seed of each run."""
    broken = {f"articles/{name}.md": "Date: 2024-01-01\nSummary: x.\n\nText.\n" for name in ("zeta", "alpha", "mid", "beta")}
    broken["articles/gamma.md"] = "Title: Bad\nDate: 2024-13-45\n\nText.\n"
    content = tmp_path / "content"
    write_files(content, {**BASE, **broken})
    logs = []
    for seed in ("1", "2", "3"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        site = build(content, tmp_path / f"output-{seed}", check=False)
        logs.append([line for line in site.log.splitlines() if line.startswith("ERROR: ")])
    named = [next(name for name in ("alpha", "beta", "gamma", "mid", "zeta") if f"/{name}.md" in line) for line in logs[0]]
    assert named == ["alpha", "beta", "gamma", "mid", "zeta"], logs[0]
    assert logs[0] == logs[1] == logs[2]
    assert "5 problem(s) found" in site.log


def test_the_count_of_problems_is_the_count_of_mistakes_listed(tmp_path):
    content = tmp_path / "content"
    write_files(content, {**BASE, "articles/bad.md": body_line("Text.[^gone] and [x](javascript:alert(1)).")})
    site = build(content, tmp_path / "output", check=False)
    assert "ERROR: 2 content mistake(s):" in site.log and "2 problem(s) found" in site.log, site.log


def test_a_formatted_summary_meets_the_allowlist_too(tmp_path):
    """Pelican converts a Summary as Markdown where FORMATTED_FIELDS has it (its default): that HTML is
    published in lists, feeds and meta tags, so the allowlist judges it as it judges the text."""
    content = tmp_path / "content"
    write_files(
        content,
        {
            **BASE,
            "articles/bad.md": article(
                "bad", "Text.", countries="china", summary='A <img src="/images/map.png" alt="m" onerror="alert(1)"> summary.'
            ),
        },
    )
    site = build(content, tmp_path / "output", check=False, extra_settings={"FORMATTED_FIELDS": ["summary"]})
    assert site.returncode == 1 and "Traceback" not in site.log, site.log
    assert "articles/bad.md:4: the attribute onerror on <img> is not allowed on a page or in a feed" in site.log, site.log
    assert not (tmp_path / "output" / "articles").exists()


def test_a_link_that_runs_code_in_a_formatted_summary_is_refused(tmp_path):
    content = tmp_path / "content"
    write_files(
        content,
        {**BASE, "articles/bad.md": article("bad", "Text.", countries="china", summary="A [link](javascript:alert(1)) summary.")},
    )
    status, log = runner_build(content, tmp_path / "output", extra={"FORMATTED_FIELDS": ["summary"]})
    assert status == 1 and "articles/bad.md:4: the href 'javascript:alert(1)' on <a> uses javascript:" in log, log


def test_a_misspelt_setting_stops_the_build_with_one_line_and_nothing_else(tmp_path):
    content = tmp_path / "content"
    write_files(content, BASE)
    status, log = runner_build(content, tmp_path / "output", extra={"EXPLAINER_AUTOLNK": False})
    assert status == 1 and "Traceback" not in log, log
    assert log.splitlines() == [
        "ERROR: pelicanconf.py: EXPLAINER_AUTOLNK is not a setting of the explainer plugin — did you mean EXPLAINER_AUTOLINK?",
        "1 problem(s) found; nothing was published.",
    ], log
