"""Linking in the parsed document: the rules readers rely on, and the invariants that make it safe.

Every check reads the result the way a browser does (html5lib): the text a reader sees is unchanged, no
link lands in an attribute, code, a heading or another link, and a second pass adds nothing.
"""

import html5lib
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from pelican.plugins.explainer.model.entities import Name
from pelican.plugins.explainer.reading.document import LinkTarget
from pelican.plugins.explainer.reading.htmllink import link_html
from pelican.plugins.explainer.reading.matcher import Matcher
from pelican.plugins.explainer.reading.treelink import LinkingExtension

EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.smarty", "markdown.extensions.toc"]
NOT_LINKED_UNDER = {
    "a",
    "code",
    "pre",
    "kbd",
    "samp",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "script",
    "style",
    "xmp",
    "noscript",
    "iframe",
    "textarea",
    "title",
    "noembed",
    "template",
    "abbr",
}


def targets_for(**names):
    """targets_for(icbm=[("ICBM", True)]) → (Matcher, {key: LinkTarget})."""
    targets = {
        f"glossary:{slug}": LinkTarget(f"glossary:{slug}", f"/glossary/{slug}/", "term", spelled[0][0], f"About {slug}.")
        for slug, spelled in names.items()
    }
    pairs = [(Name(text, exact), targets[f"glossary:{slug}"]) for slug, spelled in names.items() for text, exact in spelled]
    return Matcher(pairs), targets


M, T = targets_for(
    icbm=[("ICBM", True), ("ICBMs", True)],
    arm=[("armistice", False)],
    kaa=[("Korean Armistice Agreement", False)],
    kim=[("Kim Jong Un", False)],
    us=[("U.S.", True)],
    cpp=[("C++", False)],
    cpv=[("People's Volunteers", False)],
)


def convert(text, matcher=M, targets=T, **options):
    """(HTML, facts) of Markdown `text` converted with the linking Treeprocessor."""
    extension = LinkingExtension(lambda md: {"matcher": matcher, "targets": targets, **options} if matcher else {})
    html = Markdown(extensions=[*EXTENSIONS, extension], output_format="html5").convert(text)
    return html, extension.facts


def tree(html):
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False, scripting=True)


def seen_text(html):
    """The text a browser shows (comments and tags left out)."""
    return "".join(tree(html).itertext())


def links(html):
    """[(link text, key)] of every term link, as a browser parses the page."""
    return [("".join(a.itertext()), a.get("data-term")) for a in tree(html).iter("a") if a.get("data-term")]


def misplaced_links(html):
    """Term links a browser puts under an element where no link belongs."""
    found = []

    def walk(element, ancestors):
        name = element.tag if isinstance(element.tag, str) else ""
        if name == "a" and element.get("data-term") and ancestors & NOT_LINKED_UNDER:
            found.append((sorted(ancestors & NOT_LINKED_UNDER), "".join(element.itertext())))
        for child in element:
            walk(child, ancestors | {name})

    walk(tree(html), set())
    return found


def structure(html):
    """Every element and attribute a browser builds, with term links unwrapped."""
    result = []
    for element in tree(html).iter():
        if isinstance(element.tag, str) and not (element.tag == "a" and element.get("data-term")):
            result.append((element.tag, sorted(element.attrib.items())))
    return result


def test_first_mention_is_linked_and_every_mention_counted():
    html, facts = convert("An ICBM. Two ICBMs. The ICBM again.\n\nAn armistice.")
    assert links(html) == [("ICBM", "glossary:icbm"), ("armistice", "glossary:arm")]
    assert facts.mentions == {"glossary:icbm": 3, "glossary:arm": 1}
    assert 'href="/glossary/icbm/"' in html and 'data-summary="About icbm."' in html


