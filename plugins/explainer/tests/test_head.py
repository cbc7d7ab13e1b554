"""The plugin's assets reach a page's head whatever blocks its theme has (head.py): added before the head ends
when the theme left them out, never twice, every other byte as the theme wrote it; and a whole site in a theme
of its own with no `head` block gets them on every page, with the theme's own base.html still in charge."""

from pelican_site import PLAIN_FILES, PLAIN_SETTINGS, make_site, pelican, soup, write

from pelican.plugins.explainer.pages.head import names_asset, with_assets

TAGS = '<link rel="stylesheet" href="/theme/explainer/explainer.0123abcd.css">\n<script src="/theme/explainer/popover.89ab4567.js" defer></script>\n'


def render():
    return TAGS


def test_the_tags_go_just_before_the_head_ends_and_nothing_else_moves():
    page = '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <title>A &amp; B</title>\n  </head>\n  <body><p>Héllo</p></body>\n</html>\n'
    changed = with_assets(page, render)
    assert changed == page.replace("  </head>", f"  {TAGS.strip()}\n</head>", 1)


def test_a_head_without_its_end_tag_ends_where_the_body_starts():
    page = "<html><head><meta charset=utf-8>\n<title>t</title>\n<body><p>text</p>"
    assert with_assets(page, render) == page.replace("<body>", f"{TAGS.strip()}\n<body>")


def test_a_page_that_links_either_asset_is_left_alone():
    for linked in (
        '<link rel="stylesheet" href="../theme/explainer/explainer.0123abcd.css" />',
        '<script src="https://example.org/theme/explainer/popover.js?v=2"></script>',
    ):
        page = f"<html><head>{linked}</head><body></body></html>"
        assert with_assets(page, render) is None


def test_links_in_the_body_or_to_other_files_do_not_count():
    page = (
        '<html><head><link rel="stylesheet" href="/theme/css/explainer.css"><script src="/popover.js"></script></head>'
        '<body><link rel="stylesheet" href="/theme/explainer/explainer.css"></body></html>'
    )
    assert with_assets(page, render) == page.replace("</head>", f"{TAGS.strip()}\n</head>")


def test_the_plugins_files_are_known_by_their_plain_or_hashed_names_only():
    name = "explainer/explainer.css"
    for path in ("explainer/explainer.css", "/theme/explainer/explainer.css", "/s/explainer/explainer.0123abcd.css"):
        assert names_asset(path, name), path
    for path in ("/theme/my-explainer/explainer.css", "/explainer/explainer.012345.css", "/explainer/explainer.0123abcg.css"):
        assert not names_asset(path, name), path


def test_what_is_not_an_html_page_is_not_touched():
    assert with_assets("User-agent: *\nAllow: /\n", render) is None


HEADLESS_BASE = """<!DOCTYPE html>
<html lang="{{ DEFAULT_LANG }}">
<head><meta charset="utf-8"><title>{% block title %}{{ SITENAME }}{% endblock %}</title></head>
<body><main class="column">{% block content %}{% endblock %}</main></body>
</html>
"""


def test_a_theme_with_no_head_block_gets_the_assets_on_every_page_and_keeps_its_own_base(tmp_path):
    """A theme's base.html with no `head` block, and a site whose own override of base.html (THEME_TEMPLATES_OVERRIDES)
    must win: the plugin no longer puts a base.html of its own in front of either."""
    theme = tmp_path / "theme"
    write(theme / "templates" / "base.html", HEADLESS_BASE)
    for name in ("index", "article", "page", "archives", "tags", "categories", "authors", "category", "tag", "author"):
        write(theme / "templates" / f"{name}.html", '{% extends "base.html" %}')
    write(theme / "templates" / "article.html", '{% extends "base.html" %}{% block content %}{{ article.content }}{% endblock %}')
    override = tmp_path / "overrides"
    write(override / "base.html", HEADLESS_BASE.replace('class="column"', 'class="column own"'))
    content = make_site(tmp_path, PLAIN_FILES)
    settings = write(
        tmp_path / "pelicanconf.py",
        f"{PLAIN_SETTINGS}THEME = {str(theme)!r}\nTHEME_TEMPLATES_OVERRIDES = [{str(override)!r}]\n"
        'EXPLAINER_RELATION_TYPES = {"rival": {}}\n',
    )
    code, log = pelican(content, settings, tmp_path / "output")
    assert code == 0 and "ERROR" not in log, log
    pages = sorted((tmp_path / "output").rglob("*.html"))
    assert len(pages) > 5
    for path in pages:
        page = soup(path)
        assert len(page.select('head link[href*="/explainer/explainer."]')) == 1, path
        assert len(page.select('head script[src*="/explainer/popover."]')) == 1, path
        assert page.select_one("main.column.own"), path  # the site's own base.html, not one of the plugin's
    article = soup(tmp_path / "output" / "the-launch.html")
    assert article.select_one('a.term[data-term="glossary:icbm"]')
