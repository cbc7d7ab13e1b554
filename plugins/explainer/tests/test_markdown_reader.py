"""The plugin's Markdown reader: Pelican's public MarkdownReader.read with the plugin's extensions made for each
document from the settings and its metadata, and the registry's metadata read the same way."""

import pytest
from markdown import Markdown
from markdown.test_tools import TestCase
from pelican.settings import read_settings

from pelican.plugins.explainer import state
from pelican.plugins.explainer.extras import ATTRIBUTE
from pelican.plugins.explainer.reading import registry
from pelican.plugins.explainer.settings import apply


@pytest.fixture(autouse=True)
def no_build_left():
    """Each test starts a build's state (its registry) and ends it, so none outlives its test."""
    yield
    state.end()


def site(tmp_path, files, **settings):
    """The settings of a site whose content is `files` ({path: text}), with a build's state (its registry)."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = read_settings(None, override={"PATH": str(tmp_path), **settings})
    apply(config)
    state.start(config)
    return config


class TestMetadataExtensions(TestCase):
    def test_metadata_block_converts_nothing_below_the_first_blank_line(self):
        self.assertMarkdownRenders(
            "Title: A\nSummary: B\n\nThe *text*.", "", extensions=["meta", registry.MetadataBlockExtension()]
        )

    def test_one_value_per_key_joins_lines_but_for_line_lists(self):
        md = Markdown(extensions=["meta", registry.OneValuePerKeyExtension()])
        md.convert("Title: On\n    two lines\nImages: a.png | A\n    b.png | B\n\nText.")
        self.assertEqual(md.Meta, {"title": ["On two lines"], "images": ["a.png | A", "b.png | B"]})


def test_read_metadata_converts_a_formatted_field_whole(tmp_path):
    config = site(tmp_path, {"glossary/icbm.md": "Title: ICBM\nSummary:\n    A long-range\n    missile.\n\nAbout it.\n"})
    assert registry.read_metadata(str(tmp_path / "glossary/icbm.md"), config)["summary"] == "<p>A long-range\nmissile.</p>"
    assert registry.read_metadata(str(tmp_path / "glossary/none.md"), config) is None


def test_the_reader_builds_the_extensions_from_the_settings_and_the_metadata(tmp_path):
    config = site(
        tmp_path,
        {
            "glossary/icbm.md": "Title: ICBM\nSummary: A missile.\n\nAbout it.\n",
            "articles/a.md": "Title: On\n    two lines\nSummary: The ICBM.\n\n"
            "The ICBM flew.[^r] See [b]({filename}b.md) and [the term]({filename}/glossary/icbm.md).\n\n[^r]: Seen.\n",
        },
        DEFAULT_LANG="ko",
    )
    content, metadata = registry.LinkingMarkdownReader(config).read(str(tmp_path / "articles/a.md"))
    assert content.startswith('<p>The <a class="term" data-summary="A missile." data-term="glossary:icbm"')
    assert '<a class="explainer-link" href="{filename}b.md">b</a>' in content
    assert '<a href="{filename}/glossary/icbm.md">the term</a>' in content
    assert 'aria-label="출처"' in content  # the site's language
    assert metadata["title"] == "On two lines"
    assert metadata["summary"] == "<p>The ICBM.</p>"  # formatted metadata is not linked
    facts = metadata[ATTRIBUTE].facts
    assert facts.mentions == {"glossary:icbm": 1}
    assert facts.written_keys == {"title": [1], "summary": [3]}
