"""Content-hashed names for the theme's and the plugin's assets, so a server may cache them for a year.

`{{ 'css/site.css'|asset_url }}` in a template gives SITEURL/THEME_STATIC_DIR/css/site.3f2a91c0.css: the
first 8 hex digits of the SHA-256 of the file Pelican publishes as THEME_STATIC_DIR/css/site.css (a
theme's static folders win over the plugin's own files under explainer/, as they do when copied). When
the build is finished, each asset a template named is written under its hashed name, with the very bytes
that were hashed, beside the plain copy Pelican makes. The plain copy stays: a stylesheet's url(), a
script or an old link that names an asset by its plain path keeps working, with a shorter cache life.
"""

import hashlib
import logging
import os
import sys

from jinja2 import pass_context

from pelican.plugins.explainer import state
from pelican.plugins.explainer.checks.errors import AuthorMistake, display_path

logger = logging.getLogger(__name__)

PLUGIN_STATIC = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "static"
)  # the package's own static files
HASH_LENGTH = 8  # hex digits: deploy/nginx.conf takes a name with 8 or more as fingerprinted
PLUGIN_FOLDER = "explainer"  # where, under THEME_STATIC_DIR, the plugin's own static files are published


class Assets:
    """The assets the templates of one build named, each with its bytes and hashed name. The theme's
    settings are read from the template's context: a site may use the filter without the plugin."""

    def __init__(self, plugin_static):
        self.plugin_static = plugin_static
        self.named = {}  # name → (stamp of its source, hashed name, bytes); bytes is None when it is missing

    def source(self, settings, name):
        """The file Pelican publishes as THEME_STATIC_DIR/name, or None."""
        parts = name.split("/")
        if not name or name.startswith("/") or ".." in parts:
            return None
        candidates = []
        if parts[0] == PLUGIN_FOLDER:
            candidates.append(os.path.join(self.plugin_static, *parts[1:]))
        for path in settings["THEME_STATIC_PATHS"]:  # copied in this order, each over the one before
            full = os.path.join(settings["THEME"], path)
            if os.path.isdir(full):
                candidates.append(os.path.join(full, *parts))
            elif os.path.basename(path) == name:
                candidates.append(full)
        found = [path for path in candidates if os.path.isfile(path)]
        return found[-1] if found else None

    def hashed(self, settings, name):
        """THEME_STATIC_DIR-relative hashed name of `name`, read again whenever its source changes."""
        source = self.source(settings, name)
        status = os.stat(source) if source else None
        stamp = (source, status.st_mtime_ns, status.st_size) if status else None
        known = self.named.get(name)
        if known is None or known[0] != stamp:
            if source is None:
                known = (stamp, name, None)
                logger.error(
                    "%s",
                    AuthorMistake(
                        *template_line(),
                        f"asset_url: {name!r} is not a file of the theme's "
                        f"static folders ({', '.join(settings['THEME_STATIC_PATHS'])}) or "
                        f"of the plugin's ({PLUGIN_FOLDER}/…) — correct the name",
                    ),
                )
            else:
                with open(source, "rb") as handle:
                    data = handle.read()
                known = (stamp, fingerprinted(name, data), data)
            self.named[name] = known
        return known[1]

    def write(self, output_path, static_dir):
        """Write every named asset under its hashed name into output_path/static_dir."""
        for _, hashed, data in self.named.values():
            if data is None:
                continue
            target = os.path.join(output_path, static_dir, hashed)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)


def fingerprinted(name, data):
    """`name` with the hash of `data` before its extension (css/site.css → css/site.3f2a91c0.css): for any
    file the build writes that a server should cache for good."""
    root, extension = os.path.splitext(name)
    return f"{root}.{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{extension}"


def template_line():
    """(path, line) of the template being rendered, found from the calling frames."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            return display_path(template.filename), template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return "a template", None


@pass_context
def asset_url(context, name):
    """The filter. The build's Assets remember what it named, for the build's end to write; a theme that uses it
    without the plugin gets the same address, and no hashed copy is written."""
    build = state.current()
    assets = build.assets if build is not None else Assets(PLUGIN_STATIC)
    return f"{context.get('SITEURL', '')}/{context['THEME_STATIC_DIR']}/{assets.hashed(context, name)}"
