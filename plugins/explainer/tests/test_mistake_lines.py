"""A mistake about a metadata key is on the line the Markdown reader recorded for that key, not one found by
opening the file again."""

from pelican.settings import read_settings
from pelican_site import PLAIN_FILES, PLAIN_SETTINGS, make_site, pelican, write

from pelican.plugins.explainer import state
from pelican.plugins.explainer.checks.errors import metadata_line
from pelican.plugins.explainer.settings import apply


def test_a_key_is_on_the_line_the_reader_recorded(tmp_path):
    config = read_settings(None, override={"PATH": str(tmp_path)})
    apply(config)
    build = state.start(config)
    try:
        build.written_keys[str(tmp_path / "gone.md")] = {"template": [3], "slug": [2, 5]}
        # the file is not there: the lines come from what was recorded, the first of a key given twice
        assert metadata_line(str(tmp_path / "gone.md"), "Template") == 3
        assert metadata_line(str(tmp_path / "gone.md"), "slug") == 2
        assert metadata_line(str(tmp_path / "gone.md"), "summary") is None
    finally:
        state.end()


def test_a_build_reports_a_key_on_the_line_it_was_read_from(tmp_path):
    article = "Title: A report\nDate: 2024-06-01\nCategory: news\n  Template: nowhere\n\nRuritania spoke.\n"
    content = make_site(tmp_path, {**PLAIN_FILES, "news/report.md": article})
    settings = write(tmp_path / "pelicanconf.py", PLAIN_SETTINGS + 'EXPLAINER_RELATION_TYPES = {"rival": {}}\n')
    code, log = pelican(content, settings, tmp_path / "output")
    # Python-Markdown reads a key indented by up to three spaces as metadata, and the reader records its line
    assert code != 0 and "news/report.md:4: Template names 'nowhere'" in log, log
