"""Development settings: root-relative links, so `make serve` shows the site as it will be published."""

import os

from pelican.plugins.explainer import settings as explainer

_HERE = os.path.dirname(os.path.abspath(__file__))

AUTHOR = "The Victory Day explainer team"
SITENAME = "Victory Day 2023, explained"
SITESUBTITLE = "North Korea's July 2023 parade, its Russian and Chinese guests, and the alliances behind them"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# Content folders, relative to PATH (the content folder given on the command line).
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
IGNORE_FILES = [".*", "__pycache__", "README.md"]  # matched against each file or folder name

# The theme lives beside this file, wherever the content comes from; the plugin is installed (requirements.txt).
THEME = os.path.join(_HERE, "theme")

PLUGINS = ["explainer"]  # it writes sitemap.xml too, reproducibly, and lays out the timeline (Template: timeline)

# The explainer plugin: this site's kinds of entity, and its editorial policy.
EXPLAINER_ENTITY_TYPES = {
    "glossary": {
        "required": ("title", "summary", "category"),
        "choices": {"category": ("weapon", "organisation", "person", "place", "treaty", "event", "concept")},
    },
    "countries": {"required": ("title", "summary", "official-name", "iso", "capital")},
}
EXPLAINER_MIN_SOURCES = 3  # distinct footnoted sources every explainer cites
# At most four term links in one paragraph (issue 13: 11.5 links per 100 words was too dense to read);
# a term past the limit is linked where it is next mentioned. An article may set `Paragraph-link-limit:`.
EXPLAINER_PARAGRAPH_LINK_LIMIT = 4
EXPLAINER_ARTICLE_REQUIRED = ("summary", "countries")
# This site's house rules (the plugin's README, "Editorial policy", says what each protects): every metadata
# key is one the site knows, written once, a Modified is never before its Date, every image has alt text and a
# credit, raw HTML is text, tables and figures only, links are http, https or mailto, nothing loads from another
# site, every footnote is cited and reads `Publication, "Title", date, <URL>` (shown as "Publication, Headline,
# date."), and every file in the content folder is published, of a kind the site serves.
EXPLAINER_KNOWN_KEYS_ONLY = True
EXPLAINER_MODIFIED_AFTER_DATE = True
EXPLAINER_ALT_TEXT = True
EXPLAINER_IMAGE_CREDITS = True
EXPLAINER_HTML_TAGS = explainer.STRICT_HTML_TAGS
EXPLAINER_HTML_ATTRIBUTES = explainer.STRICT_HTML_ATTRIBUTES
EXPLAINER_URL_SCHEMES = explainer.STRICT_URL_SCHEMES
EXPLAINER_LOCAL_RESOURCES = True
EXPLAINER_FOOTNOTE_PATTERN = explainer.CITATION_PATTERN
EXPLAINER_STATIC_EXTENSIONS = explainer.STRICT_STATIC_EXTENSIONS  # images, documents, media, data, fonts
EXPLAINER_UNREAD_FILES = True  # a file nothing reads (an article in the wrong folder) stops the build
EXPLAINER_KEYS_ONCE = True  # a key written twice stops the build
EXPLAINER_NOTES_CITED = True  # every footnote is cited in the text (or in a Relations: or Role: line)
# A way in: the explainers in numbered chapters (each article says `Chapter: N`), the one to read first
# (content/pages/front-door.md says why, on the home page) and three sourced key points each article opens with.
EXPLAINER_CHAPTERS = {
    1: {"title": "What happened", "question": "What North Korea showed on the night of 27 July 2023, and how we know."},
    2: {
        "title": "Who came and why",
        "question": "Who stood beside Kim Jong Un, why they came, and why they were the first guests in years.",
    },
    3: {"title": "What came next", "question": "The alliances and accusations behind the guest list, and where they led."},
}
EXPLAINER_START_HERE = "victory-day-parade-2023"
EXPLAINER_KEY_POINTS = 3
# A country page opens with its role in the story: one sourced `Role:` line per kind, under these headings.
EXPLAINER_ROLE_TYPES = {
    "at-parade": "At the parade",
    "allies": "Allies and partners",
    "adversaries": "Adversaries",
    "accusation": "The key accusation",
}
EXPLAINER_GRAPH_CENTRE = "north-korea"  # the host of the parade sits at the centre of the relations graph
EXPLAINER_THEME_HOOK = False  # theme/templates/base.html includes the plugin's assets itself
EXPLAINER_RESERVED_FOLDERS = ("pagefind/",)  # the search index, written after the build
# Figures from the npm packages `make build` installs (package.json): Natural Earth boundaries, SVG flags.
EXPLAINER_MAP_BOUNDARIES = os.path.join(_HERE, "node_modules", "world-atlas", "countries-50m.json")
EXPLAINER_FLAGS = os.path.join(_HERE, "node_modules", "flag-icons", "flags", "4x3")

ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# Translations (Lang: ko) live under the same scheme, one folder down: /ko/articles/<slug>/.
ARTICLE_LANG_URL = "{lang}/articles/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/articles/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_LANG_URL = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_URL = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = ""
DRAFT_PAGE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"

# Only the pages this site has: no category, tag, author or archive listings.
DIRECT_TEMPLATES = ["index", "404", "search", "robots"]
ROBOTS_SAVE_AS = "robots.txt"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
PAGINATED_TEMPLATES = {}
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""

