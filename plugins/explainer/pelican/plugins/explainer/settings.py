"""The plugin's settings, all under the EXPLAINER_ prefix, with their defaults; read and checked once.

Kinds of entity are declared in EXPLAINER_ENTITY_TYPES, one entry per kind: where its files are, where
its pages go (URL and SAVE_AS patterns, as Pelican's own ARTICLE_URL / ARTICLE_SAVE_AS), its templates,
the class of its links, whether its names are linked in text, and its metadata schema. A site adds a
kind with settings and, if it wants its own look, a template: no Python.
"""

import difflib
import os
import re
from dataclasses import dataclass, field, replace
from typing import Any

Settings = dict[str, Any]  # a build's settings, as Pelican reads them from pelicanconf.py

# Keys every content file may carry, whatever its kind (Pelican's own, and the linker's).
COMMON_KEYS = (
    "title",
    "slug",
    "lang",
    "translation",
    "status",
    "template",
    "summary",
    "aliases",
    "match-case",
    "images",
)  # images: caption, credit and licence of each image shown (figures.py)

ENTITY_TYPE_DEFAULTS: dict[str, dict[str, Any]] = {
    "glossary": {
        "template": "term",
        "index_template": "glossary",
        "variable": "term",
        "label": "Glossary",
        "link_class": "term",
        "optional": ("category", "country", "delegation", "office"),
        "references": {"country": "countries"},
    },
    "countries": {
        "template": "country",
        "index_template": "countries",
        "variable": "country",
        "label": "Countries",
        "link_class": "term term-country",
        "optional": ("official-name", "iso", "capital", "relations"),
        "relations": True,
        "roles": True,
        "article_key": "countries",
    },
}

