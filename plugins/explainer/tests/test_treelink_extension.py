"""LinkingExtension as a Python-Markdown extension: its options through config, in a plain Markdown."""

from markdown import Markdown
from markdown.test_tools import TestCase

from pelican.plugins.explainer.model.entities import Name
from pelican.plugins.explainer.reading.document import LinkTarget
from pelican.plugins.explainer.reading.matcher import Matcher
from pelican.plugins.explainer.reading.treelink import LinkingExtension

TARGETS = {
    "glossary:icbm": LinkTarget("glossary:icbm", "/glossary/icbm/", "term", "ICBM", "A missile."),
    "glossary:kim": LinkTarget("glossary:kim", "/glossary/kim/", "term", "Kim", "A leader."),
}
MATCHER = Matcher([(Name("ICBM", True), TARGETS["glossary:icbm"]), (Name("Kim", True), TARGETS["glossary:kim"])])
NAMES = {"matcher": MATCHER, "targets": TARGETS}


def link(slug, first=True):
    """The link to glossary/<slug>: the first carries the mention's id."""
    target = TARGETS[f"glossary:{slug}"]
    anchor = f' id="mention-glossary-{slug}"' if first else ""
    return (
        f'<a class="term" data-summary="{target.summary}" data-term="{target.key}" data-title="{target.title}"'
        f' href="{target.href}"{anchor}>{target.title}</a>'
    )


def mention(slug):
    """A first mention left unlinked: a span with the mention's id."""
    return f'<span class="mention" data-term="glossary:{slug}" id="mention-glossary-{slug}">{TARGETS[f"glossary:{slug}"].title}</span>'


class TestLinkingExtension(TestCase):
    def test_with_no_names_nothing_is_linked(self):
        self.assertMarkdownRenders("The ICBM flew.", "<p>The ICBM flew.</p>", extensions=[LinkingExtension()])

    def test_the_first_mention_is_linked(self):
        self.assertMarkdownRenders(
            "The ICBM flew. An ICBM again.",
            f"<p>The {link('icbm')} flew. An ICBM again.</p>",
            extensions=[LinkingExtension(**NAMES)],
        )

    def test_link_all_links_every_mention(self):
        self.assertMarkdownRenders(
            "The ICBM flew. An ICBM again.",
            f"<p>The {link('icbm')} flew. An {link('icbm', first=False)} again.</p>",
            extensions=[LinkingExtension(**NAMES, link_all=True)],
        )

    def test_a_skipped_entity_is_a_mention_but_no_link(self):
        self.assertMarkdownRenders(
            "The ICBM flew.",
            f"<p>The {mention('icbm')} flew.</p>",
            extensions=[LinkingExtension(**NAMES, skip={"glossary:icbm"})],
        )

    def test_limit_is_the_most_entities_linked_in_the_text(self):
        self.assertMarkdownRenders(
            "Kim saw an ICBM.",
            f"<p>{link('kim')} saw an {mention('icbm')}.</p>",
            extensions=[LinkingExtension(**NAMES, limit=1)],
        )

    def test_paragraph_limit_is_the_most_links_in_one_paragraph(self):
        self.assertMarkdownRenders(
            "Kim saw an ICBM.\n\nAn ICBM.",
            f"<p>{link('kim')} saw an {mention('icbm')}.</p>\n<p>An {link('icbm', first=False)}.</p>",
            extensions=[LinkingExtension(**NAMES, paragraph_limit=1)],
        )

    def test_options_for_gives_one_text_its_options_from_its_metadata(self):
        def options_for(md):
            return {**NAMES, "skip": {"glossary:icbm"}} if md.Meta.get("glossary") == ["off"] else NAMES

        self.assertMarkdownRenders(
            "Glossary: off\n\nThe ICBM flew.",
            f"<p>The {mention('icbm')} flew.</p>",
            extensions=["meta", LinkingExtension(options_for)],
        )

    def test_options_for_saying_none_leaves_the_text_alone(self):
        extension = LinkingExtension(options_for=lambda md: None, **NAMES)
        self.assertMarkdownRenders("The ICBM flew.", "<p>The ICBM flew.</p>", extensions=[extension])
        self.assertIsNone(extension.facts)

    def test_the_facts_say_what_the_text_holds(self):
        extension = LinkingExtension(**NAMES)
        Markdown(extensions=[extension]).convert("# Kim\n\nThe ICBM and the ICBM.")
        self.assertEqual(extension.facts.mentions, {"glossary:icbm": 2})
        self.assertEqual(extension.facts.linked, ["glossary:icbm"])
        self.assertEqual(extension.facts.headings, [(1, "", "Kim")])

    def test_a_footnote_defined_twice_is_noted_until_the_next_text(self):
        extension = LinkingExtension()
        md = Markdown(extensions=["footnotes", extension])
        md.convert("A.[^a]\n\n[^a]: One.\n[^a]: Two.")
        self.assertEqual(extension.facts.defined_twice, ["a"])
        md.reset()
        md.convert("B.[^b]\n\n[^b]: One.")
        self.assertEqual(extension.facts.defined_twice, [])

    def test_it_loads_by_name_with_its_options_in_extension_configs(self):
        self.assertMarkdownRenders(
            "The ICBM flew.",
            f"<p>The {link('icbm')} flew.</p>",
            extensions=["pelican.plugins.explainer.reading.treelink"],
            extension_configs={"pelican.plugins.explainer.reading.treelink": NAMES},
        )
