"""What a rebuild keeps instead of working it out again.

Pelican's content cache pickles each file's metadata, and with it the settings that a Category, Tag or
Author holds; the Jinja filters the plugin puts in those settings are closures, which pickle cannot store, so
with the cache on an article with a Category (or any entity file) would stop the build. Such a wrapper is
pickled as its class and name alone, and unpickled with the settings of the build that reads the cache.

Within a build, each page's address is worked out once: Pelican works it out anew from the URL settings on
every use, and the pages that list others (a term's "Mentioned in", the indexes) ask for it thousands of times."""

import copyreg

from pelican.contents import Content, Static
from pelican.urlwrappers import Author, Category, Tag

_building = {}  # "settings": the settings of the Pelican being built, for unpickled wrappers


def start(settings):
    """initialized: the settings that wrappers read from the cache will get."""
    _building["settings"] = settings
    for wrapper in (Category, Tag, Author):
        copyreg.pickle(wrapper, _reduce)


def _reduce(wrapper):
    return _restore, (type(wrapper), wrapper.name)


def _restore(wrapper, name):
    return wrapper(name, _building["settings"])


def remember_addresses(generators):
    """all_generators_finalized, once every page is read and its address settled: Pelican's own override."""
    for content in (generators[0].context["generated_content"].values() if generators else ()):
        if isinstance(content, Content) and not isinstance(content, Static) and not hasattr(content, "override_url"):
            content.override_url = content.url