FEED_ALL_ATOM = None  # publishconf.py turns feeds on: they need an absolute SITEURL
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Titles, summaries and aliases are plain text: escaped everywhere, never interpreted as markup.
FORMATTED_FIELDS = []
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
WITH_FUTURE_DATES = False  # an article dated in the future stays a draft until its date

DEFAULT_PAGINATION = False
SUMMARY_MAX_LENGTH = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.footnotes": {"USE_DEFINITION_ORDER": False},  # numbered in the order they are cited
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

# The source policy (make check lists aggregators and mirrors; the build refuses the unacceptable).
EXPLAINER_UNACCEPTABLE_HOSTS = ("pledgetimes.com", "shroffed.com", "bolnews.com", "tag24.com", "tag24.de", "viewofchina.com")
EXPLAINER_AGGREGATOR_HOSTS = (
    "space-travel.com",
    "spacewar.com",
    "devdiscourse.com",
    "magzter.com",
    "inform.kz",
    "kazinform.kz",
    "yahoo.com",
    "msn.com",
    "nasdaq.com",
    "newsmax.com",
    "newsbreak.com",
    "headtopics.com",
    "ground.news",
)
# Each publication's own site: a note that names one and links another host is a copy that does not say so.
EXPLAINER_PUBLICATION_HOSTS = {
    "Reuters": "reuters.com",
    "Associated Press": ("apnews.com", "ap.org"),
    "Agence France-Presse": "afp.com",
    "Yonhap News Agency": "yna.co.kr",
    "KCNA": ("kcna.kp", "kcna.co.jp"),
    "Xinhua": ("news.cn", "xinhuanet.com"),
    "United Press International": "upi.com",
    "Interfax": ("interfax.ru", "interfax.com"),
    "TASS": ("tass.com", "tass.ru"),
    "Sputnik": ("sputnikglobe.com", "sputniknews.com"),
    "Kyodo News": "kyodonews.net",
    "Bloomberg": "bloomberg.com",
    "CNA": "channelnewsasia.com",
    "The Korea Herald": "koreaherald.com",
    "The Korea Times": "koreatimes.co.kr",
    "Dong-A Ilbo": "donga.com",
    "KBS World": "kbs.co.kr",
    "NHK World-Japan": "nhk.or.jp",
    "NK News": "nknews.org",
    "South China Morning Post": "scmp.com",
    "Global Times": "globaltimes.cn",
    "China Daily": "chinadaily.com.cn",
    "People's Daily": ("people.com.cn", "people.cn"),
    "CGTN": "cgtn.com",
    "The Washington Post": "washingtonpost.com",
    "Newsweek": "newsweek.com",
    "Voice of America": "voanews.com",
    "Al Arabiya": "alarabiya.net",
    "United Nations": "un.org",
    "US Department of Defense": "defense.gov",
    "US Department of State": "state.gov",
}
# `make check` asks for an update of an explainer whose `Covers:` date is older than this many days.
EXPLAINER_STALE_AFTER = 180
EXPLAINER_PUBLICATION_KINDS = {
    **dict.fromkeys(
        (
            "Reuters",
            "Associated Press",
            "Agence France-Presse",
            "Yonhap News Agency",
            "Kyodo News",
            "Jiji Press",
            "Interfax",
            "EFE",
            "Deutsche Presse-Agentur",
            "United Press International",
            "Bloomberg",
        ),
        "wire service",
    ),
    **dict.fromkeys(
        (
            "KCNA",
            "Voice of Korea",
            "Rodong Sinmun",
            "Xinhua",
            "People's Daily",
            "CGTN",
            "China Daily",
            "Global Times",
            "TASS",
            "Sputnik",
            "RT",
            "Peking Review",
            "PLA Daily",
            "China Military Online",
        ),
        "state media",
    ),
    **dict.fromkeys(
        (
            "US Department of Defense",
            "US Department of State",
            "UK Parliament (Hansard)",
            "The White House",
            "Ministry of Foreign Affairs of the People's Republic of China",
            "Ministry of Foreign Affairs of China",
            "Office of the Historian",
        ),
        "government",
    ),
    **dict.fromkeys(("United Nations",), "international organisation"),
    **dict.fromkeys(
        (
            "Lawfare",
            "Iran Watch",
            "Centre for Information Resilience",
            "Carnegie Endowment for International Peace",
            "Wilson Center",
            "38 North",
            "Center for Arms Control and Non-Proliferation",
            "OODA Loop",
        ),
        "research",
    ),
    **dict.fromkeys(
        (
            "KBS World",
            "KBS News",
            "NHK World-Japan",
            "BBC News",
            "Voice of America",
            "Deutsche Welle",
            "CNN",
            "ABC News",
            "CBC News",
            "Al Jazeera",
            "Al Arabiya",
            "CNA",
            "WION",
            "TRT World",
            "NDTV",
            "LBC",
        ),
        "broadcaster",
    ),
    **dict.fromkeys(
        (
            "The Washington Post",
            "The Straits Times",
            "The Korea Herald",
            "Korea JoongAng Daily",
            "Dong-A Ilbo",
            "South China Morning Post",
            "The Times",
            "The Moscow Times",
            "Philippine Daily Inquirer",
            "The Indian Express",
            "Los Angeles Times",
            "The New York Times",
            "Hindustan Times",
            "The Hamilton Spectator",
            "Daily Maverick",
        ),
        "newspaper",
    ),
    **dict.fromkeys(
        ("Newsweek", "Axios", "NK News", "Shephard Media", "The Christian Science Monitor", "The Week", "The Daily Beast"),
        "news magazine or site",
    ),
}
