"""One build's state: everything the plugin keeps while a build runs besides the settings, which hold only
settings (Pelican copies them into every template context and pickles them with every Category, Tag and Author).

A BuildState is made when a build starts (get_generators) and dropped when it ends (finalized). A build that
fails part way never reaches finalized: the next build's start closes what it left (its worker processes) and
replaces it, so no build, in the devserver's autoreload or a test's in-process runs, sees another's state.

Pelican hands a handler only what its signal carries (one content object, the readers, a written path and its
template context), and makes readers and calls Jinja filters with the settings alone; so the state of the build
under way is reached through a ContextVar, set at its start. A ContextVar rather than a module global: a build
run in another thread or task sees only its own, and forked workers are handed theirs explicitly (workers.py).
"""

from contextvars import ContextVar

from jinja2 import Environment

from .pages import assets, cards, sitemap
from .reading import registry, workers
from .reading.listing import Listing
from .settings import Settings, Tables


class BuildState:
    """What one build holds: the entities' names, the worker processes, and what is written once it ends."""

    def __init__(self, settings: Settings, listing: Listing) -> None:
        self.settings = settings
        self.tables = Tables.of(settings)  # the kinds of entity, relation types and chapters
        self.listing = listing  # the content folder, walked once
        self.written_keys: dict[str, dict[str, list[int]]] = {}  # source path → metadata key → its lines, as read
        self.registry = registry.Registry(settings, listing, self.tables.types)
        registry.keep_cache_in_step(settings, self.registry)  # before the cards, which are kept beside the cache
        self.workers = workers.Workers(settings)
        self.cards = cards.Cards(settings, self.workers)
        self.assets = assets.Assets(assets.PLUGIN_STATIC)
        self.sitemap = sitemap.Sitemap(settings) if settings.get("EXPLAINER_SITEMAP_SAVE_AS") else None
        self.templates: Environment | None = None  # the pages' template environment, for head.py

    def finish(self, output_path: str) -> None:
        """finalized: what the written pages asked for (share cards, hashed assets) and the sitemap."""
        self.cards.finish()
        self.workers.close()  # after the cards, which the workers draw
        if self.sitemap is not None:
            self.sitemap.write()
        self.assets.write(output_path, self.settings["THEME_STATIC_DIR"])

    def close(self) -> None:
        """Stop the worker processes, which hold the build's memory."""
        self.workers.close()


_current: ContextVar[BuildState | None] = ContextVar("explainer_build", default=None)


def start(settings: Settings, listing: Listing | None = None) -> BuildState:
    """A new build's state, replacing (and closing) whatever an earlier build left; `listing` is the content
    folder's, when the build has walked it already."""
    end()
    build = BuildState(settings, listing or Listing(settings["PATH"], settings))
    _current.set(build)
    return build


def current() -> BuildState | None:
    """The state of the build under way; None outside a build (a theme using the filters without the plugin)."""
    return _current.get()


def use(build: BuildState) -> None:
    """Make `build` the current one: in a forked worker, which runs the build's conversions."""
    _current.set(build)


def end() -> None:
    """Drop the current build's state, its workers stopped."""
    build = _current.get()
    if build is not None:
        build.close()
        _current.set(None)
