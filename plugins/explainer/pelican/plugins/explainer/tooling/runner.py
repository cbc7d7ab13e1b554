"""Runs Pelican strictly in this process and turns what it logs into plain lines an author can act on.

`pelican --fatal warnings` stops at the first warning and prints a traceback, so an author sees one
mistake buried in Python internals. This runner lets Pelican finish, collects every warning and error
(Pelican's and the plugin's) and the advisories, keeps each as one plain line without a traceback, and
says whether there was a problem: the same strictness, with every mistake listed at once. The
`pelican-explainer` command (cli.py) prints what it collected; a site's own tools may call run() too.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import sys
import traceback
from collections.abc import Iterator, Mapping
from typing import Any

from pelican import Pelican, log
from pelican.settings import DEFAULT_CONFIG, read_settings

from pelican.plugins.explainer.checks.errors import ContentMistakes, display_path, metadata_line, mistake, read_failure

_UNREADABLE = re.compile(r"^Could not process (?P<path>.+)$")
_MISSING = re.compile(r"^Skipping (?P<path>.+): could not find information about '(?P<key>\w+)'$")
_UNFOUND_LINK = re.compile(r"^Unable to find '(?P<target>[^']+)', skipping url replacement\.$")
_LISTED = re.compile(r"^ERROR: (\d+) content mistake\(s\):")  # the plugin's one message listing them all
_OTHERS_UNFOUND = "Other resources were not found and their urls not replaced"
_STATUS = re.compile(r"^Unknown status '(?P<status>[^']*)' for file (?P<path>.+), skipping it\. \(Not in (?P<allowed>.+)\)$")
_OUTSIDE = re.compile(r"^Skipping (?P<path>.+): file '(?P<target>.+)' would be written outside output path$")
_EMPTY_ALT = re.compile(r"^Empty alt attribute for image (?P<image>.+) in (?P<path>.+)$")
_NO_ALT = re.compile(r"^(?P<path>.+?):\d+: the image (?P<source>\S+) has no alt text")  # the plugin's line for it
_FEEDS = "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid"
# The feed settings Pelican's check looks at (pelican/settings.py) that are on unless a site turns them off.
FEEDS_ON_BY_DEFAULT = tuple(key for key, on in DEFAULT_CONFIG.items() if "FEED" in key and key.endswith(("_ATOM", "_RSS")) and on)
PLUGIN = "explainer"  # what PLUGINS calls the plugin; pip calls its package pelican-explainer
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def disk_full(error: BaseException | None) -> OSError | None:
    """The OSError saying the disk (or the quota) is full behind `error` or what caused it, or None."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OSError) and error.errno in DISK_FULL:
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def disk_full_line(error: OSError, folder: str) -> str:
    """`the disk is full while writing …: free space and build again`, naming the file when it is known."""
    where = display_path(error.filename) if error.filename else f"into {display_path(folder)}/"
    return f"the disk is full while writing {where}: free space and build again"


