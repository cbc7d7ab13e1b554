"""SourceNotesExtension as a Python-Markdown extension: its options through config, in a plain Markdown."""

import markdown
from markdown.test_tools import TestCase

from pelican.plugins.explainer.reading.footnotes import SourceNotesExtension, note_numbers
from pelican.plugins.explainer.settings import CITATION_PATTERN

NOTE = '[^r]: Reuters, "A report", 1 July 2023, <https://example.com/a>'
WJ = "\u2060"  # the word joiner that keeps a marker on the line of its word
CITED = f'<p>A claim.<sup class="footnote-marker" id="fnref:r">{WJ}<a aria-label="Source 1" class="footnote-ref" href="#fn:r" role="doc-noteref">1</a></sup></p>'
CITED_KO = CITED.replace('aria-label="Source 1"', 'aria-label="출처 1"')  # the built-in Korean words (i18n.py)
SHAPED = (
    '<span class="source-publication">Reuters</span>, <a class="source-headline" href="https://example.com/a">A report</a>, '
    '<span class="source-date">1 July 2023</span>.'
)


def notes(label, note, back="Back to the text"):
    """The list of notes holding one note, cited once."""
    return (
        f'<div aria-label="{label}" class="footnote" role="doc-endnotes">\n<hr />\n<ol>\n<li id="fn:r">\n'
        f'<p>{note} <a class="footnote-backref" href="#fnref:r" role="doc-backlink">{back}</a></p>\n</li>\n</ol>\n</div>'
    )


class TestSourceNotesExtension(TestCase):
    def test_a_note_naming_its_source_reads_publication_headline_date(self):
        self.assertMarkdownRenders(
            f"A claim.[^r]\n\n{NOTE}",
            f"{CITED}\n{notes('Sources', SHAPED)}",
            extensions=["footnotes", SourceNotesExtension()],
        )

    def test_a_note_cited_twice_gets_a_letter_per_citation(self):
        self.assertMarkdownRenders(
            "A.[^r] B.[^r]\n\n[^r]: Seen.",
            f'<p>A.<sup class="footnote-marker" id="fnref:r">{WJ}<a aria-label="Source 1" class="footnote-ref" href="#fn:r" role="doc-noteref">1</a></sup>'
            f' B.<sup class="footnote-marker" id="fnref2:r">{WJ}<a aria-label="Source 1" class="footnote-ref" href="#fn:r" role="doc-noteref">1</a></sup></p>\n'
            '<div aria-label="Sources" class="footnote" role="doc-endnotes">\n<hr />\n<ol>\n<li id="fn:r">\n'
            '<p>Seen. <span class="footnote-backrefs">Back to the text: '
            '<a aria-label="Back to the text: citation a" class="footnote-backref" href="#fnref:r" role="doc-backlink">a</a> '
            '<a aria-label="Back to the text: citation b" class="footnote-backref" href="#fnref2:r" role="doc-backlink">b</a>'
            "</span></p>\n</li>\n</ol>\n</div>",
            extensions=["footnotes", SourceNotesExtension()],
        )

    def test_lang_and_strings_give_the_words_added(self):
        strings = {"fr": {"Sources": "Sources citées", "Back to the text": "Retour au texte"}}
        self.assertMarkdownRenders(
            "A claim.[^r]\n\n[^r]: Seen.",
            f"{CITED}\n{notes('Sources citées', 'Seen.', back='Retour au texte')}",
            extensions=["footnotes", SourceNotesExtension(lang="fr", strings=strings)],
        )

    def test_the_texts_own_lang_wins_over_the_option(self):
        self.assertMarkdownRenders(
            "Lang: ko\n\nA claim.[^r]\n\n[^r]: Seen.",
            f"{CITED_KO}\n{notes('출처', 'Seen.', back='본문으로 돌아가기')}",
            extensions=["meta", "footnotes", SourceNotesExtension(lang="en")],
        )

    def test_pattern_says_how_a_note_names_its_source(self):
        pattern = r"^(?P<title>[^|]+?) \| (?P<publication>[^|]+?) \| (?P<url>\S+)$"
        undated = SHAPED.replace(', <span class="source-date">1 July 2023</span>', "")
        self.assertMarkdownRenders(
            "A claim.[^r]\n\n[^r]: A report | Reuters | https://example.com/a",
            f"{CITED}\n{notes('Sources', undated)}",
            extensions=["footnotes", SourceNotesExtension(pattern=pattern)],
        )

    def test_links_to_articles_are_marked_and_others_not(self):
        self.assertMarkdownRenders(
            "[a]({filename}/articles/a.md), [b]({filename}b.md#part), [c]({filename}/pages/c.md), [d](https://example.com/)",
            '<p><a class="explainer-link" href="{filename}/articles/a.md">a</a>, '
            '<a class="explainer-link" href="{filename}b.md#part">b</a>, '
            '<a href="{filename}/pages/c.md">c</a>, <a href="https://example.com/">d</a></p>',
            extensions=[SourceNotesExtension(non_article_paths=["pages"])],
        )

    def test_a_relative_link_starts_beside_the_source_path(self):
        self.assertMarkdownRenders(
            "[b]({filename}b.md), [a]({filename}../articles/a.md)",
            '<p><a href="{filename}b.md">b</a>, <a class="explainer-link" href="{filename}../articles/a.md">a</a></p>',
            extensions=[
                SourceNotesExtension(
                    content_path="/site/content", source_path="/site/content/pages/about.md", article_paths=["articles"]
                )
            ],
        )

    def test_it_loads_by_name_with_its_options_in_extension_configs(self):
        self.assertMarkdownRenders(
            "A claim.[^r]\n\n[^r]: Seen.",
            f"{CITED_KO}\n{notes('출처', 'Seen.', back='본문으로 돌아가기')}",
            extensions=["footnotes", "pelican.plugins.explainer.reading.footnotes"],
            extension_configs={"pelican.plugins.explainer.reading.footnotes": {"lang": "ko"}},
        )


