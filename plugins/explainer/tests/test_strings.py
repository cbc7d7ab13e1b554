"""Every word the plugin's templates show has a built-in translation in every language the plugin claims
(model/i18n.py), and no template shows words that bypass the `t` filter. The templates are read as Jinja reads
them (its parser for the `t` filters, its lexer for the literal text, which html5lib then parses as a browser
does); the words the notes of a document show (reading/footnotes.py) are read from its syntax tree."""

import ast
from pathlib import Path

import html5lib
import jinja2
from jinja2 import nodes

from pelican.plugins.explainer.model.i18n import DEFAULT_STRINGS
from pelican.plugins.explainer.settings import DEFAULTS

PACKAGE = Path(__file__).resolve().parent.parent / "pelican" / "plugins" / "explainer"
TEMPLATES = sorted((PACKAGE / "templates").rglob("*.html"))
ENV = jinja2.Environment()
PLACEHOLDER = "\ue000"  # what an expression writes, in the literal text: not a letter
SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")

# The `t` filters whose words come from the settings, with the words of the plugin's defaults.
DYNAMIC = {
    "label": {kind["label"] for kind in DEFAULTS["EXPLAINER_ENTITY_TYPES"].values()}
    | {relation["label"] for relation in DEFAULTS["EXPLAINER_RELATION_TYPES"].values()},
    "heading": set(DEFAULTS["EXPLAINER_ROLE_TYPES"].values()),
    "source_kind": set(DEFAULTS["EXPLAINER_PUBLICATION_KINDS"].values()),
}


def words_of(expression):
    """The English words a `t` filter translates: its constant, both sides of a conditional, or the settings' defaults."""
    if isinstance(expression, nodes.Const) and isinstance(expression.value, str):
        return {expression.value}
    if isinstance(expression, nodes.CondExpr):
        return words_of(expression.expr1) | words_of(expression.expr2)
    if isinstance(expression, nodes.Getattr) and expression.attr in DYNAMIC:
        return DYNAMIC[expression.attr]
    if isinstance(expression, nodes.Filter) and expression.name in DYNAMIC:
        return DYNAMIC[expression.name]
    raise AssertionError(f"a `t` filter on words the test cannot read: {expression!r}")


def template_words(path):
    """Every English text the template passes through the `t` filter."""
    tree = ENV.parse(path.read_text(encoding="utf-8"))
    return {words for node in tree.find_all(nodes.Filter) if node.name == "t" for words in words_of(node.node)}


def footnote_words():
    """The words reading/footnotes.py writes into a document's notes (`self.words("Back to the text")`)."""
    tree = ast.parse((PACKAGE / "reading" / "footnotes.py").read_text(encoding="utf-8"))
    return {
        call.args[0].value
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "words"
        if call.args and isinstance(call.args[0], ast.Constant)
    }


def literal_words(path):
    """Text and shown attributes the template writes as it is, with every expression replaced by a placeholder."""
    source = []
    for _, kind, value in ENV.lex(path.read_text(encoding="utf-8")):
        if kind == "data":
            source.append(value)
        elif kind == "variable_begin":
            source.append(PLACEHOLDER)
    tree = html5lib.parseFragment("".join(source), treebuilder="etree", namespaceHTMLElements=False)
    shown = [*tree.itertext()] + [element.get(name, "") for element in tree.iter() for name in SHOWN_ATTRIBUTES]
    return [text.strip() for text in shown if any(character.isalpha() for character in text)]


def test_the_walk_finds_the_words_it_must():
    words = set().union(*map(template_words, TEMPLATES))
    assert {"Mentioned in", "Source:", "Sources:", "Glossary", "ally", "Role in this story"} <= words
    assert {"Back to the text", "Source {n}"} <= footnote_words()
    assert literal_words(next(p for p in TEMPLATES if p.name == "countries.html")) == []


def test_every_word_of_the_templates_has_a_built_in_translation_in_every_language():
    words = set().union(*map(template_words, TEMPLATES)) | footnote_words()
    missing = {lang: sorted(words - set(table)) for lang, table in DEFAULT_STRINGS.items()}
    assert missing == {lang: [] for lang in DEFAULT_STRINGS}


def test_no_template_shows_words_that_bypass_the_translations():
    literal = {path.relative_to(PACKAGE).as_posix(): literal_words(path) for path in TEMPLATES}
    assert {path: found for path, found in literal.items() if found} == {}
