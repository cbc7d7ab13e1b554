"""Share cards: the picture a link preview shows (`og:image`), drawn at build time for every page from
its title and the site's name on a plain background, so no page shares a blank or borrowed image.

Templates ask for a card with the `share_card` filter while pages are written; the build's worker
processes (workers.py) draw them fifty at a time as they are asked for, beside the writing, and the rest
once the build has finished writing (the finalized signal). A card's file name comes from its text,
so the same title always gives the same file, and the build stays byte-for-byte reproducible.

The pictures are drawn with Pillow (card_drawing.py), the `cards` extra: it is imported when the first card
is asked for, and a site whose theme asks for one without it installed is told, once, what to install.
"""

import functools
import hashlib
import logging
import os
import shutil

from pelican.plugins.explainer import optional, state
from pelican.plugins.explainer.checks.errors import display_path, note_logger

logger = logging.getLogger(__name__)
PER_WORKER = 50  # cards handed to a worker process at a time


def make_filter(settings):
    """`{{ title|share_card }}` → the card's address under the output folder, e.g. "cards/card.1a2b3c4d5e6f.png"."""
    return functools.partial(share_card, settings.get("SITENAME", ""), settings["EXPLAINER_SHARE_CARDS_PATH"])  # picklable


def share_card(site_name, folder, title):
    """The filter itself (see make_filter): ask the build for the card of `title` and give its address."""
    text = (" ".join(str(title).split()), site_name)
    name = "card." + hashlib.sha256("\n".join(text).encode("utf-8")).hexdigest()[:12] + ".png"  # kept for good
    build = state.current()
    if build is not None:  # else a theme uses the filter without the plugin, which draws no card
        build.cards.ask(name, text)
    return f"{folder}/{name}"


class Cards:
    """One build's share cards: those asked for, and the drawing of those an earlier build has not kept.

    With Pelican's content cache on (make devserver), cards are kept in the cache folder too: a card's name
    comes from its text, so a rebuild links the ones it already drew instead of drawing them again. A kept
    card that is not a whole PNG (a build killed while it was written, a full disk) is drawn again instead."""

    def __init__(self, settings, workers):
        self.settings = settings
        self.workers = workers  # the build's, which draw the cards
        self.requests = {}  # file name → (title, site name)
        self.copies = []  # file names an earlier build drew, to copy from the cache folder
        self.batch = []  # (file name, title, site name) to draw, not yet handed to a worker
        self.drawing = []  # (Future, its batch)
        self.damaged = 0  # kept cards found damaged, drawn again
        self.pictures = None  # card_drawing, imported when the first card is asked for
        self.kept = None  # where cards are kept between builds, with the content cache on
        self.unavailable = False  # Pillow is not installed: said once, no card drawn

    def ask(self, name, text):
        """Note that a page wants the card `name` of `text`: once per card, copied from the kept cards when an intact one
        is there, else drawn with the next batch, handed to a worker as soon as the batch is full."""
        if name in self.requests or not self.can_draw():
            return
        self.requests[name] = text
        if self.kept and self.intact(os.path.join(self.kept, name)):
            self.copies.append(name)
        else:
            self.batch.append((name, *text))
            if len(self.batch) >= PER_WORKER:
                self.hand_out()

    def can_draw(self):
        """Whether Pillow is there to draw cards; the first time, import the drawing, or say once what to install."""
        if self.pictures is None and not self.unavailable:
            problem = optional.missing("cards")
            if problem:
                logger.error("pelicanconf.py: %s", problem)  # as a setting's mistake: fails a strict build
                self.unavailable = True
                return False
            from pelican.plugins.explainer.pages import card_drawing  # noqa: PLC0415 - Pillow, the cards extra

            self.pictures = card_drawing
            cached = self.settings.get("CACHE_CONTENT") or self.settings.get("LOAD_CONTENT_CACHE")
            base = self.settings.get("EXPLAINER_CACHE_BASE") or self.settings["CACHE_PATH"]
            self.kept = os.path.join(base, f"explainer-cards-{card_drawing.drawing()}") if cached else None
        return self.pictures is not None

    def intact(self, path):
        """Whether the kept card at `path` is a whole PNG (card_drawing.intact); a damaged one is counted, to draw again."""
        try:
            whole = self.pictures.intact(path)
        except FileNotFoundError:
            return False
        if not whole:
            self.damaged += 1
        return whole

    def folder(self):
        """Where the cards are written in the output."""
        return os.path.join(self.settings["OUTPUT_PATH"], self.settings["EXPLAINER_SHARE_CARDS_PATH"])

    def hand_out(self):
        """Give the batch to a worker process to draw beside the writing (with no workers, finish() draws it)."""
        if self.workers.count:  # else finish() draws them here
            self.drawing.append((self.workers.submit(self.pictures.write_cards, self.folder(), self.batch), self.batch))
            self.batch = []

    def finish(self):
        """Copy the kept cards, draw the rest, keep the new ones."""
        if not self.requests:
            return
        folder = self.folder()
        os.makedirs(folder, exist_ok=True)
        for name in self.copies:
            share(os.path.join(self.kept, name), os.path.join(folder, name))
        self.pictures.write_cards(folder, self.batch)
        for future, _ in self.drawing:
            future.result()  # a worker's failure stops the build here
        drawn = [*self.batch, *(card for _, batch in self.drawing for card in batch)]
        if self.kept:
            os.makedirs(self.kept, exist_ok=True)
            for name, _, _ in drawn:
                share(os.path.join(folder, name), os.path.join(self.kept, name))
        if self.damaged:
            note_logger.info("%s: %d kept share card(s) were damaged — drawn again", display_path(self.kept), self.damaged)


def share(source, target):
    """Put `source` at `target` as a hard link, a copy where the file system has none: a rebuild then writes
    none of the cards' bytes again (3,000 cards are 37 MB). The link is made under a temporary name and moved
    over `target`, so a file already there is replaced, never written through (it may be linked elsewhere)."""
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        os.link(source, temporary)
    except OSError:
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)