def test_link_all_links_every_mention_and_a_limit_caps_the_page():
    html, _ = convert("An ICBM. Two ICBMs, an armistice, Kim Jong Un.", link_all=True)
    assert [key for _, key in links(html)] == ["glossary:icbm", "glossary:icbm", "glossary:arm", "glossary:kim"]
    html, facts = convert("An ICBM, an armistice and Kim Jong Un.", limit=2)
    assert [key for _, key in links(html)] == ["glossary:icbm", "glossary:arm"]
    assert facts.mentions["glossary:kim"] == 1  # counted, not linked


def test_never_inside_links_code_headings_or_footnotes():
    text = (
        "## ICBM heading\n\n[an ICBM](/x) and `ICBM` code\n\n    ICBM in a code block\n\n"
        "~~~\narmistice fenced\n~~~\n\nKim Jong Un.[^1]\n\n[^1]: KCNA on the armistice and an ICBM.\n"
    )
    html, facts = convert(text)
    assert links(html) == [("Kim Jong Un", "glossary:kim")]
    assert facts.headings == [(2, "icbm-heading", "ICBM heading")]
    assert facts.footnotes == {"1": "KCNA on the armistice and an ICBM."} and facts.cited == ["1"]


def test_lists_and_tables_are_linked():
    html, _ = convert("- an ICBM\n- the armistice\n\n| a | b |\n|---|---|\n| Kim Jong Un | x |\n")
    assert [key for _, key in links(html)] == ["glossary:icbm", "glossary:arm", "glossary:kim"]


def test_longest_name_wins_and_smart_quotes_still_match():
    html, _ = convert("The Korean Armistice Agreement and the People's Volunteers.")
    assert links(html) == [("Korean Armistice Agreement", "glossary:kaa"), ("People’s Volunteers", "glossary:cpv")]


def test_names_ending_in_punctuation_never_match_inside_a_longer_token():
    html, _ = convert("The U.S.A. and C++11 and C+++ are not; the U.S. and C++ are.")
    assert links(html) == [("U.S.", "glossary:us"), ("C++", "glossary:cpp")]


def test_skipped_entities_are_counted_but_not_linked():
    html, facts = convert("Kim Jong Un and an ICBM.", skip=frozenset({"glossary:kim"}))
    assert links(html) == [("ICBM", "glossary:icbm")]
    assert facts.mentions["glossary:kim"] == 1


RAW_HTML_TRAPS = [  # (Markdown with raw HTML, the keys linked: only in the Markdown text around it)
    # An unquoted attribute holding an apostrophe: the raw block is the author's and is left alone.
    ("<div><span data-note=ICBM's>note</span> The ICBM flew.</div>\n\nAn armistice.", ["arm"]),
    # Inline, Python-Markdown reads that tag as text (a reader sees it typed out): text may be linked.
    ("A <span data-note=ICBM's>note</span> and the armistice.", ["icbm", "arm"]),
    ("A bogus end tag </ ICBM> and the armistice.", ["icbm", "arm"]),  # it is text: a reader sees it
    ("Raw text: <xmp>ICBM</xmp> <noscript>ICBM</noscript> <iframe>ICBM</iframe> then the armistice.", ["arm"]),
    ("- <code>ICBM\n- ICBM reopened\n- armistice\n", []),  # a browser reopens the unclosed <code> in each item
    ("- <span>ICBM\n- ICBM closed\n- armistice\n", ["icbm", "arm"]),  # but not an unclosed <span>
    ("A <!-- ICBM --> comment, <a href=/x>an *ICBM* link</a>, <b>unclosed\n\nthen ICBM, armistice.", []),
    ('An <abbr title="x">ICBM</abbr> and <textarea>ICBM</textarea>, Kim Jong Un &amp; &#8217;s.', ["kim"]),
    ("<table><tr><td>ICBM</td></tr></table>\n\nThe armistice <span>unclosed ICBM\n\nICBM, Kim Jong Un.", ["arm", "icbm", "kim"]),
]


def test_raw_html_is_never_corrupted_and_text_inside_it_is_left_alone():
    for text, expected in RAW_HTML_TRAPS:
        plain, _ = convert(text, matcher=None)
        linked, _ = convert(text)
        assert seen_text(linked) == seen_text(plain), text
        assert structure(linked) == structure(plain), text
        assert not misplaced_links(linked), (text, misplaced_links(linked))
        assert [key for _, key in links(linked)] == [f"glossary:{slug}" for slug in expected], text