class Collector(logging.Handler):
    """Keeps every record at or above WARNING, and the check advice, as printable lines."""

    def __init__(self, content: str | None, settings_file: str | None = None) -> None:
        super().__init__(level=logging.INFO)
        self.content = content
        self.settings_file = settings_file
        self.progress = ""  # what Pelican printed on the console (its "Done: Processed …" line)
        self.empty_alt: dict[str, tuple[str, str]] = {}  # Pelican's line on an image's empty alt: (its file, the image)
        self.located: list[tuple[str, str]] = []  # (path, line) of Pelican's messages about one file
        self.others: list[str] = []
        self.advice: list[str] = []
        self.notes: list[str] = []  # what the build dealt with on its own (a damaged cache file discarded)
        self.disk_full: OSError | None = None  # the OSError that stopped the build because the disk is full

    @property
    def problems(self) -> list[str]:
        """Pelican's messages about files in the order of their paths, then the rest as they came: Pelican
        reads files in the order of a Python set, which changes from run to run, and so did its messages."""
        return [text for _, text in sorted(self.located) if not self.alt_reported(text)] + self.others

    def alt_reported(self, text):
        """Whether `text` is Pelican's note on an image with an empty alt attribute that the plugin's own line about
        the same image already reports, with its line and what to write."""
        if text not in self.empty_alt:
            return False
        path, image = self.empty_alt[text]
        return any(
            (no_alt := _NO_ALT.match(line))
            and no_alt["path"] == display_path(path)
            and os.path.basename(no_alt["source"]) == image
            for problem in self.others
            for line in problem.splitlines()
        )

    def emit(self, record):
        """Keep a log record as advice, a note or a problem (by file where it names one) instead of printing it."""
        if record.name == "explainer.check":
            self.advice.append(record.getMessage())
        elif record.name == "explainer.note":
            self.notes.append(record.getMessage())
        elif record.levelno >= logging.WARNING and not self.already_explained(record.getMessage()):
            path, text = _about_file(record.getMessage()), self.plain(record)
            if text in self.problems:
                return  # Pelican said it twice ("missing Title" and "no address" for one empty file)
            if path:
                path = os.path.normpath(os.path.join(self.content, path))
                self.located.append((path, text))
                if empty_alt := _EMPTY_ALT.match(record.getMessage()):
                    self.empty_alt[text] = (path, empty_alt["image"])
            else:
                self.others.append(text)

    def already_explained(self, text):
        """Pelican's own note on a broken {filename} link names no file; the plugin's, logged earlier, does."""
        unfound = _UNFOUND_LINK.match(text)
        if unfound:
            return any(f"the link to {unfound['target']} " in problem for problem in self.problems)
        return text == _OTHERS_UNFOUND and any("points to no file" in problem for problem in self.problems)

    def plain(self, record):
        """`LEVEL: message`, with the cause of a failed read named in the author's terms."""
        text = record.getMessage()
        # Pelican logs a file it cannot read without its cause; the exception is still being handled.
        cause = (record.exc_info or sys.exc_info())[1]
        unreadable = _UNREADABLE.match(text)
        missing = _MISSING.match(text)
        outside = _OUTSIDE.match(text)
        status = _STATUS.match(text)
        about = missing or outside
        empty_alt = _EMPTY_ALT.match(text)
        if empty_alt:
            text = f"{display_path(empty_alt['path'])}: the image {empty_alt['image']} has an empty alt attribute"
        elif text.startswith(_FEEDS):
            text = self.feeds_line()
        elif about and os.path.isfile(about["path"]) and not os.path.getsize(about["path"]):
            text = f"{display_path(about['path'])}: the file is empty — write the explainer in it, or delete it"
        elif missing:
            key = missing["key"].capitalize()
            text = f"{display_path(missing['path'])}: missing {key} — add a line `{key}: …` to the metadata at the top; the file was not published"
        elif status:
            allowed = ", ".join(re.findall(r"'([^']+)'", status["allowed"]))
            text = str(
                mistake(
                    status["path"],
                    f"Status is {status['status']!r} — use one of {allowed}; the file was not published",
                    key="status",
                )
            )
        elif outside:
            key = next((key for key in ("save_as", "slug") if metadata_line(outside["path"], key)), None)
            if key:
                text = str(
                    mistake(
                        outside["path"],
                        f"its {'Save_as' if key == 'save_as' else 'Slug'} would write {outside['target']!r} outside the site — use a slug of lower-case letters, digits and hyphens; nothing was written",
                        key=key,
                    )
                )
            else:
                text = str(
                    mistake(
                        outside["path"],
                        "its Title gives no address (it has no letters or digits) — add a line `Slug: …`; nothing was written",
                        key="title",
                    )
                )
        elif unreadable and cause is not None:
            text = str(read_failure(os.path.join(self.content, unreadable["path"]), cause))
        elif cause is not None and record.exc_info:
            text = f"{text} — {cause}"
        return f"{record.levelname}: {text}"

    def feeds_line(self):
        """Pelican's warning on feeds without an address, as what to do in the settings file."""
        where = display_path(self.settings_file) if self.settings_file else "the settings"
        return (
            f"{where}: the feeds are on but SITEURL and FEED_DOMAIN are empty, so the feeds' links would be relative "
            "and broken in a feed reader — set SITEURL (or FEED_DOMAIN) to the site's address, or turn the feeds off: "
            + ", ".join(f"{key} = None" for key in FEEDS_ON_BY_DEFAULT)
            + " (and any other feed setting the file sets)"
        )


def _about_file(text):
    """The path a message of Pelican's about one file names, or None."""
    for pattern in (_UNREADABLE, _MISSING, _STATUS, _OUTSIDE, _EMPTY_ALT):
        found = pattern.match(text)
        if found:
            return found["path"]
    return None


class SettingsMistake(Exception):
    """The settings file could not be run (a syntax error, an unknown name), or it leaves the plugin out: its
    message names the file (and the line, when there is one)."""


def plugin_missing(settings: Mapping[str, Any], settings_file: str | None) -> str | None:
    """One line when PLUGINS leaves the plugin out (or names its package instead), else None: without the plugin,
    Pelican's build fails in ways that point elsewhere (a template's missing filter, every term lacking a Date)."""
    plugins = settings.get("PLUGINS")
    if plugins is None:
        return None  # Pelican loads every installed namespace plugin, this one too
    names = [plugin if isinstance(plugin, str) else getattr(plugin, "__name__", "") for plugin in plugins]
    if PLUGIN in names or f"pelican.plugins.{PLUGIN}" in names:
        return None
    where = display_path(settings_file) if settings_file else "the settings"
    package = next((name for name in names if name.lower().replace("_", "-") == f"pelican-{PLUGIN}"), None)
    if package:
        return f'{where}: PLUGINS names {package!r}, the package; the plugin is called {PLUGIN!r} — write PLUGINS = ["{PLUGIN}"]'
    return f'{where}: PLUGINS leaves out the explainer plugin — add "{PLUGIN}" to it: PLUGINS = [..., "{PLUGIN}"]'


