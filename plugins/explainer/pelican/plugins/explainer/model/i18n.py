"""The words the plugin's templates show, in one place a site or theme can translate.

Templates write English and pass it through the `t` filter with the page's language:
`{{ "Mentioned in"|t(lang) }}`, `{{ "{n} min read"|t(lang, n=minutes) }}`. EXPLAINER_STRINGS in the
settings adds or overrides translations: `{"ko": {"Mentioned in": "언급된 글"}}`. Text with no
translation shows in English, so a missing one is never an empty page; every word of the plugin's templates
has a built-in translation in each language of DEFAULT_STRINGS (tests/test_strings.py walks the templates).
"""

import functools

DEFAULT_STRINGS = {
    "ko": {
        "Mentioned in": "언급된 글",
        "{n} min read": "{n}분 분량",
        "Glossary": "용어집",
        "Sources": "출처",
        "Countries": "국가",
        "All countries": "모든 국가",
        "Show the events of one country:": "한 나라의 사건만 보기:",
        "Events of {dates} are marked": "{dates}의 사건 표시:",
        "No explainer mentions this yet.": "아직 이 항목을 언급한 글이 없습니다.",
        "Also written": "다른 표기",
        "More about {title}": "{title} 자세히 보기",
        "{n} mentions": "{n}회 언급",
        "1 mention": "1회 언급",
        "Read it in “{title}”": "‘{title}’에서 읽기",
        "Also in": "다른 언어로 읽기",
        "Explainers": "해설 기사",
        "People and organisations": "인물과 단체",
        "Relations": "관계",
        "Role in this story": "이 사안에서의 역할",
        "The figures drawn, as their sources give them": "그림의 수치 (출처가 밝힌 그대로)",
        "Missile": "미사일",
        "Length": "길이",
        "Diameter": "직경",
        "Stages": "단수",
        "Fuel": "연료",
        "Source": "출처",
        "liquid": "액체",
        "solid": "고체",
        "Drawn to one scale from the figures in the table; a dashed part is the range between a source's lower and upper estimate.": (
            "표의 수치를 같은 축척으로 그렸습니다. 점선 부분은 출처가 밝힌 추정치의 하한과 상한 사이입니다."
        ),
        "Each line is a relation, labelled with its type and the year it began; each name opens that country's page.": (
            "선 하나가 관계 하나이며, 관계의 종류와 시작된 해가 적혀 있습니다. 나라 이름을 누르면 그 나라의 페이지가 열립니다."
        ),
        "Each line is one of {title}'s relations, labelled with its type and the year it began; each name opens that country's page.": (
            "선 하나가 {title}의 관계 하나이며, 관계의 종류와 시작된 해가 적혀 있습니다. 나라 이름을 누르면 그 나라의 페이지가 열립니다."
        ),
        "since": "시작:",
        "Source:": "출처:",
        "{km} km": "{km}km",
        "Within it: {cities}.": "이 안에 드는 도시: {cities}.",
        "Also within it: {cities}.": "이 안에 더 드는 도시: {cities}.",
        "No listed city lies within it.": "이 안에 드는 목록의 도시가 없습니다.",
        "No further listed city lies within it.": "이 안에 더 드는 목록의 도시가 없습니다.",
        "Sources:": "출처:",
        "Source {n}": "출처 {n}",
        "Sources {list} and {last}": "출처 {list}, {last}",
        "via {carrier}": "{carrier} 경유",
        "Back to the text": "본문으로 돌아가기",
        "Back to the text: citation {letter}": "본문으로 돌아가기: 인용 {letter}",
        "Open the original": "원문 열기",
        "Corrections": "정정 내역",
        "Corrected on {date}": "{date} 정정",
        "Covers events up to {date}": "{date}까지의 사건을 다룹니다",
        "Every correction on this site": "이 사이트의 모든 정정 내역",
        "Every fact put right on this site since it was published, newest first.": (
            "이 사이트가 공개된 뒤 바로잡은 모든 사실을 최신순으로 보여 줍니다."
        ),
        "Nothing has needed correcting yet.": "아직 정정한 내용이 없습니다.",
        "Report a mistake": "오류 신고",
        "To report a mistake, write to the editors of this site.": "오류를 신고하려면 이 사이트의 편집자에게 연락해 주세요.",
        # The default kinds' labels, relation types and role headings (settings.py).
        "ally": "동맹",
        "partner": "협력",
        "adversary": "적대",
        "at war": "교전",
        "neutral": "중립",
        "At the event": "행사에서",
        "Allies and partners": "동맹과 협력 관계",
        "Adversaries": "적대 관계",
        "The key accusation": "핵심 의혹",
    },
}

# Each language the plugin has words for, named in itself: how a page offers its translations.
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}


def translations(settings):
    """{lang: {English: translation}}: the plugin's own, then the site's EXPLAINER_STRINGS over them."""
    site = settings.get("EXPLAINER_STRINGS") or {}
    return {lang: {**DEFAULT_STRINGS.get(lang, {}), **site.get(lang, {})} for lang in {*DEFAULT_STRINGS, *site}}


def make_filter(settings):
    """The `t` filter for one build's settings: a module-level function with its table, which pickle can store
    (Pelican's content cache pickles the settings, the filters among them)."""
    return functools.partial(translate, translations(settings), settings["DEFAULT_LANG"])


def language_name(lang):
    """`lang` named in itself ("한국어" for "ko"), for a link to a translation; the code itself for a language the
    plugin has no words for."""
    return LANGUAGE_NAMES.get(str(lang).lower(), str(lang))


def translate(table, default_lang, text, lang=None, **values):
    """`text` in `lang` (the site's default when none), from `table`, with `values` filled in; the English itself when
    the table has no translation for it."""
    words = table.get((lang or default_lang).lower(), {}).get(text, text)
    return words.format(**values) if values else words