DEFAULTS: Settings = {
    "EXPLAINER_ENTITY_TYPES": ENTITY_TYPE_DEFAULTS,
    "EXPLAINER_ADVICE": True,  # log what `make check` lists (unused entries, one-sided relations, mirrors)
    # Add the plugin's styles and script to each written page whose head lacks them (head.py; False: leave every page as the theme wrote it).
    "EXPLAINER_THEME_HOOK": True,
    "EXPLAINER_AUTOLINK": True,  # False: mentions are still counted, nothing is linked
    "EXPLAINER_LINK_ALL": False,  # True: every mention is linked, not only the first on a page
    "EXPLAINER_LINK_LIMIT": None,  # the most entity links on one page (metadata `Link-limit:` per page)
    # The most entity links in one paragraph or list item (metadata `Paragraph-link-limit:` per page): a
    # name past the limit is linked at its next mention instead, so a dense opening stays readable.
    "EXPLAINER_PARAGRAPH_LINK_LIMIT": None,
    "EXPLAINER_MIN_SOURCES": 0,  # distinct footnoted sources every article must cite
    "EXPLAINER_ARTICLE_REQUIRED": (),  # metadata every article must have, e.g. ("summary",)
    "EXPLAINER_SOURCES_URL": "sources/",
    "EXPLAINER_SOURCES_SAVE_AS": "sources/index.html",
    # Pages with this Template: are timelines (timeline.py): eras, dated events, their countries.
    "EXPLAINER_TIMELINE_TEMPLATE": "timeline",
    # Worker processes that convert Markdown beside the build (workers.py): None, one per core; 0, none.
    "EXPLAINER_WORKERS": None,
    "EXPLAINER_SHARE_CARDS_PATH": "cards",  # where the share cards (og:image) are drawn, in the output
    # The corrections log: every `Corrections:` line of the site, newest first ("" for no page).
    "EXPLAINER_CORRECTIONS_URL": "corrections/",
    "EXPLAINER_CORRECTIONS_SAVE_AS": "corrections/index.html",
    "EXPLAINER_REPORT_URL": "",  # where readers report a mistake (a form, an issue tracker, a mailto: address)
    # A footnote's parts (a regular expression with the groups publication, title, date and url), e.g.
    # CITATION_PATTERN; None: notes are shown as written and listed whole on the Sources page.
    "EXPLAINER_FOOTNOTE_PATTERN": None,
    "EXPLAINER_VIA": (" via ",),  # "Reuters via Yahoo News" is listed under Reuters
    "EXPLAINER_UNACCEPTABLE_HOSTS": (),  # hosts a footnote may not cite: the build stops
    "EXPLAINER_AGGREGATOR_HOSTS": (),  # aggregators and mirrors: `make check` asks for the original
    "EXPLAINER_PUBLICATION_KINDS": {},  # publication → its kind, shown on the Sources page
    # publication → its own host or hosts: a note naming it that links another host is a copy not saying so
    "EXPLAINER_PUBLICATION_HOSTS": {},
    "EXPLAINER_STALE_AFTER": None,  # days after an article's `Covers:` date that `make check` asks for an update
    "EXPLAINER_RELATION_TYPES": {  # type → its line in the graph: dash pattern, width, and the words for it
        "ally": {"dash": "", "width": 4, "label": "ally", "pattern": "solid line"},
        "partner": {"dash": "10 6", "width": 3, "label": "partner", "pattern": "dashed line"},
        "adversary": {"dash": "2 5", "width": 3, "label": "adversary", "pattern": "dotted line"},
        "at-war": {"dash": "14 4 3 4", "width": 4, "label": "at war", "pattern": "dash-dot line"},
        "neutral": {"dash": "1 9", "width": 2, "label": "neutral", "pattern": "sparse dots"},
    },
    # Kinds of `Role:` line (`kind | what it did [^note]`), in the order a page shows them, with their headings.
    "EXPLAINER_ROLE_TYPES": {
        "at-event": "At the event",
        "allies": "Allies and partners",
        "adversaries": "Adversaries",
        "accusation": "The key accusation",
    },
    "EXPLAINER_GRAPH_CENTRE": None,  # the slug at the relations graph's centre; None: the one with most relations
    # Figures (maps.py): None draws no maps and shows no flags, so a site without these files still builds.
    "EXPLAINER_MAP_BOUNDARIES": None,  # a world-atlas countries TopoJSON file, e.g. …/world-atlas/countries-50m.json
    "EXPLAINER_MAP_FOLDER": "maps/",  # where the map SVG files are written in the output
    "EXPLAINER_MAP_SOURCE": "Natural Earth via world-atlas",  # the source line under every map
    "EXPLAINER_FLAGS": None,  # a folder of SVG flags named by ISO alpha-2 code, e.g. …/flag-icons/flags/4x3
    "EXPLAINER_PEOPLE_KIND": "glossary",  # the kind whose slugs a `People-row:` names (people_row.py)
    "EXPLAINER_SITEMAP_SAVE_AS": "sitemap.xml",  # None: no sitemap
    "EXPLAINER_SITEMAP_EXCLUDE": ("404.html", "robots.txt"),  # output paths search engines need not see
    # Bounded work (limits.py): a document past one of these is a mistake on its line, found before it is converted.
    "EXPLAINER_MAX_FILE_SIZE": 8_000_000,  # bytes of one article, page or entry (None: no limit)
    "EXPLAINER_MAX_NESTING": 20,  # lists and quotes inside each other
    "EXPLAINER_MAX_FOOTNOTES": 500,  # footnote definitions in one document
    "EXPLAINER_MAX_CITATIONS": 2000,  # footnote citations in one document (Python-Markdown slows down as their square)
    "EXPLAINER_STRINGS": {},  # {lang: {English text: translation}}: the words the plugin's templates show (i18n.py)
    "EXPLAINER_CONTENT_KEYS": (),  # metadata keys a site's articles and pages may carry besides Pelican's and the plugin's
    # A way in (wayin.py). Chapters: {1: {"title": "What happened", "question": "What did …?"}, …}; an article
    # names its own with `Chapter: 1`. None: no chapters, and `Chapter:` is an unknown key.
    "EXPLAINER_CHAPTERS": None,
    "EXPLAINER_START_HERE": None,  # the Slug of the article every other one links back to
    "EXPLAINER_KEY_POINTS": None,  # how many `Key-points:` lines an article gives (None: any number)
    "EXPLAINER_RESERVED_FOLDERS": (),  # output folders other tools write (e.g. "pagefind/"): no page may land there
    # The kinds of file a site serves from its static folders (e.g. STRICT_STATIC_EXTENSIONS); anything else
    # there is a mistake. None: any.
    "EXPLAINER_STATIC_EXTENSIONS": None,
    # Names too common to link: a title or alias that is one of these (or a single letter) is a mistake.
    "EXPLAINER_COMMON_WORDS": (
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "it",
        "its",
        "be",
        "was",
        "were",
        "are",
        "this",
        "that",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "not",
        "but",
        "if",
        "so",
        "no",
        "yes",
        "all",
        "one",
        "new",
        "said",
        "says",
        "also",
        "more",
        "up",
        "out",
        "who",
        "what",
        "when",
        "which",
    ),
    # House rules (README, "Editorial policy"): each off by default, so a site that adds the plugin builds what
    # plain Pelican builds; a newsroom turns on those it wants.
    "EXPLAINER_KNOWN_KEYS_ONLY": False,  # True: a metadata key neither Pelican nor the plugin reads stops the build
    "EXPLAINER_MODIFIED_AFTER_DATE": False,  # True: a Modified earlier than the Date written beside it stops the build
    "EXPLAINER_ALT_TEXT": False,  # True: every image of the site's own needs alt text
    "EXPLAINER_IMAGE_CREDITS": False,  # True: every image needs an `Images:` line (caption, credit, licence)
    # Raw HTML an author may type (checked with nh3), and the attributes it may carry ({element: names}, "*": any
    # element); None: any, but what runs code (script, event handlers, frames) — see STRICT_HTML_TAGS.
    "EXPLAINER_HTML_TAGS": None,
    "EXPLAINER_HTML_ATTRIBUTES": None,
    "EXPLAINER_URL_SCHEMES": None,  # the schemes a link may use, e.g. ("http", "https", "mailto"); None: any safe one
    "EXPLAINER_LOCAL_RESOURCES": False,  # True: an image, video or audio loaded from another site stops the build
    "EXPLAINER_UNREAD_FILES": False,  # True: a file in the content folder that nothing reads stops the build
    "EXPLAINER_KEYS_ONCE": False,  # True: a metadata key written twice in one file stops the build
    "EXPLAINER_NOTES_CITED": False,  # True: a footnote defined but never cited stops the build
}
# The house rules this plugin's first site keeps, for a site to turn on by name (README, "Editorial policy").
# A footnote that reads `Publication, "Title", date, <URL>`.
CITATION_PATTERN = r'^(?P<publication>[^,"“]+?),\s*["“](?P<title>[^"”]+)["”],?\s*(?P<date>[^<]*?)[\s,.]*(?:<?(?P<url>https?://[^\s>]+)>?)?[\s.]*$'
STRICT_URL_SCHEMES = ("http", "https", "mailto")
# Raw HTML for text, tables and figures, and nothing that draws, embeds, or takes its look from the page.
STRICT_HTML_TAGS = (
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "colgroup",
    "col",
    "abbr",
    "details",
    "summary",
    "span",
    "div",
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "small",
    "sub",
    "sup",
    "mark",
    "q",
    "cite",
    "blockquote",
    "code",
    "pre",
    "kbd",
    "samp",
    "var",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "img",
    "time",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
)
STRICT_HTML_ATTRIBUTES = {
    "*": ("class", "id", "lang", "title", "dir"),
    "a": ("href", "hreflang"),
    "img": ("src", "alt", "width", "height", "loading"),
    "abbr": ("title",),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan", "scope"),
    "time": ("datetime",),
    "ol": ("start",),
    "q": ("cite",),
    "blockquote": ("cite",),
}
# Images, documents, media, data and fonts: what a site serves from its static folders, and no editor's backup.
STRICT_STATIC_EXTENSIONS = (
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    ".svg",
    ".ico",
    ".pdf",
    ".mp3",
    ".mp4",
    ".webm",
    ".ogg",
    ".csv",
    ".json",
    ".geojson",
    ".woff",
    ".woff2",
    ".txt",
)
# What a setting whose default is None holds when it is set: None, or a value shaped like this.
OR_NONE: Settings = {
    "EXPLAINER_HTML_TAGS": STRICT_HTML_TAGS,
    "EXPLAINER_HTML_ATTRIBUTES": STRICT_HTML_ATTRIBUTES,
    "EXPLAINER_URL_SCHEMES": STRICT_URL_SCHEMES,
    "EXPLAINER_STATIC_EXTENSIONS": STRICT_STATIC_EXTENSIONS,
}
# Line patterns for relation types a site declares without one, so the graph never runs out.
FALLBACK_DASHES = ("6 3 1 3", "12 3", "3 3", "8 2 2 2 2 2", "1 4")


