"""The matching rules readers rely on: whole words, case rules, longest match, Unicode names."""

from pelican.plugins.explainer.entities import Name
from pelican.plugins.explainer.matcher import Matcher


class Entry:
    def __init__(self, slug):
        self.slug = slug
        self.key = f"glossary:{slug}"

    def __repr__(self):
        return self.slug


def matcher(**names):
    """matcher(icbm=[("ICBM", True), ...]) → (Matcher, {slug: entry})."""
    entries = {slug: Entry(slug) for slug in names}
    pairs = [(Name(text, exact), entries[slug]) for slug, spelled in names.items() for text, exact in spelled]
    return Matcher(pairs), entries


def found(m, text):
    return [(text[start:end], entity.slug) for start, end, entity in m.find(text)]


def test_whole_words_only():
    m, _ = matcher(tel=[("TEL", True)], war=[("war", False)])
    assert found(m, "A TEL, not a TELESCOPE or HOTEL.") == [("TEL", "tel")]
    assert found(m, "The war; warfare; postwar; war.") == [("war", "war"), ("war", "war")]


def test_names_with_hyphens_dots_apostrophes_and_spaces():
    m, _ = matcher(h18=[("Hwasong-18", False)], us=[("U.S.", True)], kim=[("Kim Jong Un", False)],
                   cpv=[("People's Volunteers", False)])
    text = "Kim Jong Un's Hwasong-18 worried U.S. officials; the People’s Volunteers fought. Hwasong-180 is not one."
    assert found(m, text) == [("Kim Jong Un", "kim"), ("Hwasong-18", "h18"), ("U.S.", "us"),
                              ("People’s Volunteers", "cpv")]


def test_a_name_split_over_two_lines_still_matches():
    m, _ = matcher(kim=[("Kim Jong Un", False)])
    assert found(m, "leader Kim Jong\nUn said") == [("Kim Jong\nUn", "kim")]


def test_unicode_names_and_boundaries():
    m, _ = matcher(kim=[("Ким Чен Ын", False)], kr=[("조선", False)], ss=[("Straße", False)])
    assert found(m, "Лидер Ким Чен Ын; Кимчи; 조선 중앙; die Straße und Straßen") == [
        ("Ким Чен Ын", "kim"), ("조선", "kr"), ("Straße", "ss")]


def test_capitals_match_exactly_and_other_names_ignore_case():
    m, _ = matcher(icbm=[("ICBM", True)], arm=[("armistice", False)], nis=[("NIS", True)])
    assert found(m, "an icbm, an ICBM; Armistice and ARMISTICE; nis and NIS") == [
        ("ICBM", "icbm"), ("Armistice", "arm"), ("ARMISTICE", "arm"), ("NIS", "nis")]


def test_longest_match_wins_where_names_overlap():
    m, _ = matcher(arm=[("armistice", False)], kaa=[("Korean Armistice Agreement", False)],
                   h=[("Hwasong", False)], h18=[("Hwasong-18", False)])
    assert found(m, "The Korean Armistice Agreement, an armistice; Hwasong-18 and Hwasong.") == [
        ("Korean Armistice Agreement", "kaa"), ("armistice", "arm"), ("Hwasong-18", "h18"), ("Hwasong", "h")]


def test_regex_characters_in_names_are_plain_text():
    m, _ = matcher(cpp=[("C++", False)], kpa=[("(KPA)", True)], us=[("U.S.", True)])
    assert found(m, "C++ and (KPA) and U.S. but not UxSx or KPA") == [("C++", "cpp"), ("(KPA)", "kpa"), ("U.S.", "us")]


def test_pre_filter_sees_any_candidate():
    m, _ = matcher(icbm=[("ICBM", True)])
    assert m.may_match("<p>an icbm</p>")
    assert not m.may_match("<p>nothing here</p>")


def test_a_name_never_matches_inside_a_longer_token_whatever_its_edges():
    m, _ = matcher(us=[("U.S.", True)], cpp=[("C++", False)], kpa=[("(KPA)", True)])
    assert found(m, "U.S.A. and C++11 and C+++ and x(KPA)y; U.S.-led, C++, (KPA).") == [
        ("U.S.", "us"), ("C++", "cpp"), ("(KPA)", "kpa")]
