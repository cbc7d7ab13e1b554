"""Settings that cannot be misread: an EXPLAINER_ key the plugin does not know, and a value of the wrong kind,
are named once against pelicanconf.py (a typo was silently ignored, and "no" read as True)."""

import pytest
from pelican_site import HOUSE_RULES

from pelican.plugins.explainer.settings import DEFAULTS, SettingsError, Tables, apply, entity_types, shape_mistakes


@pytest.mark.parametrize(
    "key, value, expected",
    [
        (
            "EXPLAINER_AUTOLNK",
            False,
            "EXPLAINER_AUTOLNK is not a setting of the explainer plugin — did you mean EXPLAINER_AUTOLINK?",
        ),
        ("EXPLAINER_AUTOLINK", "no", "EXPLAINER_AUTOLINK is 'no' — write True or False"),
        ("EXPLAINER_LINK_ALL", 1, "EXPLAINER_LINK_ALL is 1 — write True or False"),
        (
            "EXPLAINER_ARTICLE_REQUIRED",
            "summary",
            "EXPLAINER_ARTICLE_REQUIRED is 'summary' — give a tuple of strings, e.g. ('summary',)",
        ),
        (
            "EXPLAINER_UNACCEPTABLE_HOSTS",
            ("example.org", 3),
            "EXPLAINER_UNACCEPTABLE_HOSTS is ('example.org', 3) — give a tuple of strings",
        ),
        ("EXPLAINER_PUBLICATION_KINDS", ["Reuters"], "EXPLAINER_PUBLICATION_KINDS is ['Reuters'] — give a dict"),
        ("EXPLAINER_WHATEVER", 1, "EXPLAINER_WHATEVER is not a setting of the explainer plugin — remove it"),
        (
            "EXPLAINR_MIN_SOURCES",
            5,
            "EXPLAINR_MIN_SOURCES is not a setting of the explainer plugin — did you mean EXPLAINER_MIN_SOURCES?",
        ),
        ("EXPLAINER_MIN_SOURCES", "3", "EXPLAINER_MIN_SOURCES is '3' — give a whole number, e.g. 0"),
        ("EXPLAINER_MIN_SOURCES", -1, "EXPLAINER_MIN_SOURCES is -1 — give a whole number"),
        ("EXPLAINER_SITEMAP_SAVE_AS", 5, "EXPLAINER_SITEMAP_SAVE_AS is 5 — give a text in quotes"),
        ("EXPLAINER_FOOTNOTE_PATTERN", "([", "EXPLAINER_FOOTNOTE_PATTERN is '([', which is not a regular expression"),
        ("EXPLAINER_HTML_TAGS", "svg", "EXPLAINER_HTML_TAGS is 'svg' — give a tuple of strings, e.g. ('svg',)"),
        ("EXPLAINER_HTML_ATTRIBUTES", ("href",), "EXPLAINER_HTML_ATTRIBUTES is ('href',) — give a dict"),
        ("EXPLAINER_URL_SCHEMES", "https", "EXPLAINER_URL_SCHEMES is 'https' — give a tuple of strings"),
        ("EXPLAINER_KNOWN_KEYS_ONLY", "yes", "EXPLAINER_KNOWN_KEYS_ONLY is 'yes' — write True or False"),
    ],
)
def test_a_setting_that_would_be_misread_is_named(key, value, expected):
    found = list(shape_mistakes({**DEFAULTS, key: value}).values())
    assert len(found) == 1 and found[0].startswith(expected), found


def test_the_defaults_and_lists_where_tuples_are_expected_are_fine():
    assert shape_mistakes(dict(DEFAULTS)) == {}
    assert shape_mistakes({**DEFAULTS, "EXPLAINER_ARTICLE_REQUIRED": ["summary"], "EXPLAINER_AUTOLINK": False}) == {}
    # a house rule off (None) or on, with a value shaped like the one the README shows
    assert shape_mistakes({**DEFAULTS, **HOUSE_RULES}) == {}


def test_every_mistake_is_named_at_once_and_the_build_goes_on_with_the_defaults():
    settings = {"EXPLAINER_AUTOLNK": False, "EXPLAINER_LINK_ALL": "yes"}
    assert apply(settings) == [
        "EXPLAINER_AUTOLNK is not a setting of the explainer plugin — did you mean EXPLAINER_AUTOLINK?",
        "EXPLAINER_LINK_ALL is 'yes' — write True or False",
    ]
    assert "EXPLAINER_AUTOLNK" not in settings and settings["EXPLAINER_LINK_ALL"] is False


def test_a_value_the_plugin_cannot_work_with_still_raises():
    with pytest.raises(SettingsError, match="EXPLAINER_WORKERS is 'two'"):
        apply({"EXPLAINER_WORKERS": "two"})


def test_a_settings_mistake_is_named_alone_and_the_build_reads_the_rest_with_the_default():
    from pelican.plugins.explainer import checked_settings

    config = {
        "EXPLAINER_ENTITY_TYPES": {"glossary": {"requried": ["title"]}},
        "EXPLAINER_KEY_POINTS": 0,
        "EXPLAINER_CHAPTERS": {1: {"title": "What happened", "question": "What did …?"}},
    }
    problems = checked_settings(config)
    assert [problem.split(" — ")[0] for problem in problems] == [
        "EXPLAINER_ENTITY_TYPES['glossary'] has unknown option(s) requried",
        "EXPLAINER_KEY_POINTS is 0",
    ]
    tables = Tables.of(config)
    assert set(tables.types) == {"glossary", "countries"} and tables.chapters == {1: ("What happened", "What did …?")}
    # settings hold only settings: what is derived from them is the build's (state.py), never a key of theirs
    assert not {"EXPLAINER_TYPES", "EXPLAINER_RELATIONS", "EXPLAINER_CHAPTER_TABLE"} & set(config)


def test_a_sites_kinds_add_to_the_defaults_and_change_them_key_by_key(tmp_path):
    (tmp_path / "people").mkdir()
    settings = {
        "PATH": str(tmp_path),
        "EXPLAINER_ENTITY_TYPES": {"people": {"template": "person"}, "glossary": {"label": "Words"}},
    }
    apply(settings)
    kinds = entity_types(settings)
    assert sorted(kinds) == ["countries", "glossary", "people"]
    assert kinds["glossary"].label == "Words" and kinds["glossary"].template == "term"  # the rest kept
    assert kinds["people"].template == "person" and kinds["people"].path == "people"


def test_a_kind_set_to_none_is_removed(tmp_path):
    settings = {"PATH": str(tmp_path), "EXPLAINER_ENTITY_TYPES": {"countries": None, "glossary": {"references": {}}}}
    apply(settings)
    assert sorted(entity_types(settings)) == ["glossary"]


def test_a_kind_the_site_adds_without_its_folder_is_one_clear_message(tmp_path):
    settings = {"PATH": str(tmp_path), "EXPLAINER_ENTITY_TYPES": {"people": {"path": "persons"}}}
    with pytest.raises(SettingsError) as error:
        apply(settings)
    assert str(error.value) == (
        "EXPLAINER_ENTITY_TYPES['people'] reads its entries from persons/ in the content, which is not a folder — "
        "create it with one Markdown file per entry, or set the kind to None to remove it"
    )
    assert error.value.key == "EXPLAINER_ENTITY_TYPES"
