"""With Pelican's content cache on, an edit to a glossary term still relinks every page that needs it."""

from conftest import article, build, make_site, term


def test_a_stale_link_never_survives_a_glossary_edit(tmp_path):
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"),
                                   "articles/a.md": article("a", "An intercontinental ballistic missile flew.")})
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(tmp_path / "cache")}
    first = build(content, tmp_path / "one", extra_settings=cached)
    assert first.html("articles/a/").select("a.term") == []
    (content / "glossary/icbm.md").write_text(term("ICBM", aliases="intercontinental ballistic missile"), encoding="utf-8")
    second = build(content, tmp_path / "two", extra_settings=cached)
    assert [a.get_text() for a in second.html("articles/a/").select("a.term")] == ["intercontinental ballistic missile"]
    (content / "glossary/icbm.md").write_text(term("ICBM"), encoding="utf-8")  # and back: the link goes again
    third = build(content, tmp_path / "three", extra_settings=cached)
    assert third.html("articles/a/").select("a.term") == []