class SettingsError(ValueError):
    """A setting the plugin cannot work with; the message starts with its name and says what to write instead."""

    @property
    def key(self) -> str:
        """The setting's name, read from the start of the message."""
        return str(self).split()[0].split("[")[0]


# What the plugin keeps in the settings under its prefix besides them: the content cache's own folder. What it
# derives from them (Tables) and a build's live objects are in its state (state.py), never in the settings.
INTERNAL_KEYS = frozenset({"EXPLAINER_CACHE_BASE"})


PREFIX_LIKENESS = 0.8  # how alike a setting's first word must be to EXPLAINER to be read as a typo of it

# Settings apply() checks itself with a message of their own.
CHECKED_IN_APPLY = frozenset({"EXPLAINER_ROLE_TYPES", "EXPLAINER_CHAPTERS", "EXPLAINER_ENTITY_TYPES"})


def shape_mistakes(settings: Settings) -> dict[str, str]:
    """{key: message} of every EXPLAINER_ setting the plugin does not know (with the one it is closest to), and
    every value of the wrong kind: a typo or "no" for False would otherwise be silently ignored or read as True."""
    found = {}
    for key in sorted(key for key in settings if key.startswith("EXPLAINER_")):
        value, default = settings[key], DEFAULTS.get(key)
        if key in INTERNAL_KEYS or (value is None and key in OR_NONE):
            continue
        default = OR_NONE.get(key, default)
        if key not in DEFAULTS:
            prefix = len("EXPLAINER_")  # compared without it, which every name shares
            close = difflib.get_close_matches(key[prefix:], [name[prefix:] for name in DEFAULTS], n=1, cutoff=0.75)
            hint = f"did you mean EXPLAINER_{close[0]}?" if close else "remove it, or see the README's list of settings"
            found[key] = f"{key} is not a setting of the explainer plugin — {hint}"
        elif isinstance(default, bool) and not isinstance(value, bool):
            found[key] = f"{key} is {value!r} — write True or False"
        elif isinstance(default, tuple) and not (
            isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(item, str) for item in value)
        ):
            example = f"({value!r},)" if isinstance(value, str) else '("a", "b")'
            found[key] = f"{key} is {value!r} — give a tuple of strings, e.g. {example}"
        elif isinstance(default, dict) and not isinstance(value, dict) and key not in CHECKED_IN_APPLY:
            found[key] = f"{key} is {value!r} — give a dict, as the README shows"
        elif (
            isinstance(default, int)
            and not isinstance(default, bool)
            and not (value is None and key.startswith("EXPLAINER_MAX_"))
            and (isinstance(value, bool) or not isinstance(value, int) or value < 0)
        ):
            found[key] = f"{key} is {value!r} — give a whole number, e.g. {default}"
        elif isinstance(default, str) and not (isinstance(value, str) or (value is None and key.endswith("_SAVE_AS"))):
            found[key] = f"{key} is {value!r} — give a text in quotes, e.g. {default!r}"
    for key in sorted(
        key
        for key in settings
        if key.split("_", 1)[0] != "EXPLAINER"
        and "_" in key
        and difflib.SequenceMatcher(None, key.split("_", 1)[0], "EXPLAINER").ratio() >= PREFIX_LIKENESS
    ):
        found[key] = f"{key} is not a setting of the explainer plugin — did you mean EXPLAINER_{key.split('_', 1)[1]}?"
    pattern = settings.get("EXPLAINER_FOOTNOTE_PATTERN")
    problem = "" if isinstance(pattern, str) or pattern is None else "not a text"
    try:
        re.compile(pattern or "")
    except re.error as error:
        problem = str(error)
    if problem:
        found["EXPLAINER_FOOTNOTE_PATTERN"] = (
            f"EXPLAINER_FOOTNOTE_PATTERN is {pattern!r}, which is not a regular expression ({problem}) — give one with the groups publication, title, date and url, or leave it out"
        )
    return found