def test_other_html_is_linked_through_a_browser_grade_parser():
    for fragment in [
        "<div><span data-note=ICBM's>note</span> The ICBM flew.</div>",
        "<p>A </ ICBM> tag, the armistice</p>",
        "<p><xmp>ICBM</xmp><noscript>ICBM</noscript> Kim Jong Un</p>",
        "<ul><li><code>ICBM<li>ICBM<li>armistice</ul>",
    ]:
        linked, _facts = link_html(fragment, matcher=M, targets=T)
        assert seen_text(linked) == seen_text(fragment), fragment
        assert structure(linked) == structure(fragment), fragment
        assert not misplaced_links(linked), fragment
        assert link_html(linked, matcher=M, targets=T)[0] == linked  # a second pass adds nothing


def test_reading_time_words_are_the_same_with_linking_on_or_off():
    text = "An ICBM's launch, the *armistice*'s terms and Kim Jong Un.[^1]\n\n[^1]: A source with many words in it."
    assert convert(text)[1].words == convert(text, matcher=None)[1].words == 10


# Property tests: generated Markdown with raw HTML of every awkward kind, read back by html5lib.
WORDS = [
    "ICBM",
    "icbm",
    "ICBMs",
    "armistice",
    "Korean",
    "Armistice",
    "Agreement",
    "Kim",
    "Jong",
    "Un",
    "the",
    "U.S.",
    "U.S.A.",
    "C++",
    "C++11",
    "People's",
    "Volunteers",
    "&amp;",
    "&#8217;",
    "&lt;",
    "—",
    "*",
    "_",
]
RAW = [
    "<span data-note=ICBM's>",
    "</span>",
    "<span>",
    "<b>",
    "</b>",
    "<code>",
    "</code>",
    "<a href=/x>",
    "</a>",
    "<!-- ICBM -->",
    "</ ICBM>",
    "<xmp>",
    "</xmp>",
    "<noscript>",
    "</noscript>",
    "<br>",
    "<span/>",
    "<em title='a\"b'>",
    "</em>",
    "<img alt=ICBM src=x.png>",
    "<textarea>",
    "</textarea>",
    '<abbr title="ICBM">',
    "</abbr>",
]
BLOCKS = ["", "## ", "- ", "> ", "    ", "1. ", "| "]


@st.composite
def documents(draw):
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        prefix = draw(st.sampled_from(BLOCKS))
        pieces = draw(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(RAW)), min_size=1, max_size=10))
        lines.append(prefix + " ".join(pieces))
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines)


