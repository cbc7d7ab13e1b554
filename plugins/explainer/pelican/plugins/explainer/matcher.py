"""One matcher for every name of every entity: Aho–Corasick over folded text, then the rules.

A single automaton finds all candidate names in one pass over a text, whatever the number of names;
each hit is then checked for its case rule and for whole-token edges, and the leftmost-longest hits
that do not overlap are kept ("Korean Armistice Agreement" wins over "armistice").
"""

import unicodedata

import ahocorasick

_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\n": " ", "\t": " ", "\r": " "})


def fold(text):
    """Lower-case with typographic apostrophes and white space made plain, every index kept in place."""
    text = text.translate(_PLAIN)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def is_word_char(char):
    """Letters, digits, combining marks and the underscore: what a word is made of, in any script."""
    return char == "_" or unicodedata.category(char)[0] in "LNM"


class Matcher:
    """Finds entity names in text. Built once per build from (Name, entity) pairs."""

    def __init__(self, named_entities):
        self._automaton = ahocorasick.Automaton()
        by_key = {}
        for name, entity in named_entities:
            key = fold(name.text)
            by_key.setdefault(key, []).append((name.text.translate(_PLAIN), name.case_sensitive, entity))
        for key, candidates in by_key.items():
            self._automaton.add_word(key, (len(key), candidates))
        self.empty = not by_key
        if not self.empty:
            self._automaton.make_automaton()

    def may_match(self, text):
        """True when `text` holds any name at all, ignoring case and word edges: a cheap pre-filter."""
        if self.empty:
            return False
        for _ in self._automaton.iter(fold(text)):
            return True
        return False

    def find(self, text):
        """[(start, end, entity)] for the leftmost-longest whole-token matches, in text order."""
        if self.empty:
            return []
        folded = fold(text)
        plain = text.translate(_PLAIN)
        hits = []
        for end_index, (length, candidates) in self._automaton.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if not whole_token(folded, start, end):
                continue
            for written, case_sensitive, entity in candidates:
                if not case_sensitive or plain[start:end] == written:
                    hits.append((start, end, entity))
                    break
        hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        chosen, reach = [], 0
        for start, end, entity in hits:
            if start >= reach:
                chosen.append((start, end, entity))
                reach = end
        return chosen


def whole_token(text, start, end):
    """A name is a whole token when no word character touches it on either side, whatever its own edge
    characters are ("U.S." is not in "U.S.A.", "C++" is not in "C++11"), and when a name that ends (or
    starts) with punctuation is not continued by the same punctuation ("C++" is not in "C+++")."""
    if start > 0:
        before = text[start - 1]
        if is_word_char(before) or (not is_word_char(text[start]) and before == text[start]):
            return False
    if end < len(text):
        after = text[end]
        if is_word_char(after) or (not is_word_char(text[end - 1]) and after == text[end - 1]):
            return False
    return True
