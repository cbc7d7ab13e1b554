"""Share cards drawn with Pillow: the `cards` extra (`pip install 'pelican-explainer[cards]'`).

Only this module imports Pillow, and cards.py imports it only once a page has asked for a card, so a site
whose theme draws no card runs without Pillow installed (optional.py says what to install when one does).
"""

import functools
import hashlib
import os
import textwrap
import zlib

import PIL
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT, MARGIN = 1200, 630, 80
BACKGROUND, INK = (11, 92, 173), (255, 255, 255)
# Ink level 0–255 → the colour between the background and the ink (the text's smooth edges).
PALETTE = [round(b + (i - b) * level / 255) for level in range(256) for b, i in zip(BACKGROUND, INK)]
TITLE_SIZES = (72, 40, 8)  # the title's font size: the largest tried, the smallest, the step between them
TITLE_LINES = 4  # a title has at most this many lines on a card; a longer one is cut
IEND = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the last chunk of every PNG, whose checksum Pillow's verify() skips


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


def intact(path):
    """Whether the card at `path` is a whole PNG (False when it is damaged; FileNotFoundError when there is
    none): Pillow's verify() reads its chunks and checks their checksums without decoding the picture (about
    40 µs a card), and it ends with IEND."""
    with open(path, "rb") as file:
        try:
            with Image.open(file) as card:
                card.verify()
            file.seek(-len(IEND), os.SEEK_END)
            return file.read() == IEND
        except Exception:  # noqa: BLE001 - whatever a truncated or garbled file raises in Pillow
            return False
