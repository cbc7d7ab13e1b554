"""Share cards: the picture a link preview shows (`og:image`), drawn at build time for every page from
its title and the site's name on a plain background, so no page shares a blank or borrowed image.

Templates ask for a card with the `share_card` filter while pages are written; the files are drawn
once the build has finished writing (the finalized signal). A card's file name comes from its text,
so the same title always gives the same file, and the build stays byte-for-byte reproducible.
"""

import functools
import hashlib
import multiprocessing
import os
import shutil
import textwrap
from concurrent.futures import ProcessPoolExecutor

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT, MARGIN = 1200, 630, 80
BACKGROUND, INK = (11, 92, 173), (255, 255, 255)
# Ink level 0–255 → the colour between the background and the ink (the text's smooth edges).
PALETTE = [round(b + (i - b) * level / 255) for level in range(256) for b, i in zip(BACKGROUND, INK)]
PER_WORKER = 50  # cards a worker process draws at a time; fewer than two batches are drawn here
CARDS = "EXPLAINER_SHARE_CARD_REQUESTS"  # settings key: this build's {file name: (title, site name)}


def start(settings):
    """Forget the cards of an earlier build (an autoreload run reuses the settings)."""
    settings[CARDS] = {}


def make_filter(settings):
    """`{{ title|share_card }}` → the card's address under the output folder, e.g. "cards/card.1a2b3c4d5e6f.png"."""

    def share_card(title):
        text = (" ".join(str(title).split()), settings.get("SITENAME", ""))
        name = "card." + hashlib.sha256("\n".join(text).encode("utf-8")).hexdigest()[:12] + ".png"  # kept for good
        settings.setdefault(CARDS, {})[name] = text
        return f"{settings['EXPLAINER_SHARE_CARDS_PATH']}/{name}"

    return share_card


@functools.lru_cache(maxsize=None)
def font_of(size):
    return ImageFont.load_default(size)


def draw(title, site_name):
    """A 1200 × 630 PNG: the title, wrapped, large; the site's name small beneath a rule.

    The card is drawn in one channel (how much ink each pixel has) and coloured by its palette, from the
    background to the ink: a picture of two colours needs no colour quantising, which took most of the
    time of drawing a card (at newsroom scale a build draws thousands)."""
    card = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(card)
    size, lines = 72, []
    while size >= 40:  # the largest size at which the title fits in four lines
        lines = textwrap.wrap(title, width=int((WIDTH - 2 * MARGIN) / (size * 0.52)))
        if len(lines) <= 4:
            break
        size -= 8
    font = font_of(size)
    y = MARGIN
    for line in lines[:4]:
        pen.text((MARGIN, y), line, font=font, fill=255)
        y += int(size * 1.2)
    pen.rectangle((MARGIN, HEIGHT - MARGIN - 70, MARGIN + 120, HEIGHT - MARGIN - 62), fill=255)
    pen.text((MARGIN, HEIGHT - MARGIN - 40), site_name, font=font_of(36), fill=255)
    card.putpalette(PALETTE)
    return card


def write_card(target, title, site_name):
    """Draw one card into `target` (in a worker process: module-level, so it can be sent there)."""
    draw(title, site_name).save(target, compress_level=1)  # a card is fetched once per preview: speed wins


def write_all(pelican):
    """finalized: draw every card the written pages asked for into the output folder, on every core (a
    site with a thousand terms has a thousand cards). With Pelican's content cache on (make devserver),
    cards are kept in the cache folder too: a card's name comes from its text, so a rebuild copies the
    ones it already drew instead of drawing them again."""
    settings = pelican.settings
    folder = os.path.join(pelican.output_path, settings["EXPLAINER_SHARE_CARDS_PATH"])
    requests = settings.get(CARDS, {})
    cached = settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")
    kept = os.path.join(settings.get("EXPLAINER_CACHE_BASE") or settings["CACHE_PATH"], "explainer-cards") if cached else None
    for where in (folder, kept) if requests else ():
        if where:
            os.makedirs(where, exist_ok=True)
    to_draw = []
    for name, (title, site_name) in sorted(requests.items()):
        if kept and os.path.isfile(os.path.join(kept, name)):
            shutil.copyfile(os.path.join(kept, name), os.path.join(folder, name))
        else:
            to_draw.append((os.path.join(folder, name), title, site_name))
    workers = min(os.cpu_count() or 1, len(to_draw) // PER_WORKER)
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            list(pool.map(write_card, *zip(*to_draw), chunksize=PER_WORKER))
    else:
        for card in to_draw:
            write_card(*card)
    for target, _, _ in to_draw if kept else ():
        shutil.copyfile(target, os.path.join(kept, os.path.basename(target)))
