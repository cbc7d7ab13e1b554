"""Long cache for assets: every style, script and icon a page names has a content-hashed name (asset_url),
so deploy/nginx.conf may send it as immutable for a year; a changed file gets a new name, an unchanged one
keeps its own, and a template that names a missing asset is a path:line error. (How nginx sends them, and
Lighthouse's cache audit, are checked in test_nginx_e2e.py and test_quality_gates.py.)"""

import hashlib
import re
import shutil
from urllib.parse import urlsplit

from conftest import ROOT, article, build, make_site, term

HASHED = re.compile(r"(?P<stem>.+)\.(?P<hash>[0-9a-f]{8})(?P<ext>\.\w+)")


def named_assets(page):
    """{plain name: hashed URL path} of the theme's files a page links to: stylesheets, icon, scripts."""
    urls = [
        tag.get("href") or tag.get("src")
        for tag in page.select("link[href][rel~=stylesheet], link[href][rel~=icon], script[src]")
    ]
    paths = [urlsplit(url).path for url in urls if urlsplit(url).path.startswith("/theme/")]
    named = {}
    for path in paths:
        match = HASHED.fullmatch(path)
        assert match, f"{path} has no content hash in its name"
        named[match["stem"] + match["ext"]] = path
    return named


def small_site(tmp_path):
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM flew.")})
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    return content, theme


def test_pages_name_each_asset_by_the_hash_of_the_bytes_they_get(real_site):
    named = named_assets(real_site.html("search/")) | named_assets(real_site.html("articles/victory-day-parade-2023/"))
    assert set(named) == {"/theme/css/site.css", "/theme/favicon.svg", "/theme/explainer/popover.js", "/theme/js/search.js"}
    sources = {
        "/theme/css/site.css": ROOT / "theme/static/css/site.css",
        "/theme/favicon.svg": ROOT / "theme/static/favicon.svg",
        "/theme/js/search.js": ROOT / "theme/static/js/search.js",
        "/theme/explainer/popover.js": ROOT / "plugins/explainer/pelican/plugins/explainer/static/popover.js",
    }
    for plain, hashed in named.items():
        data = (real_site.output / hashed.lstrip("/")).read_bytes()
        assert data == sources[plain].read_bytes(), f"{hashed} is not the published {plain}"
        assert HASHED.fullmatch(hashed)["hash"] == hashlib.sha256(data).hexdigest()[:8]
        # the plain copy stays, for a stylesheet's url() or an old link
        assert (real_site.output / plain.lstrip("/")).read_bytes() == data


def test_an_edited_asset_gets_a_new_name_and_the_others_keep_theirs(tmp_path):
    content, theme = small_site(tmp_path)
    settings = {"THEME": str(theme)}
    before = named_assets(build(content, tmp_path / "one", extra_settings=settings).html("articles/a/"))
    with open(theme / "static/css/site.css", "a", encoding="utf-8") as css:
        css.write("\n/* edited */\n")
    # a theme's own copy of the plugin's script is the one published, and named by its own hash
    (theme / "static/explainer").mkdir()
    (theme / "static/explainer/popover.js").write_text("// the theme's own popover\n", encoding="utf-8")
    second = build(content, tmp_path / "two", extra_settings=settings)
    after = named_assets(second.html("articles/a/"))
    assert after["/theme/css/site.css"] != before["/theme/css/site.css"]
    assert after["/theme/favicon.svg"] == before["/theme/favicon.svg"], "an unchanged file keeps its name and cache"
    popover = second.output / after["/theme/explainer/popover.js"].lstrip("/")
    assert popover.read_text(encoding="utf-8") == "// the theme's own popover\n"


def test_a_template_naming_a_missing_asset_fails_the_build_at_its_line(tmp_path):
    content, theme = small_site(tmp_path)
    base = theme / "templates/base.html"
    lines = base.read_text(encoding="utf-8").split("\n")
    number = next(n for n, line in enumerate(lines, start=1) if "'css/site.css'|asset_url" in line)
    base.write_text("\n".join(lines).replace("'css/site.css'|asset_url", "'css/sites.css'|asset_url"), encoding="utf-8")
    site = build(content, tmp_path / "output", check=False, extra_settings={"THEME": str(theme)})
    assert site.returncode == 1
    assert f"{base}:{number}: asset_url: 'css/sites.css' is not a file of the theme's static folders" in site.log, site.log
    assert "Traceback" not in site.log
