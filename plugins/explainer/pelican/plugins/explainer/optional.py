"""The optional extras: maps (`pelican-explainer[maps]`: numpy, pyproj and shapely, about 100 MB) and share
cards (`pelican-explainer[cards]`: Pillow), which most sites never draw. The core never imports them; a site
that asks for maps or cards without them installed is told in one line what to install, not shown an
ImportError's traceback.
"""

import importlib

# extra → (what asks for it, the modules it needs as imported, their names as installed)
EXTRAS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "maps": ("EXPLAINER_MAP_BOUNDARIES asks for maps", ("numpy", "pyproj", "shapely"), "numpy, pyproj and shapely"),
    "cards": ("the theme asks for share cards (the share_card filter)", ("PIL",), "Pillow"),
}


def missing(extra: str) -> str | None:
    """The message for `extra` when one of its modules cannot be imported, else None (the modules are then imported:
    a site that asks for the extra uses them)."""
    asker, modules, names = EXTRAS[extra]
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            return f"{asker}, which are drawn with {names}, not installed here — install the extra: `pip install 'pelican-explainer[{extra}]'`"
    return None


def maps_problem(settings: dict) -> str | None:
    """The message when the settings ask for maps and the maps extra is not installed; maps are then turned
    off for this build (EXPLAINER_MAP_BOUNDARIES None), so nothing else follows from it."""
    if not settings.get("EXPLAINER_MAP_BOUNDARIES"):
        return None
    problem = missing("maps")
    if problem:
        settings["EXPLAINER_MAP_BOUNDARIES"] = None
    return problem
