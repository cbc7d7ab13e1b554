"""Maps and share cards are extras (`pelican-explainer[maps]`, `[cards]`): a site that draws neither never
imports numpy, pyproj, shapely or Pillow, and one that asks for them without the extra is told in one line what
to install, with no traceback. The libraries are made missing in a subprocess of its own, by a finder on
sys.meta_path that refuses them (this interpreter has imported them already) and notes who asked (docutils
tries Pillow for its image directive, and does without). The plain site has no SITEURL, so Pelican's warning
about feeds is left out of its log."""

import json
import subprocess
import sys
from pathlib import Path

from pelican_site import PLAIN_FILES, PLAIN_SETTINGS, make_site, pelican, write

TESTS = Path(__file__).resolve().parent
EXTRA_MODULES = ("numpy", "pyproj", "shapely", "PIL")

# Run in a fresh interpreter: refuse the extras' modules, build the site, report what was asked for.
BUILD_WITHOUT_EXTRAS = """
import importlib.abc, json, sys
sys.path.insert(0, {tests!r})
BLOCKED, asked = {blocked!r}, []

class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            frame = sys._getframe(1)
            while frame.f_code.co_filename.startswith("<frozen") or frame.f_code.co_filename == importlib.__file__:
                frame = frame.f_back
            asked.append([name, frame.f_code.co_filename])  # the module that imports it
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, Missing())
from pelican_site import pelican
status, log = pelican({content!r}, {settings!r}, {output!r})
imported = sorted(name for name in sys.modules if name.split(".")[0] in BLOCKED)
by_plugin = [name for name, importer in asked if "/pelican/plugins/explainer/" in importer]
problems = [line for line in log.splitlines() if not line.startswith("WARNING Feeds generated without SITEURL")]
print(json.dumps({{"status": status, "log": "\\n".join(problems), "by_plugin": by_plugin, "imported": imported}}))
"""

# A theme that draws a share card for every article, as a theme with link previews does.
CARD_TEMPLATE = '{% extends "base.html" %}{% block content %}<img alt="" src="/{{ article.title|share_card }}">{% endblock %}'


def build_without_extras(root, settings_text):
    """The plain site built in a subprocess where the extras' modules cannot be imported: its result as a dict."""
    content = make_site(root, PLAIN_FILES)
    settings = write(root / "pelicanconf.py", PLAIN_SETTINGS + 'EXPLAINER_RELATION_TYPES = {"rival": {}}\n' + settings_text)
    script = BUILD_WITHOUT_EXTRAS.format(
        tests=str(TESTS), blocked=EXTRA_MODULES, content=str(content), settings=str(settings), output=str(root / "output")
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def card_theme(root):
    """THEME_TEMPLATES_OVERRIDES for a theme whose article pages ask for a share card."""
    write(root / "card-theme" / "article.html", CARD_TEMPLATE)
    return f"THEME_TEMPLATES_OVERRIDES = [{str(root / 'card-theme')!r}]\n"


def test_a_site_without_maps_or_cards_never_imports_their_libraries(tmp_path):
    result = build_without_extras(tmp_path, "")
    assert result["status"] == 0 and "ERROR" not in result["log"], result["log"]
    assert result["by_plugin"] == [] and result["imported"] == []
    assert (tmp_path / "output" / "glossary" / "icbm" / "index.html").is_file()


def test_maps_without_the_extra_are_one_line_naming_what_to_install(tmp_path):
    boundaries = write(tmp_path / "countries-50m.json", "{}")
    result = build_without_extras(tmp_path, f"EXPLAINER_MAP_BOUNDARIES = {str(boundaries)!r}\n")
    assert result["log"] == (
        "ERROR pelicanconf.py: EXPLAINER_MAP_BOUNDARIES asks for maps, which are drawn with numpy, pyproj and shapely, "
        "not installed here — install the extra: `pip install 'pelican-explainer[maps]'`"
    )
    assert not (tmp_path / "output" / "maps").exists()  # maps turned off for the build: nothing else follows


def test_share_cards_without_the_extra_are_one_line_naming_what_to_install(tmp_path):
    result = build_without_extras(tmp_path, card_theme(tmp_path))
    assert result["log"] == (
        "ERROR pelicanconf.py: the theme asks for share cards (the share_card filter), which are drawn with Pillow, "
        "not installed here — install the extra: `pip install 'pelican-explainer[cards]'`"
    )
    assert result["by_plugin"] == ["PIL"] and result["imported"] == []
    assert not (tmp_path / "output" / "cards").exists()


def test_the_same_theme_with_the_extra_draws_its_cards(tmp_path):
    content = make_site(tmp_path, PLAIN_FILES)
    settings = write(
        tmp_path / "pelicanconf.py", PLAIN_SETTINGS + 'EXPLAINER_RELATION_TYPES = {"rival": {}}\n' + card_theme(tmp_path)
    )
    status, log = pelican(content, settings, tmp_path / "output")
    assert status == 0 and "ERROR" not in log, log
    (card,) = (tmp_path / "output" / "cards").glob("card.*.png")
    assert card.read_bytes().startswith(b"\x89PNG")
