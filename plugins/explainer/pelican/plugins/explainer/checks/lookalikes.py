"""Text that reads differently from how it is stored: invisible characters in metadata, addresses that look
like other addresses.

A right-to-left override (U+202E) turns a title around on screen; a zero-width space inside an alias ("th\u200be")
slips past the common-word check and then links every "the"; a Cyrillic "а" in a Slug publishes an address
that looks exactly like another article's. Metadata is short, shown in lists, feeds and links, and matched
against text, so there these characters are mistakes. Body text keeps what its language needs: a zero-width
non-joiner between two Persian letters, a zero-width joiner inside an emoji sequence.
"""

import re
import unicodedata
from collections.abc import Iterable

# Bidirectional embeddings, overrides, isolates and marks, and characters that are invisible and join nothing.
ASCII_LAST = 0x7F  # the last ASCII code point
# The last code point of the Latin letters, IPA and spacing modifiers: a joiner is needed only between letters of
# the scripts after them (Arabic, the Indic scripts…).
LATIN_LAST = 0x2FF
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
TAGS = frozenset(map(chr, range(0xE0020, 0xE0080)))  # tag characters: invisible, but for a subdivision flag
INVISIBLE = (
    frozenset(
        "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2028\u2029\u2060\u2061\u2062\u2063\u2064"
        "\u3164\ufeff\uffa0\ufff9\ufffa\ufffb\U000e0001"
    )
    | TAGS
)
JOINERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner: needed between letters of some scripts
# Variation selectors (an emoji's colour form, a CJK glyph variant) and Mongolian free variation selectors: they
# change the character before them, so they belong after a character outside ASCII, never after a Latin letter.
SELECTORS = frozenset(
    "\u180b\u180c\u180d\u180f" + "".join(map(chr, range(0xFE00, 0xFE10))) + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
# Cyrillic and Greek letters drawn like Latin ones: beside Latin letters in one word ("ICBМ" with a Cyrillic М) they
# make a look-alike of another word; a Greek Δ or μ in "ΔV" or "μSv" looks like nothing else and is fine.
LATIN_LOOKALIKES = frozenset("АВЕЅІЈКМНОРСТХУаеѕіјорсхуԁԛԝҮһӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρυχ")
BLACK_FLAG, KEYCAP = "\U0001f3f4", "\u20e3"  # a subdivision flag is 🏴 and tag characters; a keycap is 1, U+FE0F, U+20E3


def hidden_character(text: str) -> str | None:
    """The first character of `text` that hides or reorders what a reader sees, or None. A joiner counts only
    where no script needs it: anywhere but between two letters (or marks) outside ASCII, or, for the
    zero-width joiner, beside a pictograph."""
    for index, character in enumerate(text):
        if character in TAGS and in_flag(text, index):
            continue
        if character in BIDI_CONTROLS or character in INVISIBLE:
            return character
        if character in JOINERS and not joins(text, index):
            return character
        if character in SELECTORS and not (index and ord(text[index - 1]) > ASCII_LAST) and text[index + 1 : index + 2] != KEYCAP:
            return character
    return None


def in_flag(text: str, index: int) -> bool:
    """A tag character inside a subdivision flag: 🏴 then tag characters (🏴󠁧󠁢󠁳󠁣󠁴󠁿, Scotland)."""
    start = index
    while start and text[start - 1] in TAGS:
        start -= 1
    return start > 0 and text[start - 1] == BLACK_FLAG


def mixed_script_word(text: str) -> str | None:
    """The first word of `text` with Latin letters and a Cyrillic or Greek letter drawn like a Latin one (a look-alike
    of another name), or None."""
    for word in re.findall(r"\w+", text):
        latin = any(unicodedata.name(character, "").startswith("LATIN ") for character in word)
        if latin and any(character in LATIN_LOOKALIKES for character in word):
            return word
    return None


def joins(text: str, index: int) -> bool:
    """Whether the joiner at `index` does a joiner's work: between two letters of a script that needs it, or
    inside an emoji sequence."""
    before, after = text[index - 1 : index] if index else "", text[index + 1 : index + 2]
    if not before or not after:
        return False
    if text[index] == "\u200d" and "So" in (unicodedata.category(before), unicodedata.category(after)):
        return True  # an emoji sequence
    return all(ord(c) > LATIN_LAST and unicodedata.category(c)[0] in "LM" for c in (before, after))


def describe(character: str) -> str:
    """U+202E (RIGHT-TO-LEFT OVERRIDE)."""
    return f"U+{ord(character):04X} ({unicodedata.name(character, 'unnamed character')})"


def metadata_values(metadata: dict) -> Iterable[tuple[str, str]]:
    """(key, text) of every metadata value an author wrote as text (lists one item at a time)."""
    for key, value in metadata.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(item, str):
                yield key, item


def non_ascii(text: str) -> str | None:
    """The first character of `text` outside ASCII, or None."""
    return next((character for character in text if ord(character) > ASCII_LAST), None)


def fold(address: str) -> str:
    """An output path as a case-insensitive file system (macOS, Windows, many hosts) sees it."""
    return unicodedata.normalize("NFC", address).casefold()
