"""The build's worker processes: Markdown is converted, and share cards drawn, on every core.

Pelican reads content files one at a time in one process, and converting Markdown is about half of a
cold build at newsroom scale (issue 14's profile at 2,000 articles). When a generator starts reading, the
files it is about to read whose conversion is not in Pelican's content cache are handed to a pool of
forked workers (forked, so each has the build's settings and every entity's names); the reader then takes
a file's finished conversion instead of converting it, while the workers go on with the next files.
While pages are written, the same workers draw their share cards (cards.py).

A conversion that logged anything, or raised, is thrown away and done again in the main process, so an
author's mistake reads exactly as in a one-process build. EXPLAINER_WORKERS sets the number of workers
(default: one per core; 0, or a single core: none, everything in the main process).
"""

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from contextvars import ContextVar
from typing import Any

from pelican.generators import ArticlesGenerator
from pelican.urlwrappers import URLWrapper
from pelican.utils import file_suffix

from pelican.plugins.explainer import state

AHEAD_AT_LEAST = 16  # fewer files than this are converted in the main process: forking would cost more
MIN_CORES = 2  # on fewer cores, unless EXPLAINER_WORKERS asks, no workers: they would take turns with the main process
WRAPPED_LENGTH = 3  # a Category, Tag or Author as _wrapped() sends it: (_WRAPPER, its class, its name)
_WRAPPER = "explainer-url-wrapper"  # marks a Category, Tag or Author sent back from a worker by name
_settings: ContextVar[dict[str, Any]] = ContextVar(
    "explainer_worker_settings"
)  # in a worker: the settings its readers are made with


class Workers:
    """One build's pool, started when there is enough to convert, and the conversions it has under way."""

    def __init__(self, settings):
        self.settings = settings
        wanted = settings["EXPLAINER_WORKERS"]
        self.count = cores() if wanted is None else wanted
        if (self.count < MIN_CORES and wanted is None) or "fork" not in multiprocessing.get_all_start_methods():
            self.count = 0  # one core: a worker would only take turns with the main process (no fork: Windows)
        self.pool = None
        self.pending = {}  # absolute source path → Future of (content, metadata) or None
        self.started = set()  # ids of the generators whose files were handed out

    def convert_ahead(self, readers, paths):
        """Hand the Markdown files among `paths` that `readers` would convert (not cached) to the workers."""
        todo = []
        for path in map(os.path.abspath, paths):
            reader = readers.readers.get(file_suffix(path))
            if (
                callable(getattr(reader, "convert", None))
                and path not in self.pending
                and readers.get_cached_data(path, (None, None))[0] is None
            ):
                todo.append((type(reader), path))
        if self.count and len(todo) >= AHEAD_AT_LEAST:
            for reader_class, path in todo:
                self.pending[path] = self.submit(_convert, reader_class, path)

    def submit(self, function, *args):
        """function(*args) in a worker (the pool starts on first use): its Future; None with no workers."""
        if not self.count:
            return None
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.count,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_listen,
                initargs=(state.current(), self.settings, os.getpid()),  # forked: handed over as they are, never pickled
            )
        return self.pool.submit(function, *args)

    def take(self, path):
        """The worker's (content, metadata) for `path`; None when it has none, and the caller converts."""
        future = self.pending.pop(os.path.abspath(path), None)
        try:
            found = future.result() if future else None
        except Exception:  # noqa: BLE001 - a worker that died, or a result pickle could not carry: convert here
            return None
        if found is None:
            return None
        content, metadata = found
        return content, {key: _unwrapped(value, self.settings) for key, value in metadata.items()}

    def close(self):
        """Stop the worker processes (work not started is cancelled) and forget what they were converting."""
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
        self.pending.clear()


def cores():
    """The cores this process may run on (a container may have fewer than the machine)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def generator_reading(generator):
    """article_generator_preread / page_generator_preread (sent before each file): on the first, hand out
    every file this generator will read that neither of Pelican's caches holds."""
    build = state.current()
    if build is None or id(generator) in build.workers.started:
        return
    build.workers.started.add(id(generator))
    kind = "ARTICLE" if isinstance(generator, ArticlesGenerator) else "PAGE"
    files = generator.get_files(generator.settings[f"{kind}_PATHS"], exclude=generator.settings[f"{kind}_EXCLUDES"])
    build.workers.convert_ahead(
        generator.readers, [os.path.join(generator.path, name) for name in files if generator.get_cached_data(name, None) is None]
    )


class _Heard(logging.Handler):
    """In a worker: notes that something was logged, so that conversion is done again where it is seen."""

    heard = False

    def emit(self, record):
        _Heard.heard = True


def _listen(build, settings, parent):
    """A worker's start: it takes the build's state and settings (`parent` is the build's process id)."""
    state.use(build)
    _settings.set(settings)
    root = logging.getLogger()
    root.handlers = [_Heard(logging.NOTSET)]
    _end_with_the_build(parent)


def _end_with_the_build(parent):
    """A worker ends when the build's process does, even killed by SIGKILL (Linux's parent-death signal):
    otherwise it would wait for work forever, holding what the build held (tools/build.py's lock)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)  # the build ended before the line above


def _convert(reader_class, path):
    """In a worker: one file's (content, metadata), or None when it must be converted in the main process."""
    _Heard.heard = False
    try:
        content, metadata = reader_class(_settings.get()).convert(path)
    except Exception:  # noqa: BLE001 - converted again in the main process, which reports it
        return None
    return None if _Heard.heard else (content, {key: _wrapped(value) for key, value in without_discarded(metadata).items()})


def without_discarded(metadata):
    """Pelican's readers mark a value to drop (an empty `Tags:`, `Authors:` or `Status:`) with a bare object()
    that its reader then filters out by identity; pickled back from a worker it would be another object, kept
    and then iterated ("'object' object is not iterable"). Drop them here, as Pelican's reader would."""
    return {key: value for key, value in metadata.items() if type(value) is not object}


def _wrapped(value):
    """A Category, Tag or Author (or a list of them) as its class and name: pickled whole, it would carry the
    settings with it, copied into every result; the main process makes it again with its own (_unwrapped)."""
    if isinstance(value, list):
        return [_wrapped(item) for item in value]
    return (_WRAPPER, type(value), value.name) if isinstance(value, URLWrapper) else value


def _unwrapped(value, settings):
    if isinstance(value, list):
        return [_unwrapped(item, settings) for item in value]
    if isinstance(value, tuple) and len(value) == WRAPPED_LENGTH and value[0] == _WRAPPER:
        return value[1](value[2], settings)
    return value
