"""One matcher for every name of every entity: Aho–Corasick over folded text, then the rules.

A single automaton finds all candidate names in one pass over a text, whatever the number of names;
each hit is then checked for its case rule and for whole-token edges, and of hits that overlap the
longest is kept ("Korean Armistice Agreement" wins over "armistice").
"""

import re
import unicodedata

import ahocorasick

# Characters that read the same as a plainer one: typographic apostrophes, every kind of space, hyphens.
_PLAIN = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00a0": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u3000": " ",
        "\n": " ",
        "\t": " ",
        "\r": " ",
        "\u2010": "-",
        "\u2011": "-",
    }
)
# Invisible characters a name may be typed with (soft hyphen, zero-width space and joiners, byte-order mark).
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# A web or email address written out as text: a name inside one is part of the address, not a mention.
_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>]+|[^\s<>@()]+@[^\s<>@()]+\.\w+", re.IGNORECASE)


def fold(text):
    """Lower-case with typographic apostrophes and white space made plain, every index kept in place."""
    text = text.translate(_PLAIN)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def as_read(text):
    r"""`text` as a reader reads it, for matching: plain characters (_PLAIN), composed (NFC), each run of white
    space one space, invisible characters gone; with the span of `text` each of its characters comes from
    (None when nothing moved). "Kim Jong \nUn", "Chos\u006f\u0306n" and "Hwa\u00adsong" read as typed plainly."""
    plain = text.translate(_PLAIN)
    if "  " not in plain and _INVISIBLE.isdisjoint(plain) and unicodedata.is_normalized("NFC", plain):
        return plain, None
    characters, spans, index = [], [], 0
    while index < len(plain):
        end = index + 1
        while end < len(plain) and unicodedata.combining(plain[end]):
            end += 1
        if plain[index] in _INVISIBLE or (plain[index] == " " and characters and characters[-1] == " "):
            index += 1
            continue
        for character in unicodedata.normalize("NFC", plain[index:end]):
            characters.append(character)
            spans.append((index, end))
        index = end
    return "".join(characters), spans


def name_key(text):
    """The form in which two names are the same name to the matcher."""
    return fold(as_read(text.strip())[0])


def is_word_char(char):
    """Letters, digits, combining marks and the underscore: what a word is made of, in any script."""
    return char == "_" or unicodedata.category(char)[0] in "LNM"


def is_unspaced(char):
    """Chinese characters and Japanese kana, written without spaces between words."""
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def is_hangul(char):
    """Korean, where a particle follows a noun without a space (조선이, 조선은)."""
    return "\uac00" <= char <= "\ud7af" or "\u1100" <= char <= "\u11ff" or "\u3130" <= char <= "\u318f"


class Matcher:
    """Finds entity names in text. Built once per build from (Name, entity) pairs."""

    def __init__(self, named_entities):
        self._automaton = ahocorasick.Automaton()
        by_key = {}
        for name, entity in named_entities:
            written = as_read(name.text.strip())[0]
            by_key.setdefault(fold(written), []).append((written, name.case_sensitive, entity))
        for key, candidates in by_key.items():
            self._automaton.add_word(key, (len(key), candidates))
        self.empty = not by_key
        if not self.empty:
            self._automaton.make_automaton()

    def may_match(self, text):
        """True when `text` holds any name at all, ignoring case and word edges: a cheap pre-filter."""
        if self.empty:
            return False
        for _ in self._automaton.iter(fold(as_read(text)[0])):
            return True
        return False

    def find(self, text):
        """[(start, end, entity)] in text order: whole-token matches, the longest first where they overlap
        ("North Korean People's Army" is the Korean People's Army, not North Korean), none inside an address."""
        if self.empty:
            return []
        read, spans = as_read(text)
        folded = fold(read)
        hits = []
        for end_index, (length, candidates) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if not whole_token(folded, start, end):
                continue
            for written, case_sensitive, entity in candidates:
                if not case_sensitive or read[start:end] == written:
                    hits.append((start, end, entity))
                    break
        if spans is not None:
            hits = [(spans[start][0], spans[end - 1][1], entity) for start, end, entity in hits]
        if hits and ("@" in text or "/" in text or "www." in text.lower()):
            addresses = [address.span() for address in _ADDRESS.finditer(text)]
            hits = [hit for hit in hits if not any(start < hit[1] and hit[0] < end for start, end in addresses)]
        chosen = []
        for hit in sorted(hits, key=lambda hit: (hit[0] - hit[1], hit[0])):
            if not any(hit[0] < end and start < hit[1] for start, end, _ in chosen):
                chosen.append(hit)
        return sorted(chosen, key=lambda hit: hit[0])


def whole_token(text, start, end):
    """A name is a whole token when no word character touches it on either side, whatever its own edge
    characters are ("U.S." is not in "U.S.A.", "C++" is not in "C++11"), when a name that ends (or starts)
    with punctuation is not continued by the same punctuation ("C++" is not in "C+++"), and when an apostrophe
    beside it does not join it to a word ("Xi" is not in "Xi'an", "Brien" not in "O'Brien"), except in a
    possessive ("Kim's"). Chinese and Japanese names need no edge, nor does a Korean name before a particle."""
    if start > 0 and not is_unspaced(text[start]):
        before = text[start - 1]
        if is_word_char(before) or (not is_word_char(text[start]) and before == text[start]):
            return False
        if before == "'" and start > 1 and is_word_char(text[start - 2]):
            return False
    if end < len(text) and not (is_unspaced(text[end - 1]) or is_hangul(text[end - 1])):
        after = text[end]
        if is_word_char(after) or (not is_word_char(text[end - 1]) and after == text[end - 1]):
            return False
        if after == "'" and end + 1 < len(text) and is_word_char(text[end + 1]) and not _possessive(text, end):
            return False
    return True


def joins_word(neighbour, edge, following):
    """True when `neighbour`, a character a reader sees beside a name's `edge` character but in another element
    ("un*Juche*ly", "<b>un</b>Veto"), makes the name part of a longer word; `following`: it comes after the name."""
    if not neighbour or not is_word_char(neighbour) or is_unspaced(edge):
        return False
    return not (following and is_hangul(edge))


def _possessive(text, end):
    """`'s` and no more letters after `end`."""
    return text[end + 1 : end + 2] == "s" and (end + 2 == len(text) or not is_word_char(text[end + 2]))
