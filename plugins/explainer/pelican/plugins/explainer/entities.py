"""Glossary terms and countries: authored Markdown files with names the linker finds in articles.

Both are read with Pelican's own readers, so Markdown, metadata and `{filename}` links behave exactly
as in articles. An entity's names are its title and its aliases; each name carries its own case rule.
"""

import html
import os
import re
import unicodedata
from dataclasses import dataclass

from pelican.contents import Content

from .errors import metadata_line, mistake, read_failure
from .matcher import fold

_YES = {"yes", "true", "on", "1"}
_NO = {"no", "false", "off", "0"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Name:
    """One way an entity is written in running text."""

    text: str
    case_sensitive: bool


class Entity(Content):
    """An authored entity page; `url_prefix` picks the <PREFIX>_URL / <PREFIX>_SAVE_AS settings."""

    url_prefix = None
    mandatory_properties = ("title",)

    def __init__(self, content, metadata=None, settings=None, source_path=None, context=None):
        metadata = dict(metadata or {})
        # The file name is the slug, so that `Country: north-korea` and links are predictable.
        metadata.setdefault("slug", os.path.splitext(os.path.basename(source_path))[0])
        super().__init__(content, metadata, settings, source_path, context)
        self.mentions = {}  # article → number of mentions, filled by the linker

    def _expand_settings(self, key, klass=None):
        return super()._expand_settings(key, klass or self.url_prefix)

    @property
    def key(self):
        """Unique across kinds (a term and a country may share a slug): "glossary:icbm"."""
        return f"{self.url_prefix.lower()}:{self.slug}"

    @property
    def other_names(self):
        return split_list(self.metadata.get("aliases", ""))

    @property
    def plain_summary(self):
        return single_line(self.metadata.get("summary", ""))

    def names(self):
        """Title and aliases, each with its case rule (Match-case, else capitals match exactly)."""
        rule = str(self.metadata.get("match-case", "")).strip().lower()
        result = []
        for text in [str(self.title).strip(), *self.other_names]:
            exact = rule in _YES if rule else is_all_capitals(text)
            result.append(Name(text, exact))
        return result

    def mentioning_articles(self):
        """(article, count) newest first: the "Mentioned in" list."""
        return sorted(self.mentions.items(), key=lambda item: item[0].date, reverse=True)


class Term(Entity):
    url_prefix = "GLOSSARY"
    default_template = "term"
    template_variable = "term"

    @property
    def category_name(self):
        return str(self.metadata.get("category", "")).strip().lower()

    @property
    def country_slug(self):
        return str(self.metadata.get("country", "")).strip().lower()


class Country(Entity):
    url_prefix = "COUNTRY"
    default_template = "country"
    template_variable = "country"
    link_class = "term-country"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.relations = []  # Relation objects this country declares, set once all countries are known
        self.people = []  # glossary terms whose Country is this one
        self.subject_of = set()  # articles whose Countries metadata names this one

    @property
    def iso_codes(self):
        return split_list(self.metadata.get("iso", ""))

    def explainers(self):
        """(article, "main subject" or "mention") for every article about this country, newest first."""
        articles = set(self.subject_of) | set(self.mentions)
        return [(article, "main subject" if article in self.subject_of else "mention")
                for article in sorted(articles, key=lambda article: article.date, reverse=True)]

    def delegates(self):
        """People of this country at the parade: glossary terms that carry a Delegation line."""
        return [person for person in self.people if person.metadata.get("delegation")]


def iso_mistakes(countries):
    """ISO codes must be two and three capital letters, and belong to one country only."""
    found, owners = [], {}
    for country in countries:
        codes = country.iso_codes
        if len(codes) != 2 or not re.fullmatch(r"[A-Z]{2}", codes[0]) or not re.fullmatch(r"[A-Z]{3}", codes[1]):
            found.append(mistake(country.source_path, "ISO must be the alpha-2 and alpha-3 codes, e.g. `ISO: KP, PRK`", key="iso"))
        for code in codes:
            if code in owners:
                found.append(mistake(country.source_path, f"the ISO code {code} is also used by {os.path.relpath(owners[code].source_path)} — each code belongs to one country", key="iso"))
            owners.setdefault(code, country)
    return found


def split_list(value):
    """`a, b, c` (or a list of such lines) as a list of stripped, non-empty items."""
    lines = value if isinstance(value, list) else [value]
    return [item.strip() for line in lines for item in str(line).split(",") if item.strip()]


def plain_text(value):
    """Text without markup, for tooltips, attributes and meta tags (escaped by the templates)."""
    text = re.sub(r"<[^>]*>", "", str(value))
    return " ".join(html.unescape(text).split())


def single_line(value):
    """A metadata value as one line of text; any markup in it is text, escaped where it is shown."""
    return " ".join(str(value).split())


def is_all_capitals(text):
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def has_letter_or_digit(text):
    return any(unicodedata.category(c)[0] in "LN" for c in text)


def load(readers, content_path, folder, content_class, context):
    """Read every Markdown file under `folder` (relative to `content_path`) as `content_class`."""
    base = os.path.join(content_path, folder)
    entities, found = [], []
    if not os.path.isdir(base):
        return entities, found
    for directory, _, files in os.walk(base):
        for filename in sorted(files):
            if filename.startswith(".") or not filename.endswith(".md"):
                continue
            path = os.path.join(directory, filename)
            relative = os.path.relpath(path, content_path)
            slug = os.path.splitext(filename)[0]
            if not _SLUG.match(slug):
                found.append(mistake(path, f"the file name {filename!r} is not a usable slug — rename it with lower-case letters, digits and hyphens, e.g. kim-jong-un.md"))
                continue
            try:
                entity = readers.read_file(base_path=content_path, path=relative, content_class=content_class, context=context)
            except Exception as error:  # noqa: BLE001 - the reader's failure is the author's to fix
                found.append(read_failure(path, error))
                continue
            entities.append(entity)
    return entities, found


def name_mistakes(entity, allowed_categories=None):
    """Mistakes in one entity's own metadata: title, summary, names, case rule, category."""
    path = entity.source_path
    found = []
    if not str(entity.metadata.get("title", "")).strip():
        found.append(mistake(path, "missing Title — add `Title: …` as the first line"))
    if not entity.plain_summary:
        found.append(mistake(path, "missing Summary — add `Summary: one plain sentence` (readers see it in the popover)", key="summary"))
    if not plain_text(entity._content or ""):  # not .content: Pelican memoizes it before linking
        found.append(mistake(path, "the definition is empty — write the full definition, with sources, below the metadata"))
    rule = str(entity.metadata.get("match-case", "")).strip().lower()
    if rule and rule not in _YES | _NO:
        found.append(mistake(path, f"Match-case is {rule!r} — use yes or no", key="match-case"))
    for name in entity.names():
        if not has_letter_or_digit(name.text):
            found.append(mistake(path, f"the name {name.text!r} has no letters or digits — remove it from Aliases", key="aliases"))
    if allowed_categories is not None:
        category = str(entity.metadata.get("category", "")).strip().lower()
        if metadata_line(path, "category") is None:
            found.append(mistake(path, f"missing Category — add `Category: …`, one of {', '.join(allowed_categories)}"))
        elif category not in allowed_categories:
            found.append(mistake(path, f"unknown Category {category!r} — use one of {', '.join(allowed_categories)}", key="category"))
    return found


def collision_mistakes(entities):
    """Two entities that claim a name the linker could not tell apart (both files are named)."""
    found = []
    claimed = {}  # folded name → (Name, entity)
    for entity in entities:
        seen_here = set()
        for name in entity.names():
            key = fold(name.text)
            if key in seen_here or not key.strip():
                continue
            seen_here.add(key)
            if key not in claimed:
                claimed[key] = (name, entity)
                continue
            other_name, other = claimed[key]
            if name.case_sensitive and other_name.case_sensitive and name.text != other_name.text:
                continue  # e.g. "NIS" and "Nis", both exact: text tells them apart
            found.append(collision(entity, name, other, other_name))
    return found


def collision(entity, name, other, other_name):
    other_path = os.path.relpath(other.source_path)
    if fold(other_name.text) == fold(str(other.title)):
        what = f"the name {name.text!r} is the title of {other_path}"
    else:
        what = f"the name {name.text!r} is also an alias of {other_path}"
    key = "aliases" if name.text != str(entity.title).strip() else "title"
    return mistake(entity.source_path, f"{what} — each name may belong to one entry only; remove it from one of the two files", key=key)
