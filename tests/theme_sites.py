"""Tiny sites built with the plugin in other themes: Pelican's own two and two from PyPI (pinned in
requirements.txt). Each site has nothing of the plugin's but `PLUGINS = ["explainer"]` and what its theme asks
for (THEME). Built in this interpreter with Pelican's API (the plugin's tests/pelican_site.py), for the browser
tests (test_themes_browser.py) and `make screenshots`."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins" / "explainer" / "tests"))
from pelican_site import PLAIN_SETTINGS, make_site, pelican, write  # noqa: E402

# theme → (the THEME line of its pelicanconf.py, the selector of the column its base.html gives a page's
# content, measured on the theme's own article page)
THEMES = {
    "notmyidea": ('THEME = "notmyidea"', "#content"),
    "simple": ('THEME = "simple"', "main"),
    "reflex": ('from pelican.themes import reflex\nTHEME = reflex.path()\nAUTHOR = "The desk"\nCC_LICENSE = {}', "main article"),
    "engineering": (
        "import pelican_engineering_theme\nTHEME = str(pelican_engineering_theme.get_theme_path())",
        "main",
    ),
}

NOTE = '[^r]: Reuters, "Three capitals", 1 May 2024, <https://www.reuters.com/world/three-capitals/>'
FILES = {
    "glossary/icbm.md": "Title: ICBM\nAliases: ICBMs\nSummary: A missile that can fly more than 5,500 km.\n\n"
    "An intercontinental ballistic missile.\n",
    "glossary/armistice.md": "Title: armistice\nSummary: An agreement to stop fighting.\n\nA truce, not a peace treaty.\n",
    "countries/ruritania.md": "Title: Ruritania\nSummary: A kingdom in the story.\n"
    "Relations: borduria | rival | 1990 | A long quarrel. | Reuters\n"
    "    syldavia | ally | 2001 | A treaty. | Reuters\n\nA small kingdom.\n",
    "countries/borduria.md": "Title: Borduria\nSummary: Its neighbour.\n"
    "Relations: ruritania | rival | 1990 | A long quarrel. | Reuters\n\nA larger neighbour.\n",
    "countries/syldavia.md": "Title: Syldavia\nSummary: A friend of Ruritania.\n"
    "Relations: ruritania | ally | 2001 | A treaty. | Reuters\n\nA mountain kingdom.\n",
    "news/launch.md": "Title: The launch\nDate: 2024-05-01\nCategory: news\n\n"
    "Ruritania tested an ICBM; Borduria asked for an armistice, and Syldavia said nothing.[^r] "
    + "The story went on for weeks. " * 40
    + f"\n\n{NOTE}\n",
}
RELATIONS = 'EXPLAINER_RELATION_TYPES = {"rival": {}, "ally": {}}\n'

# name → the address of one of the plugin's pages in a tiny site
PLUGIN_PAGES = {
    "countries": "countries/index.html",
    "country": "countries/ruritania/index.html",
    "term": "glossary/icbm/index.html",
    "sources": "sources/index.html",
}
ARTICLE = "the-launch.html"  # the theme's own article page, with term links


def build_theme_site(theme, root):
    """FILES built with `theme`: (exit status, log, output folder)."""
    root = Path(root)
    content = make_site(root, FILES)
    settings = write(root / "pelicanconf.py", f"{PLAIN_SETTINGS}{RELATIONS}{THEMES[theme][0]}\n")
    status, log = pelican(content, settings, root / "output")
    return status, log, root / "output"
