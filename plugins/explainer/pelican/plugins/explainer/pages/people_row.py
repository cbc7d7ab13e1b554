"""A row of people from the glossary: who stood beside whom (on a reviewing stand, at a signing, in a
photograph), each with their country and flag and their office, and the source that gives the order.

An article writes, in its metadata:

    People-row: sergei-shoigu, kim-jong-un, li-hongzhong
    People-row-source: age-parade
    People-row-caption: The Associated Press reported that photos showed Shoigu to Kim's right and Li to his left.

People-row names glossary slugs in the order the source gives; each entry needs an `Office:` line (what
the row prints under the name) and may name its `Country:` (printed with its flag). People-row-source is
the label of one of the article's own footnotes: the row's source line is that footnote's publication and
headline, linked. Where each person stood is the caption's to say, in the author's words and only as the
source says it: the row itself claims no more than the order.

The row is an ordered HTML list, not a drawing: names, countries and offices are text a screen reader
reads in order, a search engine indexes and a phone wraps; a drawing of empty boxes carried nothing more.
"""

from dataclasses import dataclass
from typing import Any

from pelican.plugins.explainer.checks.errors import mistake
from pelican.plugins.explainer.extras import facts_of, of
from pelican.plugins.explainer.model.schema import suggestion
from pelican.plugins.explainer.reading.footnotes import parse_footnote
from pelican.plugins.explainer.reading.text import repeated, single_line, split_list

FEWEST_PEOPLE = 2  # a row of one person is a portrait, not a row
KEYS = ("people-row", "people-row-source", "people-row-caption")


@dataclass(frozen=True)
class Person:
    """One entry of the row: the glossary entity, its office, and its country entity (None when it names none)."""

    entity: Any
    office: str
    country: Any


@dataclass(frozen=True)
class PeopleRow:
    """What a template needs to show an article's row of people: the people in the source's order, the caption
    and the source line."""

    people: tuple[Person, ...]
    caption: str
    publication: str
    title: str
    url: str


def mistakes(content, glossary):
    """An unknown slug, a person with no Office, a source that is none of the article's footnotes, and a
    row with no caption or no source."""
    if not content.metadata.get("people-row") and not any(content.metadata.get(key) for key in KEYS[1:]):
        return []
    path, found = content.source_path, []
    slugs = [slug.lower() for slug in split_list(content.metadata.get("people-row", ""))]
    if len(slugs) < FEWEST_PEOPLE:
        found.append(
            mistake(
                path,
                "People-row needs two or more glossary slugs, in the order the source gives — e.g. `People-row: sergei-shoigu, kim-jong-un, li-hongzhong`",
                key="people-row" if slugs else KEYS[1],
            )
        )
    for slug in slugs:
        if slug not in glossary:
            found.append(
                mistake(
                    path, f"People-row names {slug!r}, which is not in glossary/ — {suggestion(slug, glossary)}", key="people-row"
                )
            )
        elif not glossary[slug].value("office"):
            found.append(
                mistake(
                    path,
                    f"People-row names {slug!r}, whose glossary entry has no Office — add `Office: …` to {glossary[slug].relative_source_path}",
                    key="people-row",
                )
            )
    found += [
        mistake(path, f"People-row names {slug!r} twice — list each person once, in the order the source gives", key="people-row")
        for slug in repeated(slugs)
    ]
    label = single_line(content.metadata.get("people-row-source", ""))
    facts = facts_of(content)
    labels = facts.footnotes if facts else {}
    if not label:
        found.append(
            mistake(
                path,
                "a People-row needs its source — add `People-row-source: <footnote label>` naming one of this article's footnotes",
                key="people-row",
            )
        )
    elif label not in labels:
        found.append(
            mistake(
                path,
                f"People-row-source names [^{label}], which is not a footnote of this article — {suggestion(label, labels)}",
                key="people-row-source",
            )
        )
    if not single_line(content.metadata.get("people-row-caption", "")):
        found.append(
            mistake(
                path,
                "a People-row needs a caption that says what the source tells (and what it does not, e.g. left and right) — add `People-row-caption: …`",
                key="people-row",
            )
        )
    return found


def attach(contents, glossary, in_lang, settings):
    """Give each article with a People-row its row (content.explainer.people_row). `in_lang(kind, slug, lang)` is
    Site.in_lang: each person's country in the article's language, whose flag maps.attach has set."""
    for content in contents:
        slugs = [slug.lower() for slug in split_list(content.metadata.get("people-row", ""))]
        if not slugs:
            continue
        people = tuple(person(glossary[slug], in_lang, content.lang) for slug in slugs)
        label = single_line(content.metadata["people-row-source"])
        citation = parse_footnote(facts_of(content).footnotes[label], settings)
        of(content).people_row = PeopleRow(
            people,
            single_line(content.metadata["people-row-caption"]),
            citation.publication,
            citation.title,
            citation.url,
        )


def person(entity, in_lang, lang) -> Person:
    """One entry: the entity's office and the country its `Country:` names (checked by schema.py), if any."""
    kind, slug = entity.entity_type.references.get("country"), entity.value("country").lower()
    return Person(entity, entity.value("office"), in_lang(kind, slug, lang) if kind and slug else None)
