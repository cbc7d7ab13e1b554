"""Settings of this explainer site (made by pelican-explainer-new-site)."""

SITENAME = {title!r}
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
THEME = "theme"
PLUGINS = ["explainer"]

ARTICLE_URL = "articles/{{slug}}/"
ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
FEED_ALL_ATOM = None  # feeds need an absolute SITEURL: turn them on when you publish
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
FORMATTED_FIELDS = []  # titles and summaries are plain text

# The explainer plugin's policy for this site.
EXPLAINER_MIN_SOURCES = 1
EXPLAINER_ARTICLE_REQUIRED = ("summary", "countries")
