"""The explainer site's plugin: strict content checks, glossary auto-linking and country pages.

register() connects module-level functions only: blinker keeps weak references, so a lambda or a
nested function would be dropped silently.
"""

from pelican import signals

from .generators import CountryGenerator, GlossaryGenerator, SourcesGenerator
from .settings import apply_defaults
from .site import check_and_link


def add_settings(pelican):
    apply_defaults(pelican.settings)


def add_generators(pelican):
    return [GlossaryGenerator, CountryGenerator, SourcesGenerator]


def register():
    signals.initialized.connect(add_settings)
    signals.get_generators.connect(add_generators)
    signals.all_generators_finalized.connect(check_and_link)
