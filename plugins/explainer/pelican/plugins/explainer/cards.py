"""Share cards: the picture a link preview shows (`og:image`), drawn at build time for every page from
its title and the site's name on a plain background, so no page shares a blank or borrowed image.

Templates ask for a card with the `share_card` filter while pages are written; the files are drawn
once the build has finished writing (the finalized signal). A card's file name comes from its text,
so the same title always gives the same file, and the build stays byte-for-byte reproducible.
"""

import hashlib
import os
import textwrap

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT, MARGIN = 1200, 630, 80
BACKGROUND, INK, ACCENT = (11, 92, 173), (255, 255, 255), (255, 214, 102)
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


def draw(title, site_name):
    """A 1200 × 630 PNG: the title, wrapped, large; the site's name small beneath an accent rule."""
    card = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(card)
    size, lines = 72, []
    while size >= 40:  # the largest size at which the title fits in four lines
        lines = textwrap.wrap(title, width=int((WIDTH - 2 * MARGIN) / (size * 0.52)))
        if len(lines) <= 4:
            break
        size -= 8
    font = ImageFont.load_default(size)
    y = MARGIN
    for line in lines[:4]:
        pen.text((MARGIN, y), line, font=font, fill=INK)
        y += int(size * 1.2)
    pen.rectangle((MARGIN, HEIGHT - MARGIN - 70, MARGIN + 120, HEIGHT - MARGIN - 62), fill=ACCENT)
    pen.text((MARGIN, HEIGHT - MARGIN - 40), site_name, font=ImageFont.load_default(36), fill=INK)
    return card.quantize(colors=16)  # a flat picture: 16 colours keep each file small


def write_all(pelican):
    """finalized: draw every card the written pages asked for into the output folder."""
    settings = pelican.settings
    folder = os.path.join(pelican.output_path, settings["EXPLAINER_SHARE_CARDS_PATH"])
    requests = settings.get(CARDS, {})
    if requests:
        os.makedirs(folder, exist_ok=True)
    for name, (title, site_name) in sorted(requests.items()):
        draw(title, site_name).save(os.path.join(folder, name), optimize=True)
