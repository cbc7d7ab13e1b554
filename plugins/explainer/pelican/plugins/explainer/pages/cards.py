"""Share cards: the picture a link preview shows (`og:image`), drawn at build time for every page from
its title and the site's name on a plain background, so no page shares a blank or borrowed image.

Templates ask for a card with the `share_card` filter while pages are written; the build's worker
processes (workers.py) draw them fifty at a time as they are asked for, beside the writing, and the rest
once the build has finished writing (the finalized signal). A card's file name comes from its text,
so the same title always gives the same file, and the build stays byte-for-byte reproducible.
"""

import functools
import hashlib
import os
import shutil
import textwrap
import zlib

import PIL
from PIL import Image, ImageDraw, ImageFont

from pelican.plugins.explainer import state
from pelican.plugins.explainer.checks.errors import display_path, note_logger

WIDTH, HEIGHT, MARGIN = 1200, 630, 80
BACKGROUND, INK = (11, 92, 173), (255, 255, 255)
# Ink level 0–255 → the colour between the background and the ink (the text's smooth edges).
PALETTE = [round(b + (i - b) * level / 255) for level in range(256) for b, i in zip(BACKGROUND, INK)]
TITLE_SIZES = (72, 40, 8)  # the title's font size: the largest tried, the smallest, the step between them
TITLE_LINES = 4  # a title has at most this many lines on a card; a longer one is cut
PER_WORKER = 50  # cards handed to a worker process at a time
IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the last chunk of every PNG, whose checksum Pillow's verify() skips


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


@functools.cache
def font_of(size):
    """Pillow's built-in font at `size`, loaded once per size: a handful of sizes serve every card."""
    return ImageFont.load_default(size)


def draw(title, site_name):
    """A 1200 × 630 PNG: the title, wrapped, large; the site's name small beneath a rule.

    The card is drawn in one channel (how much ink each pixel has) and coloured by its palette, from the
    background to the ink: a picture of two colours needs no colour quantising, which took most of the
    time of drawing a card (at newsroom scale a build draws thousands)."""
    card = footer(site_name).copy()
    pen = ImageDraw.Draw(card)
    largest, smallest, step = TITLE_SIZES
    size, lines = largest, []
    while size >= smallest:  # the largest size at which the title fits in TITLE_LINES lines
        lines = textwrap.wrap(title, width=int((WIDTH - 2 * MARGIN) / (size * 0.52)))
        if len(lines) <= TITLE_LINES:
            break
        size -= step
    font = font_of(size)
    y = MARGIN
    for line in lines[:TITLE_LINES]:
        pen.text((MARGIN, y), line, font=font, fill=255)
        y += int(size * 1.2)
    card.putpalette(PALETTE)
    return card


@functools.lru_cache(maxsize=4)
def footer(site_name):
    """A card with only the rule and the site's name, the same on every card: drawn once per build, it is a
    third of the time of drawing a card (four lines of title at most end above the rule)."""
    card = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(card)
    pen.rectangle((MARGIN, HEIGHT - MARGIN - 70, MARGIN + 120, HEIGHT - MARGIN - 62), fill=255)
    pen.text((MARGIN, HEIGHT - MARGIN - 40), site_name, font=font_of(36), fill=255)
    return card


@functools.cache
def drawing():
    """What a card's pixels depend on besides its text: this module and Pillow (its font and its encoder). Kept
    cards are filed under it, so a new version of either draws them again instead of reusing old pictures."""
    with open(__file__, "rb") as source:
        return hashlib.sha256(source.read() + PIL.__version__.encode()).hexdigest()[:12]


def write_cards(folder, cards):
    """Draw [(file name, title, site name)] into `folder` (in a worker process: module-level, so it can be sent there)."""
    os.makedirs(folder, exist_ok=True)
    for name, title, site_name in cards:
        # Light compression with zlib's run-length strategy (a card is mostly runs of one colour): side by side
        # with the default strategy, 8% faster to save and 11% smaller (a card is fetched once per preview).
        # Saved under a temporary name and moved into place: a card left by an earlier build may be a hard link
        # to the kept copy (share), which must not be written through.
        temporary = os.path.join(folder, f"{name}.{os.getpid()}.tmp")
        draw(title, site_name).save(temporary, format="PNG", compress_level=1, compress_type=zlib.Z_RLE)
        os.replace(temporary, os.path.join(folder, name))


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
        cached = settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")
        self.kept = (
            os.path.join(settings.get("EXPLAINER_CACHE_BASE") or settings["CACHE_PATH"], f"explainer-cards-{drawing()}")
            if cached
            else None
        )

    def ask(self, name, text):
        """Note that a page wants the card `name` of `text`: once per card, copied from the kept cards when an intact one
        is there, else drawn with the next batch, handed to a worker as soon as the batch is full."""
        if name in self.requests:
            return
        self.requests[name] = text
        if self.kept and self.intact(os.path.join(self.kept, name)):
            self.copies.append(name)
        else:
            self.batch.append((name, *text))
            if len(self.batch) >= PER_WORKER:
                self.hand_out()

    def intact(self, path):
        """Whether the kept card at `path` is a whole PNG: Pillow's verify() reads its chunks and checks their
        checksums without decoding the picture (about 40 µs a card), and it ends with IEND. A damaged one is
        counted, to draw again."""
        try:
            with open(path, "rb") as file:
                with Image.open(file) as card:
                    card.verify()
                file.seek(-len(IEND), os.SEEK_END)
                whole = file.read() == IEND
        except FileNotFoundError:
            return False
        except Exception:  # noqa: BLE001 - whatever a truncated or garbled file raises in Pillow
            whole = False
        if not whole:
            self.damaged += 1
        return whole

    def folder(self):
        """Where the cards are written in the output."""
        return os.path.join(self.settings["OUTPUT_PATH"], self.settings["EXPLAINER_SHARE_CARDS_PATH"])

    def hand_out(self):
        """Give the batch to a worker process to draw beside the writing (with no workers, finish() draws it)."""
        if self.workers.count:  # else finish() draws them here
            self.drawing.append((self.workers.submit(write_cards, self.folder(), self.batch), self.batch))
            self.batch = []

    def finish(self):
        """Copy the kept cards, draw the rest, keep the new ones."""
        if not self.requests:
            return
        folder = self.folder()
        os.makedirs(folder, exist_ok=True)
        for name in self.copies:
            share(os.path.join(self.kept, name), os.path.join(folder, name))
        write_cards(folder, self.batch)
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
