"""What a rebuild keeps instead of working it out again.

Pelican's content cache pickles each file's metadata, and with it the settings that a Category, Tag or
Author holds: so the settings hold nothing pickle cannot store (the build's live objects are in its state,
state.py, and the plugin's Jinja filters are module-level functions with their tables).

Within a build, each page's address is worked out once: Pelican works it out anew from the URL settings on
every use, and the pages that list others (a term's "Mentioned in", the indexes) ask for it thousands of times.

A damaged cache file (a build killed while Pelican saved it, a full disk) is deleted with a one-line note and
the build goes on without it: Pelican lets the EOFError of a truncated file stop every build, and fails a
strict one with a warning for a garbled one, with nothing saying to delete the cache.

That needs Pelican's FileDataCacher.__init__ wrapped (start()), the one change this plugin makes to Pelican's
classes, because Pelican gives no other place to do it:
- no signal comes between the making of a generator and the loading of its caches: Readers.__init__ loads
  the reader-level cache inside Generator.__init__, before generator_init is sent, and CachingGenerator loads
  its own cache after Generator.__init__ has returned, with no signal after it;
- a check at get_generators, before the generators exist, could only tell a whole pickle from a damaged one
  by unpickling it through, and Pelican then unpickles it again: every build that uses the cache would read
  it twice, the work the cache is there to save (and a gzip file's trailer, or a pickle's last STOP byte,
  says nothing of a garbled middle);
- the loaded table cannot be handed to Pelican instead: it reads the file itself, into a private attribute.
The wrapper is set once per process, marked so it is never stacked, changes nothing for a whole file (Pelican's
own loading, told not to load, then the same pickle.load), and holds no build's state."""

import contextlib
import functools
import os
import pickle

from pelican.cache import FileDataCacher
from pelican.contents import Content, Static

from pelican.plugins.explainer.checks.errors import display_path, note_logger


def start():
    """initialized: a damaged cache file is discarded (Pelican's FileDataCacher loads it through load())."""
    if not getattr(FileDataCacher.__init__, "discards_damage", False):
        FileDataCacher.__init__ = _loading_or_discarding(FileDataCacher.__init__)


def _loading_or_discarding(init):
    """Pelican's FileDataCacher.__init__ with the cache file loaded here instead (its attributes set up by
    Pelican, told not to load), so that whatever a damaged file raises discards it."""

    @functools.wraps(init)
    def __init__(self, settings, cache_name, caching_policy, load_policy):
        init(self, settings, cache_name, caching_policy, False)
        if load_policy:
            self._cache = load(self._cache_open, self._cache_path)

    __init__.discards_damage = True
    return __init__


def load(opener, path):
    """The table pickled in the cache file at `path`; {} when there is none, or when it is damaged (then the
    file is deleted, with a note)."""
    try:
        with opener(path, "rb") as file:
            table = pickle.load(file)
        if isinstance(table, dict):
            return table
        problem = f"it holds a {type(table).__name__}, not a table"
    except FileNotFoundError:
        return {}
    except Exception as error:  # noqa: BLE001 - whatever damage raises (EOFError, UnpicklingError, BadGzipFile…)
        problem = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    with contextlib.suppress(OSError):  # Pelican writes it anew at the end of this build
        os.remove(path)
    note_logger.info(
        "%s: the content cache file was damaged (%s) — deleted; this build reads the files it covered again",
        display_path(path),
        problem,
    )
    return {}


def remember_addresses(generators):
    """all_generators_finalized, once every page is read and its address settled: Pelican's own override."""
    for content in generators[0].context["generated_content"].values() if generators else ():
        if isinstance(content, Content) and not isinstance(content, Static) and not hasattr(content, "override_url"):
            content.override_url = content.url
