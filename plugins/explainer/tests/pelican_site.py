"""Tiny sites built in the test's own interpreter with Pelican's API, as `pelican CONTENT -s SETTINGS -o OUTPUT`
would build them (the way pelican-plugins/sitemap tests itself): no strict runner, nothing of any one site.

Runs in one process must not hear each other: each run has a handler of its own as the only one on the root
logger, and Pelican's LimitFilter, which drops a message it has already shown in this process, forgets what it
saw. Pelican loads a settings file as the module named after it (sys.modules["pelicanconf"]), so that module
is forgotten after each run, as it is when a process ends.
"""

import contextlib
import logging
import sys
from pathlib import Path

from blinker import Signal
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.log import LimitFilter
from pelican.plugins import signals
from pelican.settings import read_settings

from pelican.plugins.explainer.settings import (
    CITATION_PATTERN,
    STRICT_HTML_ATTRIBUTES,
    STRICT_HTML_TAGS,
    STRICT_STATIC_EXTENSIONS,
    STRICT_URL_SCHEMES,
)

# Every house rule on, as the plugin's first site has them (README, "Editorial policy"), for the tests of the rules.
HOUSE_RULES = {
    "EXPLAINER_KNOWN_KEYS_ONLY": True,
    "EXPLAINER_MODIFIED_AFTER_DATE": True,
    "EXPLAINER_ALT_TEXT": True,
    "EXPLAINER_IMAGE_CREDITS": True,
    "EXPLAINER_HTML_TAGS": STRICT_HTML_TAGS,
    "EXPLAINER_HTML_ATTRIBUTES": STRICT_HTML_ATTRIBUTES,
    "EXPLAINER_URL_SCHEMES": STRICT_URL_SCHEMES,
    "EXPLAINER_LOCAL_RESOURCES": True,
    "EXPLAINER_FOOTNOTE_PATTERN": CITATION_PATTERN,
    "EXPLAINER_STATIC_EXTENSIONS": STRICT_STATIC_EXTENSIONS,
    "EXPLAINER_UNREAD_FILES": True,
    "EXPLAINER_KEYS_ONCE": True,
    "EXPLAINER_NOTES_CITED": True,
}

PLAIN_SETTINGS = """
SITENAME = "Another newsroom"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PLUGINS = ["explainer"]
"""

TERM = """Title: ICBM
Aliases: ICBMs
Summary: A missile that can fly more than 5,500 km.

An intercontinental ballistic missile. Compare the {0}.
"""

# A plain Pelican site with Pelican's default theme: two glossary terms, two countries and one news article.
PLAIN_FILES = {
    "glossary/icbm.md": TERM.format("armistice"),
    "glossary/armistice.md": "Title: armistice\nSummary: An agreement to stop fighting.\n\nA truce, not a peace treaty; see ICBM.\n",
    "countries/ruritania.md": "Title: Ruritania\nSummary: A kingdom in the story.\nRelations: borduria | rival | 1990 | A long quarrel. | Reuters\n\nA small kingdom.\n",
    "countries/borduria.md": "Title: Borduria\nSummary: Its neighbour.\nRelations: ruritania | rival | 1990 | A long quarrel. | Reuters\n\nA larger neighbour.\n",
    "news/launch.md": "Title: The launch\nDate: 2024-05-01\nCategory: news\n\nRuritania tested an ICBM; Borduria asked for an armistice.\n",
}


def write(path, text):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_site(root, files):
    """Write {relative path: text} under root/content and return the content folder."""
    content = Path(root) / "content"
    for relative, text in files.items():
        write(content / relative, text)
    return content


class Lines(logging.Handler):
    """Every record at or above WARNING as `LEVEL message`, with its traceback when it carries one."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@contextlib.contextmanager
def own_logging(handler):
    """`handler` as the one handler of the root logger at WARNING (the pelican command's default level) for
    one run, then the root logger as it was."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers, root.level = [handler], logging.WARNING
    LimitFilter._raised_messages.clear()  # no public way to forget; one run's dedup must not hide the next's
    LimitFilter._group_count.clear()
    try:
        yield handler
    finally:
        root.handlers, root.level = saved


@contextlib.contextmanager
def no_plugin_listening():
    """Pelican's signals muted for one run: a plugin an earlier run in this process registered stays connected
    to them (nothing disconnects it, as a process's end does), so a run without plugins mutes them."""
    with contextlib.ExitStack() as stack:
        for name in dir(signals):
            if isinstance(getattr(signals, name), Signal):
                stack.enter_context(getattr(signals, name).muted())
        yield


def pelican(content, settings_file, output):
    """(exit status, log) of `pelican CONTENT -s SETTINGS -o OUTPUT`, run in this interpreter: 1 and a logged
    traceback when the run raised, as the command exits 1 and prints it."""
    handler = Lines()
    status = 0
    with own_logging(handler):
        try:
            settings = read_settings(str(settings_file), override={"PATH": str(content), "OUTPUT_PATH": str(output)})
            Pelican(settings).run()
        except Exception as error:
            logging.getLogger("pelican").critical("%s: %s", error.__class__.__name__, error, exc_info=True)
            status = getattr(error, "exitcode", 1)
        finally:
            sys.modules.pop(Path(settings_file).stem, None)
    return status, "\n".join(handler.lines)


def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def heading(page):
    """The page's own heading (the default theme's banner holds an h1 with the site's name first)."""
    return page.find_all("h1")[-1].get_text()


def build_plain_site(root):
    """PLAIN_FILES built with PLAIN_SETTINGS and a relation type of the site's own; its output folder."""
    root = Path(root)
    content = make_site(root, PLAIN_FILES)
    settings = write(root / "pelicanconf.py", PLAIN_SETTINGS + 'EXPLAINER_RELATION_TYPES = {"rival": {}}\n')
    code, log = pelican(content, settings, root / "output")
    assert code == 0 and "ERROR" not in log and "Traceback" not in log, log
    return root / "output"
