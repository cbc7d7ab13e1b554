"""Linking rules, and the invariants that make the linker safe: text unchanged, well-formed, idempotent."""

import re
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from hypothesis import given, settings, strategies as st

from pelican.plugins.explainer.linker import link_html
from test_matcher import matcher


def link(html, m, **options):
    return link_html(html, m, lambda entity: f"/glossary/{entity.slug}/", **options)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(html):
    """Every character of text, white space included, as a browser's textContent would have it."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def linked(html):
    return [(a.get_text(), a["data-term"]) for a in BeautifulSoup(html, "html.parser").select("a.term")]


M, E = matcher(icbm=[("ICBM", True), ("ICBMs", True)], arm=[("armistice", False)],
               kaa=[("Korean Armistice Agreement", False)], kim=[("Kim Jong Un", False)])


def test_first_mention_is_linked_and_every_mention_counted():
    result = link("<p>An ICBM. Two ICBMs. The ICBM again.</p><p>An armistice.</p>", M)
    assert linked(result.html) == [("ICBM", "glossary:icbm"), ("armistice", "glossary:arm")]
    assert result.mentions == {E["icbm"]: 3, E["arm"]: 1}
    assert 'href="/glossary/icbm/"' in result.html


def test_link_all_links_every_mention():
    result = link("<p>An ICBM. Two ICBMs.</p>", M, link_all=True)
    assert linked(result.html) == [("ICBM", "glossary:icbm"), ("ICBMs", "glossary:icbm")]


def test_never_inside_links_code_headings_scripts_or_attributes():
    html = ('<h2>ICBM</h2><h6>armistice</h6><a href="/x">ICBM</a><code>ICBM</code><pre>armistice</pre>'
            '<script>var s = "ICBM";</script><style>.ICBM{}</style><p title="ICBM armistice">'
            '<img alt="an ICBM">text</p><div class="footnote"><p>Kim Jong Un, KCNA</p></div>')
    result = link(html, M)
    assert linked(result.html) == []
    assert result.html == html


def test_a_link_is_never_nested_and_existing_term_links_are_kept():
    html = '<p><a class="term" data-term="glossary:kaa" href="/glossary/kaa/">Korean Armistice Agreement</a> and the armistice.</p>'
    result = link(html, M)
    assert linked(result.html) == [("Korean Armistice Agreement", "glossary:kaa"), ("armistice", "glossary:arm")]
    assert not BeautifulSoup(result.html, "html.parser").select("a a")


def test_skipped_entities_are_counted_but_not_linked():
    result = link("<p>Kim Jong Un and an ICBM.</p>", M, skip={E["kim"]})
    assert linked(result.html) == [("ICBM", "glossary:icbm")]
    assert result.mentions[E["kim"]] == 1


def test_nested_inline_markup_and_entities_survive():
    html = "<p><em>Kim Jong Un</em> &amp; the <strong>ICBM</strong> &lt;test&gt; — “armistice”.</p>"
    result = link(html, M)
    assert linked(result.html) == [("Kim Jong Un", "glossary:kim"), ("ICBM", "glossary:icbm"), ("armistice", "glossary:arm")]
    assert text_of(result.html) == text_of(html)
    assert "&lt;test&gt;" in result.html


def test_character_references_in_names_and_around_them():
    m, e = matcher(cpv=[("People's Volunteers", False)], att=[("AT&T", True)])
    html = "<p>The People&rsquo;s Volunteers &amp; AT&amp;T&#8217;s &lt;b&gt;</p>"
    result = link(html, m)
    assert linked(result.html) == [("People’s Volunteers", "glossary:cpv"), ("AT&T", "glossary:att")]
    assert text_of(result.html) == text_of(html)
    assert '<a href="/glossary/cpv/" class="term" data-term="glossary:cpv">People&rsquo;s Volunteers</a>' in result.html


def test_everything_but_the_new_links_is_byte_identical():
    html = '<p class=x data-a=\'1\'>An <br>ICBM<!-- ICBM --> &amp; <img src=a.png alt="ICBM"></p>\n\n<script>if (a < b) { ICBM(); }</script>'
    result = link(html, M)
    assert result.html.replace('<a href="/glossary/icbm/" class="term" data-term="glossary:icbm">', "").replace("</a>", "") == html


# Property tests: generated HTML fragments and term sets.
WORDS = ["ICBM", "icbm", "armistice", "Korean", "Armistice", "Agreement", "Kim", "Jong", "Un", "the", "a&b", "<x>", "—", "U.S.", "C++"]
TAGS = ["p", "em", "strong", "span", "a", "code", "h2", "li", "blockquote", "sup"]


@st.composite
def fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            attrs = ' href="/x"' if tag == "a" else ' class="c"' if draw(st.booleans()) else ""
            parts.append(f"<{tag}{attrs}>{draw(fragments(depth + 1))}</{tag}>")
        else:
            words = draw(st.lists(st.sampled_from(WORDS), max_size=8))
            parts.append(" ".join(w.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for w in words))
    return " ".join(parts)


@st.composite
def term_sets(draw):
    names = draw(st.lists(st.sampled_from(["ICBM", "armistice", "Korean Armistice Agreement", "Kim Jong Un", "U.S.", "C++", "Jong", "a"]),
                          min_size=1, max_size=5, unique=True))
    return matcher(**{f"t{i}": [(name, draw(st.booleans()))] for i, name in enumerate(names)})[0]


def structure(html):
    """The tags of a fragment with term links unwrapped: what the linker must not change."""
    soup = BeautifulSoup(html, "html.parser")
    for anchor in soup.select("a.term"):
        anchor.unwrap()
    return [(tag.name, sorted((k, str(v)) for k, v in tag.attrs.items())) for tag in soup.find_all(True)]


@settings(max_examples=300, deadline=None)
@given(fragments(), term_sets(), st.booleans())
def test_linking_only_wraps_text_and_is_idempotent(html, m, link_all):
    once = link(html, m, link_all=link_all)
    assert text_of(once.html) == text_of(html)
    assert structure(once.html) == structure(html)
    twice = link(once.html, m, link_all=link_all)
    assert twice.html == once.html
    assert twice.mentions == once.mentions
    soup = BeautifulSoup(once.html, "html.parser")
    assert not soup.select("a a.term, a.term a"), "a term link nested in a link"
    assert not soup.select("h2 a.term, code a.term")
    assert not re.search(r'="[^"]*<a', once.html), "markup leaked into an attribute"