def settings_line(settings_file: str, error: BaseException) -> str | None:
    """`pelicanconf.py:12: what is wrong — correct the settings file`, when `error` arose in the settings file
    itself (its own line, found in the traceback), else None: an error elsewhere is not the file's."""
    path = os.path.abspath(settings_file)
    if isinstance(error, SyntaxError) and error.filename and os.path.abspath(error.filename) == path:
        line, text = error.lineno, error.msg
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if os.path.abspath(frame.filename) == path]
        if not frames:
            return None
        line, text = frames[-1].lineno, f"{error.__class__.__name__}: {error}"
    return f"{display_path(settings_file)}:{line}: {text} — correct the settings file"


def read(settings_file: str | None, override: Mapping[str, object]) -> dict[str, Any]:
    """Pelican's settings, as read_settings gives them; SettingsMistake when the settings file itself failed."""
    try:
        return read_settings(settings_file, override=dict(override))
    except Exception as error:
        line = settings_line(settings_file, error) if settings_file else None
        if line is None:
            raise
        raise SettingsMistake(line) from error


def read_quietly(settings_file: str | None, override: Mapping[str, object]) -> dict[str, Any]:
    """read(), with what Pelican logs while reading left to the build that follows, which reports it."""
    with collecting(Collector(None)):
        return read(settings_file, override)


@contextlib.contextmanager
def collecting(collector: Collector) -> Iterator[Collector]:
    """The collector as the one handler of every log record for one run, and the root logger as it was after it,
    so that runs in one process (the tests', the devserver's) each hear only their own messages. Pelican's
    logger drops a warning it has already shown in this process (LimitFilter), so its memory is cleared too."""
    log.init(level=logging.WARNING, handler=None)  # Pelican's logger class and levels, without its handler
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers, root.level = [collector], logging.WARNING
    for name in ("explainer.check", "explainer.note"):
        logging.getLogger(name).setLevel(logging.INFO)
    log.LimitFilter._raised_messages.clear()  # no public way to forget; one run's dedup must not hide the next's
    log.LimitFilter._group_count.clear()
    try:
        yield collector
    finally:
        root.handlers, root.level = handlers, level


def run(
    content: str | None,
    settings_file: str | None,
    output: str | None,
    extra: Mapping[str, object] | None = None,
    *,
    advice: bool = False,
    debug: bool = False,
) -> Collector:
    """Build `content` into `output` with the settings file (None: Pelican's defaults); a None `content` or
    `output` keeps the settings' PATH or OUTPUT_PATH, as `pelican` does. Returns the Collector holding what
    went wrong, and the advisories when `advice` asked for them (working them out takes a little time). With
    `debug` (or EXPLAINER_DEBUG set), an error in code is raised with its traceback instead of kept as a line."""
    collector = Collector(content, settings_file)
    if content is not None and not os.path.isdir(content):
        collector.others.append(
            f"ERROR: {display_path(content)}: the content folder does not exist — give the folder that holds the articles"
        )
        return collector
    given = {key: value for key, value in (("PATH", content), ("OUTPUT_PATH", output)) if value is not None}
    override = {**given, "EXPLAINER_ADVICE": advice, **(extra or {})}
    try:
        with collecting(collector):
            settings = read(settings_file, override)
            collector.content = str(settings["PATH"])
            with log.console.capture() as printed:  # shown by report() only when the build had no problem
                Pelican(settings).run()
            collector.progress = printed.get()
    except ContentMistakes:
        pass  # the plugin has listed every mistake, each with its file and line
    except SettingsMistake as error:
        collector.others.append(f"ERROR: {error}")
    except Exception as error:
        collector.disk_full = disk_full(error)
        if collector.disk_full:
            return collector
        if debug or os.environ.get("EXPLAINER_DEBUG"):
            raise
        collector.others.append(
            f"ERROR: the build stopped: {error.__class__.__name__}: {error} — if no mistake above explains it, "
            "this is a bug in code (Pelican, a plugin or the theme), not in your content: run again with --debug "
            "(or EXPLAINER_DEBUG=1) for the traceback, and report it"
        )
    return collector


def problem_count(collector: Collector) -> int:
    """How many problems the collector holds, counting each mistake of the plugin's one message listing them."""
    return sum(int(block[1]) if (block := _LISTED.match(line)) else 1 for line in collector.problems)


def report(collector: Collector, output: str = "") -> int:
    """Print the notes, then every problem and their count (or that the disk is full), on standard error;
    1 when there was a problem."""
    if collector.disk_full:
        sys.stderr.write(f"ERROR: {disk_full_line(collector.disk_full, output)}; nothing was published.\n")
        return 1
    for line in collector.notes:
        sys.stderr.write(f"Note: {line}\n")
    for line in collector.problems:
        sys.stderr.write(line + "\n")
    if collector.problems:
        sys.stderr.write(f"{problem_count(collector)} problem(s) found; nothing was published.\n")
        return 1
    sys.stdout.write(collector.progress)
    return 0
