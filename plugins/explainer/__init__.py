"""The explainer site's plugin: strict content checks before anything is written.

register() connects module-level functions only: blinker keeps weak references, so a lambda or a
nested function would be dropped silently.
"""

from pelican import signals

from . import errors, validate


def check_content(generators):
    """Fail the build with every author mistake at once, before anything is written."""
    mistakes = []
    for generator in generators:
        for content in getattr(generator, "articles", []) + getattr(generator, "pages", []):
            mistakes.extend(validate.content_mistakes(content, generator.path))
    errors.report(mistakes)


def register():
    signals.all_generators_finalized.connect(check_content)