AP = 'AP, "B report", 1 July 2023, <https://example.com/b>'
AP_VIA = 'AP via X, "B report", 1 July 2023, <https://example.com/b>'


def ref(sup_id, note, number, group=""):
    """One marker as written: `<sup>`, the word joiner, the number's link (`group`: its name as a group)."""
    named = (
        f' aria-label="{group}" class="footnote-marker footnote-group" id="{sup_id}" role="group"'
        if group
        else f' class="footnote-marker" id="{sup_id}"'
    )
    return (
        f'<sup{named}>{WJ}<a aria-label="Source {number}" class="footnote-ref" href="#fn:{note}" role="doc-noteref">{number}</a>'
    )


def shaped(publication, url, title):
    return (
        f'<span class="source-publication">{publication}</span>, <a class="source-headline" href="{url}">{title}</a>, '
        '<span class="source-date">1 July 2023</span>.'
    )


class TestMarkersAndOneNotePerSource(TestCase):
    def test_markers_side_by_side_are_one_marker_named_as_a_group(self):
        self.assertMarkdownRenders(
            f"A claim.[^r][^b]\n\n{NOTE}\n[^b]: {AP}",
            "<p>A claim."
            + ref("fnref:r", "r", 1, "Sources 1 and 2")
            + '<span id="fnref:b">,<a aria-label="Source 2" class="footnote-ref" href="#fn:b" role="doc-noteref">2</a></span></sup></p>\n'
            '<div aria-label="Sources" class="footnote" role="doc-endnotes">\n<hr />\n<ol>\n'
            f'<li id="fn:r">\n<p>{SHAPED} <a class="footnote-backref" href="#fnref:r" role="doc-backlink">Back to the text</a></p>\n</li>\n'
            f'<li id="fn:b">\n<p>{shaped("AP", "https://example.com/b", "B report")} '
            '<a class="footnote-backref" href="#fnref:b" role="doc-backlink">Back to the text</a></p>\n</li>\n</ol>\n</div>',
            extensions=["footnotes", SourceNotesExtension()],
        )

    def test_two_notes_naming_one_url_are_one_note_with_a_back_link_for_each_place(self):
        self.assertMarkdownRenders(
            f"A.[^b] B.[^r] C.[^v]\n\n[^b]: {AP}\n{NOTE}\n[^v]: {AP_VIA}",
            "<p>A."
            + ref("fnref:b", "b", 1)
            + "</sup> B."
            + ref("fnref:r", "r", 2)
            + "</sup> C."
            + ref("fnref:v", "b", 1)
            + "</sup></p>\n"
            '<div aria-label="Sources" class="footnote" role="doc-endnotes">\n<hr />\n<ol>\n'
            f'<li id="fn:b"><span id="fn:v"></span><p>{shaped("AP", "https://example.com/b", "B report")} '
            '<span class="footnote-backrefs">Back to the text: '
            '<a aria-label="Back to the text: citation a" class="footnote-backref" href="#fnref:b" role="doc-backlink">a</a> '
            '<a aria-label="Back to the text: citation b" class="footnote-backref" href="#fnref:v" role="doc-backlink">b</a>'
            "</span></p>\n</li>\n"
            f'<li id="fn:r">\n<p>{SHAPED} <a class="footnote-backref" href="#fnref:r" role="doc-backlink">Back to the text</a></p>\n</li>\n'
            "</ol>\n</div>",
            extensions=["footnotes", SourceNotesExtension()],
        )

    def test_one_source_cited_twice_in_one_place_is_one_link(self):
        self.assertMarkdownRenders(
            f"A.[^b][^v]\n\n[^b]: {AP}\n[^v]: {AP_VIA}",
            "<p>A." + ref("fnref:b", "b", 1) + "</sup></p>\n"
            '<div aria-label="Sources" class="footnote" role="doc-endnotes">\n<hr />\n<ol>\n'
            f'<li id="fn:b"><span id="fn:v"></span><p>{shaped("AP", "https://example.com/b", "B report")} '
            '<a class="footnote-backref" href="#fnref:b" role="doc-backlink">Back to the text</a></p>\n</li>\n'
            "</ol>\n</div>",
            extensions=["footnotes", SourceNotesExtension()],
        )

    def test_markers_apart_stay_apart(self):
        output = markdown.markdown(f"A.[^r] And [^b]\n\n{NOTE}\n[^b]: {AP}", extensions=["footnotes", SourceNotesExtension()])
        self.assertNotIn("footnote-group", output)
        self.assertEqual(output.count("<sup"), 2)

    def test_note_numbers_give_a_repeated_source_the_first_notes_number(self):
        written = {"a": NOTE[6:], "b": AP, "c": AP_VIA, "d": "A letter."}
        numbers = note_numbers(["b", "a", "c", "d"], written, CITATION_PATTERN)
        self.assertEqual(numbers, {"b": ("b", 1), "a": ("a", 2), "c": ("b", 1), "d": ("d", 3)})
