"""The "what we know / what we do not know" block (reading/known.py) in a plain Markdown, and the cuts a theme
makes in a converted text (pages/sections.py)."""

from markdown.test_tools import TestCase

from pelican.plugins.explainer.pages.sections import first_section, notes_apart
from pelican.plugins.explainer.reading.known import KnownUnknownExtension

EXTENSIONS = ["attr_list", "footnotes", KnownUnknownExtension()]


class TestKnownUnknown(TestCase):
    def test_two_marked_headings_make_one_block_of_two_parts(self):
        self.assertMarkdownRenders(
            "Intro.\n\n## What we know {: .known }\n\n- A.\n\n### Detail\n\nMore.\n\n"
            "## What we do not know {: .unknown }\n\nB.\n\n## Next\n\nText.",
            '<p>Intro.</p>\n<div class="known-unknown">\n<div class="known">\n<h2>What we know</h2>\n<ul>\n<li>A.</li>\n</ul>\n'
            '<h3>Detail</h3>\n<p>More.</p>\n</div>\n<div class="unknown">\n<h2>What we do not know</h2>\n<p>B.</p>\n</div>\n</div>\n'
            "<h2>Next</h2>\n<p>Text.</p>",
            extensions=EXTENSIONS,
        )

    def test_a_part_alone_is_a_block_and_keeps_the_authors_other_classes(self):
        self.assertMarkdownRenders(
            "### Not confirmed {: .unknown .wide }\n\nC.",
            '<div class="known-unknown">\n<div class="unknown">\n<h3 class="wide">Not confirmed</h3>\n<p>C.</p>\n</div>\n</div>',
            extensions=EXTENSIONS,
        )

    def test_the_list_of_notes_is_never_part_of_a_part(self):
        self.assertMarkdownRenders(
            "#### What we know {: .known }\n\n1. A.[^a]\n\n[^a]: A source.",
            '<div class="known-unknown">\n<div class="known">\n<h4>What we know</h4>\n<ol>\n<li>A.<sup id="fnref:a">'
            '<a class="footnote-ref" href="#fn:a">1</a></sup></li>\n</ol>\n</div>\n</div>\n'
            '<div class="footnote">\n<hr />\n<ol>\n<li id="fn:a">\n<p>A source.&#160;<a class="footnote-backref" href="#fnref:a" '
            'title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>\n</ol>\n</div>',
            extensions=EXTENSIONS,
        )

    def test_unmarked_headings_are_left_alone(self):
        self.assertMarkdownRenders("## What we know\n\nA.", "<h2>What we know</h2>\n<p>A.</p>", extensions=EXTENSIONS)


def test_first_section_cuts_before_the_second_top_level_h2():
    html = '<p>A.</p>\n<h2 id="one">One</h2>\n<div class="x"><h2>Inside</h2></div>\n<p>B<br>c</p><hr />\n<h2 id="two">Two</h2>\n<p>C.</p>'
    opening, rest = first_section(html)
    assert opening + rest == html
    assert rest.startswith('<h2 id="two">')
    assert first_section("<h2>Only</h2><p>A.</p>") == ("<h2>Only</h2><p>A.</p>", "")


def test_notes_apart_cuts_before_the_list_of_notes():
    html = '<p>A.</p>\n<div class="known"><div class="footnote">not this</div></div>\n<div class="footnote" role="doc-endnotes"><ol></ol></div>'
    text, notes = notes_apart(html)
    assert text + notes == html and notes.startswith('<div class="footnote" role')
    assert notes_apart("<p>No notes.</p>") == ("<p>No notes.</p>", "")