@st.composite
def matchers(draw):
    names = draw(
        st.lists(
            st.sampled_from(
                [
                    "ICBM",
                    "armistice",
                    "Korean Armistice Agreement",
                    "Kim Jong Un",
                    "U.S.",
                    "C++",
                    "People's Volunteers",
                    "Jong",
                    "the",
                ]
            ),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    return targets_for(**{f"t{i}": [(name, draw(st.booleans()))] for i, name in enumerate(names)})


@settings(max_examples=300, deadline=None)
@given(documents(), matchers(), st.booleans())
def test_linking_markdown_with_raw_html_only_wraps_text(text, matcher_and_targets, link_all):
    matcher, targets = matcher_and_targets
    plain, plain_facts = convert(text, matcher=None)
    linked, facts = convert(text, matcher, targets, link_all=link_all)
    assert seen_text(linked) == seen_text(plain)
    assert structure(linked) == structure(plain)
    assert not misplaced_links(linked)
    assert facts.words == plain_facts.words


@settings(max_examples=200, deadline=None)
@given(documents(), matchers(), st.booleans())
def test_linking_other_html_only_wraps_text_and_a_second_pass_adds_nothing(text, matcher_and_targets, link_all):
    matcher, targets = matcher_and_targets
    fragment, _ = convert(text, matcher=None)  # HTML with every kind of raw markup in it
    once, facts = link_html(fragment, matcher=matcher, targets=targets, link_all=link_all)
    assert seen_text(once) == seen_text(fragment)
    assert structure(once) == structure(fragment)
    assert not misplaced_links(once)
    twice, again = link_html(once, matcher=matcher, targets=targets, link_all=link_all)
    assert twice == once
    assert again.mentions == facts.mentions


def test_an_end_tag_inside_a_raw_text_element_closes_nothing():
    # A browser reads `</code>` inside the textarea as text, so the code element is still open after it.
    matcher, targets = targets_for(t0=[("ICBM", False)])
    html, _ = convert("<code> <textarea> </code> </textarea>\nICBM", matcher, targets)
    assert links(html) == [] and not misplaced_links(html)


def test_a_backslash_escape_reads_as_its_character_in_quotes_and_headings():
    html, facts = convert("## Why 2023\\. mattered\n\nThe ICBM \\(a missile\\) flew.")
    assert facts.headings == [(2, "why-2023-mattered", "Why 2023. mattered")]
    first = facts.first_mentions["glossary:icbm"]
    assert (first.before, first.name, first.after) == ("The ", "ICBM", " (a missile) flew.")
    assert links(html) == [("ICBM", "glossary:icbm")] and "(a missile)" in seen_text(html)


def test_a_popover_shows_a_summary_as_typed_even_where_it_looks_like_an_entity():
    key = "glossary:choson"
    target = LinkTarget(key, "/glossary/choson/", "term", "Choson &amp; co", "Written &lt;Chosun&gt;, R&D.")
    matcher, targets = Matcher([(Name("Choson", False), target)]), {key: target}
    for html in (
        convert("The Choson state.", matcher, targets)[0],
        link_html("<p>The Choson state.</p>", matcher=matcher, targets=targets)[0],
    ):
        link = next(tree(html).iter("a"))
        assert (link.get("data-title"), link.get("data-summary")) == ("Choson &amp; co", "Written &lt;Chosun&gt;, R&D.")


def test_each_block_has_its_own_paragraph_limit():
    text = '<div markdown="span">An ICBM, the armistice.</div>\n\n<div markdown="span">Kim Jong Un.</div>'
    html, _ = convert(text, paragraph_limit=2)
    assert [key for _, key in links(html)] == ["glossary:icbm", "glossary:arm", "glossary:kim"]


def test_a_word_split_by_markup_is_one_word_to_the_linker():
    html, facts = convert(
        "A un*ICBM*ly idea, <b>un</b>ICBM and ICBM<b>s</b>x; an armistice*ish* too.\n\n"
        "But *ICBM*, **ICBM**. and Kim Jong Un[^1] count.\n\n[^1]: A note."
    )
    assert links(html) == [("ICBM", "glossary:icbm"), ("Kim Jong Un", "glossary:kim")]
    assert facts.mentions == {"glossary:icbm": 2, "glossary:kim": 1}
    html, _ = link_html("<p>un<em>ICBM</em>ly and <em>ICBM</em>, <span>arm</span>istice</p>", matcher=M, targets=T)
    assert links(html) == [("ICBM", "glossary:icbm")]


def test_a_raw_text_element_left_open_past_its_block_stops_the_linking():
    """`## <xmp>` then `</xmp> ICBM`: in a browser the heading never closes (its end tag is the xmp's text), so
    a link after `</xmp>` would sit in the heading; from there on the tree is not the page, and nothing is linked."""
    matcher, targets = targets_for(t0=[("ICBM", True)])
    linked, _ = convert("## <xmp>\n</xmp> ICBM\n\nAn ICBM again.", matcher, targets)
    assert not misplaced_links(linked) and 'data-term="glossary:t0"' not in linked
    ordinary, _ = convert("## Heading\n\nAn ICBM.", matcher, targets)
    assert 'data-term="glossary:t0"' in ordinary
