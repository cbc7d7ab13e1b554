"""The words the plugin's templates show, in one place a site or theme can translate.

Templates write English and pass it through the `t` filter with the page's language:
`{{ "Mentioned in"|t(lang) }}`, `{{ "{n} min read"|t(lang, n=minutes) }}`. EXPLAINER_STRINGS in the
settings adds or overrides translations: `{"ko": {"Mentioned in": "언급된 글"}}`. Text with no
translation shows in English, so a missing one is never an empty page.
"""

import functools

DEFAULT_STRINGS = {
    "ko": {
        "Mentioned in": "언급된 글",
        "{n} min read": "{n}분 분량",
        "Glossary": "용어집",
        "Sources": "출처",
        "Countries": "국가",
        "No explainer mentions this yet.": "아직 이 항목을 언급한 글이 없습니다.",
        "Also written": "다른 표기",
        "More about {title}": "{title} 자세히 보기",
        "{n} mentions": "{n}회 언급",
        "1 mention": "1회 언급",
        "Read it in “{title}”": "‘{title}’에서 읽기",
    },
}


def translations(settings):
    """{lang: {English: translation}}: the plugin's own, then the site's EXPLAINER_STRINGS over them."""
    site = settings.get("EXPLAINER_STRINGS") or {}
    return {lang: {**DEFAULT_STRINGS.get(lang, {}), **site.get(lang, {})} for lang in {*DEFAULT_STRINGS, *site}}


def make_filter(settings):
    """The `t` filter for one build's settings: a module-level function with its table, which pickle can store
    (Pelican's content cache pickles the settings, the filters among them)."""
    return functools.partial(translate, translations(settings), settings["DEFAULT_LANG"])


def translate(table, default_lang, text, lang=None, **values):
    """`text` in `lang` (the site's default when none), from `table`, with `values` filled in; the English itself when
    the table has no translation for it."""
    words = table.get((lang or default_lang).lower(), {}).get(text, text)
    return words.format(**values) if values else words
