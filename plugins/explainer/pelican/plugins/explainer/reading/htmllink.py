"""The same linking for HTML that did not come from Markdown (Pelican's HTML and reST readers), through
html5lib, which parses exactly as a browser (with scripting on) does: unquoted attributes, comments, bogus and unclosed
tags and raw-text elements all end up where a browser puts them, and only text nodes are linked. The
fragment is serialised back from the tree, so its markup may be normalised; what a reader sees is not.
"""

import html5lib

from .document import DocumentWalker


def parse(fragment):
    """`fragment` parsed as a browser with scripting on parses it, into an ElementTree the walker can read."""
    return html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False, scripting=True)


def serialize(tree):
    """The HTML of `tree` again, attributes always quoted, for the page's content."""
    return html5lib.serialize(
        tree,
        tree="etree",
        quote_attr_values="always",
        omit_optional_tags=False,
        resolve_entities=False,
        use_trailing_solidus=False,
    )


def link_html(fragment, **options):
    """(linked HTML, DocumentFacts) for an HTML fragment; `options` as for DocumentWalker."""
    tree = parse(fragment)
    facts = DocumentWalker(**options).walk(tree)
    return (serialize(tree) if facts.linked and options.get("matcher") else fragment), facts
