"""The allowlist at the boundary (published.py), the look-alike rules (lookalikes.py) and the limits
(limits.py), as pure functions: what each finds in converted HTML and in text, whatever wrote it."""

import markdown
import pytest
from pelican_site import HOUSE_RULES

from pelican.plugins.explainer.checks import lookalikes
from pelican.plugins.explainer.checks.published import Allowlist, findings
from pelican.plugins.explainer.reading import limits
from pelican.plugins.explainer.settings import DEFAULTS

ALLOWLIST = Allowlist.from_settings({**DEFAULTS, **HOUSE_RULES, "SITEURL": "https://explainer.example"})
SAFE_DEFAULT = Allowlist.from_settings({**DEFAULTS, "SITEURL": "https://explainer.example"})  # no house rule


def found(fragment, browser_exact=True):
    return [finding.what for finding in findings(fragment, ALLOWLIST, browser_exact)]


def markdown_to_html(text):
    return markdown.markdown(text, extensions=["extra", "toc"], output_format="html5")


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Click.\n{: onclick="alert(1)" }', ["the attribute onclick on <p>"]),
        ('[x](https://example.org/){: onmouseover="x()" }', ["the attribute onmouseover on <a>"]),
        ('## Heading {: autofocus onfocus="x()" }', ["the attribute autofocus on <h2>", "the attribute onfocus on <h2>"]),
        ('<div markdown="1" onclick="x()">\n*Hi*\n</div>', ["the attribute onclick on <div>"]),
        ("![A pixel](https://tracker.example/p.gif)", ["the src 'https://tracker.example/p.gif' on <img>"]),
        ("![A map](/images/map.png) and ![B]({static}/images/b.png)", []),
        ("![Ours](https://explainer.example/images/map.png)", []),  # the site's own address
        ("| a | b |\n|:--|--:|\n| 1 | 2 |", []),  # Python-Markdown's alignment styles
        ("Term\n:   Definition", []),  # def_list
        ("Text.[^1]\n\n[^1]: A note.", []),  # footnotes
        ("A note.\n{: .note #intro }", []),
    ],
    ids=[
        "attribute list",
        "link attribute list",
        "heading attribute list",
        "markdown=1 block",
        "remote image",
        "own images",
        "own absolute image",
        "aligned table",
        "definition list",
        "footnotes",
        "class and id",
    ],
)
def test_markdown_syntax_meets_the_allowlist_after_conversion(text, expected):
    assert found(markdown_to_html(text), browser_exact=False) == expected


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ('<p style="position:fixed;top:0">Covered</p>', ["the attribute style on <p>"]),
        ("<script>alert(1)</script>", ["the element <script>"]),
        ('<svg><image href="https://t.example/x.png"/></svg>', ["the element <svg>", "the element <image>"]),
        ('<img src="/a.png" srcset="https://cdn.example/a.png 2x" alt="a">', ["the attribute srcset on <img>"]),
        ('<a href="ftp://example.org/f">f</a>', ["a href that uses ftp:"]),
        ('<a href="java&#x09;script:alert(1)">x</a>', ["the href 'java\\tscript:alert(1)' on <a>"]),
        ('<q cite="javascript:alert(1)">q</q>', ["the cite 'javascript:alert(1)' on <q>"]),
        ("<p>Fine <em>text</em>.</p><!-- a comment -->", []),
        ('<img src="/\\evil.example/../images/map.png" alt="m">', ["the src '/\\\\evil.example/../images/map.png' on <img>"]),
        ('<img src="/images/m.png" style="width: 50%;" alt="m">', []),  # docutils' :width:
        (
            '<img src="/images/m.png" style="width: 50%; position: fixed" alt="m">',
            ["the inline style 'width: 50%; position: fixed' on <img>"],
        ),
        ('<svg><circle r="1"/></svg>', ["the element <svg>", "the element <circle>"]),
    ],
)
def test_any_reader_s_html_meets_the_allowlist(fragment, expected):
    assert found(fragment) == expected


def test_a_site_that_allows_styles_still_refuses_more_than_alignment():
    allowlist = Allowlist.from_settings({**DEFAULTS, **HOUSE_RULES, "EXPLAINER_HTML_ATTRIBUTES": {"*": ("style",)}})
    assert [f.what for f in findings('<p style="text-align: center">a</p>', allowlist)] == []
    assert [f.what for f in findings('<p style="background: url(https://t.example/x)">a</p>', allowlist)] == [
        "the inline style 'background: url(https://t.example/x)' on <p>"
    ]


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ("<script>alert(1)</script>", ["the element <script>"]),
        ('<img src="x.png" onerror="alert(1)" alt="x">', ["the attribute onerror on <img>"]),
        ('<svg onload="alert(1)"><circle r="1"/></svg>', ["the attribute onload on <svg>"]),
        ("<svg><script>alert(1)</script></svg>", ["the element <script>"]),
        (
            '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
            ["the <animate> of href"],
        ),
        ('<svg><a><set attributeName="xlink:href" to="javascript:alert(1)"/></a></svg>', ["the <set> of xlink:href"]),
        ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', ["the href 'javascript:alert(1)' on <a>"]),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', ["the href 'jav\\tascript:alert(1)' on <a>"]),
        ('<iframe src="https://example.org/"></iframe>', ["the element <iframe>"]),
        ('<object data="x.swf"></object>', ["the element <object>"]),
        ('<meta http-equiv="refresh" content="0; url=https://example.org">', ["the element <meta>"]),
        ('<base href="https://evil.example/">', ["the element <base>"]),
        (
            '<form><button formaction="javascript:alert(1)">x</button></form>',
            ["the formaction 'javascript:alert(1)' on <button>"],
        ),
        ('<svg viewBox="0 0 2 2" style="max-width: 100%"><title>A dot</title><circle r="1" fill="#c00"/></svg>', []),
        ('<svg><foreignObject><p>Words</p></foreignObject><use href="#a"/></svg>', []),
        ('<p style="color: #555">Grey</p><input name="q" disabled>', []),
        ('<a href="tel:+441234567890">Call</a> <img src="https://cdn.example/a.png" alt="a">', []),
        ('<svg><animate attributeName="r" values="1;2"/></svg>', []),
    ],
)
def test_without_house_rules_any_markup_is_published_but_what_runs_code(fragment, expected):
    assert [finding.what for finding in findings(fragment, SAFE_DEFAULT)] == expected