@dataclass(frozen=True)
class EntityType:
    """One kind of entity, as declared in EXPLAINER_ENTITY_TYPES."""

    name: str
    path: str
    url: str
    save_as: str
    lang_url: str
    lang_save_as: str
    index_url: str
    index_save_as: str
    lang_index_url: str
    lang_index_save_as: str
    template: str = "entity"
    index_template: str = "entity_index"
    variable: str = "entity"  # the template variable for one entity, besides `entity`
    label: str = ""  # the index page's heading
    link_class: str = "term"
    link: bool = True  # names are linked where the text mentions them
    required: tuple[str, ...] = ("title", "summary")
    optional: tuple[str, ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key → allowed values
    references: dict[str, str] = field(default_factory=dict)  # key → kind of entity whose slug it holds
    relations: bool = False  # the Relations key lists typed relations to entities of the same kind
    roles: bool = False  # the Role key lists its role in the story, one sourced line per EXPLAINER_ROLE_TYPES kind
    article_key: str = ""  # articles name their main entities of this kind under this key

    @property
    def known_keys(self) -> frozenset[str]:
        """Every metadata key an entity of this kind may carry."""
        return (
            frozenset(COMMON_KEYS)
            | set(self.required)
            | set(self.optional)
            | set(self.choices)
            | set(self.references)
            | ({"relations"} if self.relations else set())
            | ({"role"} if self.roles else set())
        )


def declared_kinds(site: object) -> dict[str, dict[str, Any]]:
    """{name: options} of every kind: the defaults (glossary, countries), each changed key by key by the
    site's entry of the same name, plus the site's own kinds; a kind the site sets to None is removed."""
    if not isinstance(site, dict):
        raise SettingsError(
            f'EXPLAINER_ENTITY_TYPES is {site!r} — give a dict of kind → options, e.g. {{"people": {{"template": "person"}}}}'
        )
    merged: dict[str, Any] = {name: {} for name in ENTITY_TYPE_DEFAULTS}
    merged.update(site)
    return {name: config for name, config in merged.items() if config is not None}


def entity_type(name: str, config: object) -> EntityType:
    """An EntityType from one entry of EXPLAINER_ENTITY_TYPES, with patterns derived from its name."""
    if not isinstance(config, dict):
        raise SettingsError(f"EXPLAINER_ENTITY_TYPES[{name!r}] must be a dict of options")
    merged = {
        "path": name,
        "url": f"{name}/{{slug}}/",
        "save_as": f"{name}/{{slug}}/index.html",
        "lang_url": f"{{lang}}/{name}/{{slug}}/",
        "lang_save_as": f"{{lang}}/{name}/{{slug}}/index.html",
        "index_url": f"{name}/",
        "index_save_as": f"{name}/index.html",
        "lang_index_url": f"{{lang}}/{name}/",
        "lang_index_save_as": f"{{lang}}/{name}/index.html",
        "label": name.replace("-", " ").capitalize(),
        **ENTITY_TYPE_DEFAULTS.get(name, {}),
        **config,
    }
    known = set(EntityType.__dataclass_fields__) - {"name"}
    unknown = sorted(set(merged) - known)
    if unknown:
        raise SettingsError(
            f"EXPLAINER_ENTITY_TYPES[{name!r}] has unknown option(s) {', '.join(unknown)} — known: {', '.join(sorted(known))}"
        )
    for option in ("required", "optional"):
        value = merged.get(option, ())
        if not (isinstance(value, (list, tuple)) and all(isinstance(key, str) for key in value)):
            raise SettingsError(
                f"EXPLAINER_ENTITY_TYPES[{name!r}][{option!r}] is {value!r} — give a tuple of keys, e.g. ('title', 'summary')"
            )
    for option in ("choices", "references"):
        if not isinstance(merged.get(option, {}), dict):
            raise SettingsError(
                f"EXPLAINER_ENTITY_TYPES[{name!r}][{option!r}] is {merged[option]!r} — give a dict of key → values"
            )
    kind = EntityType(name=name, **merged)
    return replace(
        kind,
        required=tuple(str(key).lower() for key in kind.required),
        optional=tuple(str(key).lower() for key in kind.optional),
        choices={key.lower(): tuple(str(v).lower() for v in values) for key, values in kind.choices.items()},
        references={key.lower(): value for key, value in kind.references.items()},
    )


def relation_types(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{type: {dash, width, label, pattern}}: every declared type gets a line pattern of its own."""
    result: dict[str, dict[str, Any]] = {}
    spare = iter(FALLBACK_DASHES * 4)
    for kind, declared in dict(config).items():
        style = dict(declared or {})
        if "dash" not in style:
            style["dash"] = next(spare)
            style.setdefault("pattern", f"line {style['dash']}")
        style.setdefault("width", 3)
        style.setdefault("label", kind.replace("-", " "))
        style.setdefault("pattern", "solid line" if not style["dash"] else "patterned line")
        result[kind] = style
    return result


def chapter_table(config: object) -> dict[int, tuple[str, str]]:
    """{number: (title, question)} from EXPLAINER_CHAPTERS, in order ({} for None)."""
    if not config:
        return {}
    if not isinstance(config, dict):
        raise SettingsError('EXPLAINER_CHAPTERS must be a dict: {1: {"title": "What happened", "question": "What did …?"}, …}')
    table = {}
    for number, entry in config.items():
        text = str(number)
        if isinstance(number, bool) or not text.isdigit() or int(text) < 1:
            raise SettingsError(f"EXPLAINER_CHAPTERS has the key {number!r} — number the chapters 1, 2, 3…")
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(key), str) and entry[key].strip() for key in ("title", "question")
        ):
            raise SettingsError(
                f'EXPLAINER_CHAPTERS[{number!r}] needs a title and a question: {{"title": "What happened", "question": "What did …?"}}'
            )
        table[int(text)] = (" ".join(entry["title"].split()), " ".join(entry["question"].split()))
    return dict(sorted(table.items()))


def whole_number_or_none(value: object, least: int) -> bool:
    """None, or an int (not a bool, which Python counts as one) of at least `least`."""
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= least)


def apply(settings: Settings) -> list[str]:
    """Fill in defaults and check the plugin's settings once: raise SettingsError on a value the plugin cannot
    work with; return the messages for settings it does not know or whose kind is wrong, which the build goes on
    without (their defaults in their place), so that those messages come alone."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    shapes = shape_mistakes(settings)
    for key in shapes:
        if key in DEFAULTS:
            settings[key] = DEFAULTS[key]
        else:
            del settings[key]
    types = entity_types(settings)
    added = [name for name in types if name not in ENTITY_TYPE_DEFAULTS]  # a default kind may have no entries yet
    for name in added:
        folder = os.path.join(settings.get("PATH", ""), types[name].path)
        if not os.path.isdir(folder):
            raise SettingsError(
                f"EXPLAINER_ENTITY_TYPES[{name!r}] reads its entries from {types[name].path}/ in the content, which is not a folder — create it with one Markdown file per entry, or set the kind to None to remove it"
            )
    for kind in types.values():
        for key, target in kind.references.items():
            if target not in types:
                raise SettingsError(
                    f"EXPLAINER_ENTITY_TYPES[{kind.name!r}] references {target!r} for {key!r}, which is not a declared kind — declare it or remove the reference"
                )
    for key in ("EXPLAINER_LINK_LIMIT", "EXPLAINER_PARAGRAPH_LINK_LIMIT"):
        value = settings[key]
        if not whole_number_or_none(value, 0):
            raise SettingsError(f"{key} is {value!r} — give a whole number of links, or None for no limit")
    for key in ("EXPLAINER_MAX_FILE_SIZE", "EXPLAINER_MAX_NESTING", "EXPLAINER_MAX_FOOTNOTES", "EXPLAINER_MAX_CITATIONS"):
        if not whole_number_or_none(settings[key], 1):
            raise SettingsError(f"{key} is {settings[key]!r} — give a whole number of at least 1, or None for no limit")
    workers = settings["EXPLAINER_WORKERS"]
    if not whole_number_or_none(workers, 0):
        raise SettingsError(
            f"EXPLAINER_WORKERS is {workers!r} — give a number of worker processes (0 for none), or None for one per core"
        )
    stale = settings["EXPLAINER_STALE_AFTER"]
    if not whole_number_or_none(stale, 1):
        raise SettingsError(f"EXPLAINER_STALE_AFTER is {stale!r} — give a number of days, e.g. 180, or None for no reminder")
    hosts = settings["EXPLAINER_PUBLICATION_HOSTS"]
    for name, own in hosts.items():
        if not (isinstance(own, str) and own) and not (
            isinstance(own, (tuple, list)) and own and all(isinstance(h, str) and h for h in own)
        ):
            raise SettingsError(
                f'EXPLAINER_PUBLICATION_HOSTS[{name!r}] is {own!r} — give the publication\'s host, e.g. "reuters.com", or a tuple of them'
            )
    chapter_table(settings["EXPLAINER_CHAPTERS"])  # raises on a chapter it cannot read
    wanted = settings["EXPLAINER_KEY_POINTS"]
    if not whole_number_or_none(wanted, 1):
        raise SettingsError(f"EXPLAINER_KEY_POINTS is {wanted!r} — give how many key points an article has, e.g. 3, or None")
    boundaries, flags = settings["EXPLAINER_MAP_BOUNDARIES"], settings["EXPLAINER_FLAGS"]
    if boundaries and not os.path.isfile(boundaries):
        raise SettingsError(
            f"EXPLAINER_MAP_BOUNDARIES is {boundaries!r}, which does not exist — install the boundaries (`npm ci` puts world-atlas into node_modules/), or set it to None to draw no maps"
        )
    if flags and not os.path.isdir(flags):
        raise SettingsError(
            f"EXPLAINER_FLAGS is {flags!r}, which is not a folder — install the flags (`npm ci` puts flag-icons into node_modules/), or set it to None to show no flags"
        )
    roles = settings["EXPLAINER_ROLE_TYPES"]
    if not isinstance(roles, dict) or not all(
        isinstance(kind, str) and isinstance(words, str) and words.strip() for kind, words in roles.items()
    ):
        raise SettingsError(f'EXPLAINER_ROLE_TYPES is {roles!r} — give a dict of kind → heading, e.g. {{"allies": "Allies"}}')
    settings["EXPLAINER_ROLE_TYPES"] = {kind.lower(): words for kind, words in roles.items()}
    return list(shapes.values())


def entity_types(settings: Settings) -> dict[str, EntityType]:
    """{kind: EntityType} of the kinds EXPLAINER_ENTITY_TYPES declares, over the defaults."""
    return {name: entity_type(name, config) for name, config in declared_kinds(settings["EXPLAINER_ENTITY_TYPES"]).items()}


@dataclass(frozen=True)
class Tables:
    """What the plugin derives from its checked settings, once per build, kept in the build's state (and handed to
    templates through their context): the kinds of entity, each relation type's line and words, the chapters."""

    types: dict[str, EntityType]
    relations: dict[str, dict[str, Any]]
    chapters: dict[int, tuple[str, str]]

    @classmethod
    def of(cls, settings: Settings) -> "Tables":
        """The tables of settings that apply() has checked."""
        return cls(
            entity_types(settings),
            relation_types(settings["EXPLAINER_RELATION_TYPES"]),
            chapter_table(settings["EXPLAINER_CHAPTERS"]),
        )

    def template_context(self) -> dict[str, Any]:
        """What templates read of them: `entity_types.glossary.index_url`, `relation_types[relation.type].label`."""
        return {"entity_types": self.types, "relation_types": self.relations}
