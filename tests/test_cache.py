"""With Pelican's content cache on, an edit to a glossary term still relinks every page that needs it."""

import copyreg
import gzip

import pytest
from PIL import Image

from conftest import ROOT, article, build, make_site, term
from pelican.plugins.explainer import state
from pelican.plugins.explainer.reading import registry
from pelican.plugins.explainer.tooling import runner


def test_a_stale_link_never_survives_a_glossary_edit(tmp_path):
    content = make_site(
        tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An intercontinental ballistic missile flew.")}
    )
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    first = build(content, tmp_path / "one", extra_settings=cached)
    assert first.html("articles/a/").select("a.term") == []
    (content / "glossary/icbm.md").write_text(term("ICBM", aliases="intercontinental ballistic missile"), encoding="utf-8")
    second = build(content, tmp_path / "two", extra_settings=cached)
    assert [a.get_text() for a in second.html("articles/a/").select("a.term")] == ["intercontinental ballistic missile"]
    (content / "glossary/icbm.md").write_text(term("ICBM"), encoding="utf-8")  # and back: the link goes again
    third = build(content, tmp_path / "three", extra_settings=cached)
    assert third.html("articles/a/").select("a.term") == []


def damage(path, how):
    """Truncate the file at `path` to half its bytes, or fill it with bytes that unpickle to nothing."""
    data = path.read_bytes()
    path.unlink()  # a card may be a hard link to a page's card: never written through
    path.write_bytes(data[: len(data) // 2] if how == "truncated" else gzip.compress(b"not a pickle at all"))


@pytest.mark.parametrize("how", ["truncated", "garbled"])
def test_a_damaged_cache_file_is_discarded_with_a_note_and_the_build_goes_on(tmp_path, how):
    """A truncated file raised EOFError ("the build stopped … report it") in every build that read it, a
    garbled one Pelican's own warning, which fails a strict build; neither said to delete the cache."""
    content = make_site(
        tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM flew.", category="news")}
    )
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    clean = build(content, tmp_path / "one", extra_settings=cached)
    readers = sorted((tmp_path / "cache").glob("explainer-*/ArticlesGenerator-Readers"))
    assert len(readers) == 1
    damage(readers[0], how)

    again = build(content, tmp_path / "two", extra_settings=cached)
    notes = [line for line in again.log.splitlines() if line.startswith("Note: ")]
    assert len(notes) == 1 and "ArticlesGenerator-Readers: the content cache file was damaged (" in notes[0], again.log
    assert "deleted; this build reads the files it covered again" in notes[0]
    assert "Traceback" not in again.log and "WARNING" not in again.log and "ERROR" not in again.log
    assert again.html("articles/a/").select("a.term") == clean.html("articles/a/").select("a.term") != []
    assert gzip.decompress(readers[0].read_bytes()), "the build wrote the cache file anew"
    third = build(content, tmp_path / "three", extra_settings=cached)
    assert "Note: " not in third.log, "and the next build reads it"


def test_a_damaged_kept_share_card_is_drawn_again_not_published_broken(tmp_path):
    content = make_site(tmp_path, {"articles/a.md": article("a", "Text."), "articles/b.md": article("b", "Text.")})
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    first = build(content, tmp_path / "one", extra_settings=cached)
    kept = sorted((tmp_path / "cache").glob("explainer-cards-*/card.*.png"))
    assert len(kept) >= 2
    drawn = {path.name: path.read_bytes() for path in kept}
    damage(kept[0], "truncated")
    kept[1].unlink()
    kept[1].write_bytes(b"\x89PNG\r\n\x1a\n" + b"garbage" * 100)

    again = build(content, tmp_path / "two", extra_settings=cached)
    assert "2 kept share card(s) were damaged — drawn again" in again.log and "Traceback" not in again.log
    for path in (first.output / "cards").glob("*.png"):
        published = again.output / "cards" / path.name
        assert published.read_bytes() == drawn[path.name], f"{path.name} is published whole"
        with Image.open(published) as card:
            card.verify()
    assert all(path.read_bytes() == drawn[path.name] for path in kept), "the kept copies are whole again"


def test_a_cached_rebuild_is_byte_identical_and_the_plugin_patches_no_pickling(tmp_path, monkeypatch):
    """Pelican's cache pickles the settings with every Category, Tag and Author: the settings hold nothing pickle
    cannot store (the build's live objects are in its state), so no copyreg entry changes pickling for the
    whole process; and each build's state is dropped when it ends."""
    dispatch = dict(copyreg.dispatch_table)
    content = make_site(
        tmp_path,
        {
            "glossary/icbm.md": term("ICBM"),
            "articles/a.md": article("a", "An ICBM flew.", category="news", tags="missiles, parades"),
        },
    )
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache"), "EXPLAINER_WORKERS": 0}

    def built(name):
        output = tmp_path / name
        assert runner.run(str(content), str(ROOT / "pelicanconf.py"), str(output), cached).problems == []
        assert state.current() is None
        return {path.relative_to(output): path.read_bytes() for path in sorted(output.rglob("*")) if path.is_file()}

    first = built("one")
    converted = []
    monkeypatch.setattr(registry.LinkingMarkdownReader, "convert", lambda self, path: converted.append(path))
    assert built("two") == first
    assert converted == [], "the second build read every file from the cache"
    assert copyreg.dispatch_table == dispatch


def test_a_cache_an_older_plugin_wrote_is_never_read_back(tmp_path):
    """Before 1.1.0 a page's facts were cached under another key, in a folder named by the entities' names
    alone: read back, a page lost its facts. Each shape of cache now has a folder of its own, so after an
    upgrade the older one, beside it, is neither read nor touched."""
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM flew.")})
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    build(content, tmp_path / "one", extra_settings=cached)
    (readers,) = (tmp_path / "cache").glob("explainer-*/ArticlesGenerator-Readers")
    prefix = f"explainer-{registry.CACHE_FORMAT}-"
    assert readers.parent.name.startswith(prefix)
    older = readers.parent.with_name("explainer-" + readers.parent.name.removeprefix(prefix))  # as 1.0 named it
    older.mkdir()
    (older / "ArticlesGenerator-Readers").write_bytes(b"what the older plugin kept")
    again = build(content, tmp_path / "two", extra_settings=cached)
    assert (older / "ArticlesGenerator-Readers").read_bytes() == b"what the older plugin kept"
    assert "Note: " not in again.log and again.html("articles/a/").select("a.term")