@pytest.mark.parametrize(
    "text, hidden",
    [
        ("Ju\u202eche", "\u202e"),
        ("th\u200be", "\u200b"),
        ("Kim\u2066", "\u2066"),
        ("\ufeffTitle", "\ufeff"),
        ("ICBM\u200cs", "\u200c"),
        ("\u200dA", "\u200d"),
        ("Bei\u2060jing", "\u2060"),
        ("Ti\u2028tle", "\u2028"),
        ("th\u00ade", "\u00ad"),
        ("ICBM\ufe0f", "\ufe0f"),
        ("a\U000e0041", "\U000e0041"),
        ("\ufff9note", "\ufff9"),
        ("می\u200cروم", None),
        ("👩\u200d🚀", None),
        ("Juche", None),
        ("조선중앙통신", None),
        ("❤\ufe0f", None),
        ("ᠮᠣᠩᠭᠣᠯ\u180b", None),
        ("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", None),
        ("1\ufe0f\u20e3", None),
    ],
)
def test_hidden_characters_in_metadata(text, hidden):
    assert lookalikes.hidden_character(text) == hidden


@pytest.mark.parametrize(
    "text, word",
    [
        ("ICB\u041c", "ICB\u041c"),
        ("The \u0420arade", "\u0420arade"),
        ("Москва and Moscow", None),
        ("Pokémon", None),
        ("Ἀθῆναι", None),
        ("ΔV budget", None),
        ("μSv", None),
        ("Москвa", "Москвa"),
    ],
)
def test_a_word_that_mixes_latin_cyrillic_or_greek_is_a_look_alike(text, word):
    assert lookalikes.mixed_script_word(text) == word


def test_addresses_that_differ_only_in_case_fold_together():
    assert lookalikes.fold("articles/Parade/index.html") == lookalikes.fold("articles/parade/index.html")
    assert lookalikes.non_ascii("p\u0430rade") == "\u0430" and lookalikes.non_ascii("parade") is None


@pytest.mark.parametrize(
    "line, depth",
    [
        ("Text.", 0),
        ("- a", 1),
        ("    - b", 2),
        ("\t\t- c", 3),
        ("> > quote", 2),
        (">>>> x", 4),
        ("  \t- d", 2),
        ("        > - e", 4),
        ("- - - deep", 3),
        ("1. 2) 3. deep", 3),
        ("> - > - x", 4),
        ("    code", 1),
        ("-not a list", 0),
    ],
)
def test_nesting_counts_lists_and_quotes(line, depth):
    assert limits.nesting(line) == depth


def test_limits_stop_at_the_first_line_past_them():
    settings = {"EXPLAINER_MAX_NESTING": 3, "EXPLAINER_MAX_FOOTNOTES": 2, "EXPLAINER_MAX_CITATIONS": 4}
    with pytest.raises(limits.LimitExceeded) as deep:
        limits.check_text("- a\n    - b\n        - c\n            - d\n                - e\n", settings)
    assert deep.value.line == 4
    with pytest.raises(limits.LimitExceeded) as cited:
        limits.check_text("A.[^a][^a]\nB.[^a][^a]\nC.[^a]\n\n[^a]: One.\n", settings)
    assert cited.value.line == 3
    with pytest.raises(limits.LimitExceeded) as notes:
        limits.check_text("A.[^a][^b][^c]\n\n[^a]: One.\n[^b]: Two.\n[^c]: Three.\n", settings)
    assert notes.value.line == 5
    limits.check_text(
        "Fine.[^a]\n\n[^a]: One.\n",
        {"EXPLAINER_MAX_NESTING": None, "EXPLAINER_MAX_FOOTNOTES": None, "EXPLAINER_MAX_CITATIONS": None},
    )


def test_a_note_cited_more_than_702_times_still_gets_a_label_per_citation():
    from pelican.plugins.explainer.reading.footnotes import letters

    labels = letters(1000)  # the longest article at 100× its length cites one note about 1,000 times
    assert labels[:3] == ["a", "b", "c"] and labels[25:28] == ["z", "aa", "ab"] and labels[701:703] == ["zz", "aaa"]
    assert len(set(labels)) == 1000


def test_raw_html_nested_past_the_limit_is_found_in_one_pass():
    settings = {"EXPLAINER_MAX_NESTING": 3, "EXPLAINER_MAX_FOOTNOTES": None, "EXPLAINER_MAX_CITATIONS": None}
    assert limits.html_depth("<ul><li>a<li>b</ul>\n<p>x<p>y") == (2, 1)
    limits.check_text("<div>" * 16 + "</div>" * 16, settings)  # 2 × 3 + 10
    with pytest.raises(limits.LimitExceeded) as deep:
        limits.check_text("Text.\n\n" + "<ul><li>x" * 9 + "\n", settings)
    assert deep.value.line == 3 and "18 elements deep" in deep.value.message
