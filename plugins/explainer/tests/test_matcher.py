"""The matching rules readers rely on: whole words, case rules, longest match, Unicode names."""

from pelican.plugins.explainer.model.entities import Name
from pelican.plugins.explainer.reading.matcher import Matcher


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
    m, _ = matcher(
        h18=[("Hwasong-18", False)], us=[("U.S.", True)], kim=[("Kim Jong Un", False)], cpv=[("People's Volunteers", False)]
    )
    text = "Kim Jong Un's Hwasong-18 worried U.S. officials; the People’s Volunteers fought. Hwasong-180 is not one."
    assert found(m, text) == [("Kim Jong Un", "kim"), ("Hwasong-18", "h18"), ("U.S.", "us"), ("People’s Volunteers", "cpv")]


def test_a_name_split_over_two_lines_still_matches():
    m, _ = matcher(kim=[("Kim Jong Un", False)])
    assert found(m, "leader Kim Jong\nUn said") == [("Kim Jong\nUn", "kim")]


def test_unicode_names_and_boundaries():
    m, _ = matcher(kim=[("Ким Чен Ын", False)], kr=[("조선", False)], ss=[("Straße", False)])
    assert found(m, "Лидер Ким Чен Ын; Кимчи; 조선 중앙; die Straße und Straßen") == [
        ("Ким Чен Ын", "kim"),
        ("조선", "kr"),
        ("Straße", "ss"),
    ]


def test_capitals_match_exactly_and_other_names_ignore_case():
    m, _ = matcher(icbm=[("ICBM", True)], arm=[("armistice", False)], nis=[("NIS", True)])
    assert found(m, "an icbm, an ICBM; Armistice and ARMISTICE; nis and NIS") == [
        ("ICBM", "icbm"),
        ("Armistice", "arm"),
        ("ARMISTICE", "arm"),
        ("NIS", "nis"),
    ]


def test_longest_match_wins_where_names_overlap():
    m, _ = matcher(
        arm=[("armistice", False)],
        kaa=[("Korean Armistice Agreement", False)],
        h=[("Hwasong", False)],
        h18=[("Hwasong-18", False)],
    )
    assert found(m, "The Korean Armistice Agreement, an armistice; Hwasong-18 and Hwasong.") == [
        ("Korean Armistice Agreement", "kaa"),
        ("armistice", "arm"),
        ("Hwasong-18", "h18"),
        ("Hwasong", "h"),
    ]


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
        ("U.S.", "us"),
        ("C++", "cpp"),
        ("(KPA)", "kpa"),
    ]


def test_a_name_typed_with_extra_or_odd_white_space_still_matches():
    m, _ = matcher(kim=[("Kim Jong Un", False)], war=[("Korean War", False)])
    text = "leader Kim Jong \nUn said the Korean  War, the Korean\u202fWar."
    assert found(m, text) == [("Kim Jong \nUn", "kim"), ("Korean  War", "war"), ("Korean\u202fWar", "war")]


def test_a_name_typed_decomposed_or_with_invisible_characters_still_matches():
    m, _ = matcher(choson=[("Chosŏn", False)], h18=[("Hwasong-18", False)])
    text = "Chos\u006f\u0306n said; Hwa\u00adsong-18 and Hwasong\u201118 flew."
    assert found(m, text) == [("Chos\u006f\u0306n", "choson"), ("Hwa\u00adsong-18", "h18"), ("Hwasong\u201118", "h18")]


def test_an_apostrophe_joins_a_word_except_in_a_possessive():
    m, _ = matcher(xi=[("Xi", True)], brien=[("Brien", False)], kim=[("Kim", True)])
    assert found(m, "In Xi'an and Xi’an, O'Brien met Kim's aide and Xi’s; 'Xi' and Kim'") == [
        ("Kim", "kim"),
        ("Xi", "xi"),
        ("Xi", "xi"),
        ("Kim", "kim"),
    ]


def test_a_name_inside_a_web_or_email_address_is_not_a_mention():
    m, _ = matcher(politburo=[("Politburo", False)], kcna=[("KCNA", True)])
    text = "See https://example.com/Politburo-report, www.kcna.kp/KCNA and press@KCNA.kp; the Politburo and KCNA met."
    assert found(m, text) == [("Politburo", "politburo"), ("KCNA", "kcna")]


def test_where_names_overlap_without_nesting_the_longest_wins():
    m, _ = matcher(
        nk=[("North Korean", False)],
        kpa=[("Korean People's Army", False)],
        sk=[("South Korea", False)],
        war=[("Korean War", False)],
    )
    assert found(m, "The North Korean People's Army; South Korea War; North Korean War.") == [
        ("Korean People's Army", "kpa"),
        ("South Korea", "sk"),
        ("North Korean", "nk"),
    ]


def test_chinese_and_japanese_names_need_no_spaces_and_korean_ones_take_particles():
    m, _ = matcher(kr=[("조선", False)], cn=[("朝鲜", False)], jp=[("北朝鮮", False)])
    assert found(m, "조선이 말했다. 북조선. 朝鲜说. 北朝鮮は.") == [("조선", "kr"), ("朝鲜", "cn"), ("北朝鮮", "jp")]
