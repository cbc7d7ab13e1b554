"""The same commit built twice gives the same site, byte for byte: nothing in it depends on the clock,
on the order files are read, or on whether linking is on."""

from conftest import ROOT, build, content_copy, make_build  # noqa: F401 - content_copy is a fixture


def files(folder):
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_building_twice_gives_byte_identical_output(tmp_path, made_site):
    """The session's `make build` (made_site) and one more, into another folder."""
    result = make_build(tmp_path / "second")
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = files(made_site), files(tmp_path / "second")
    assert first.keys() == second.keys()
    assert [str(path) for path in first if first[path] != second[path]] == []


def test_sitemap_takes_dates_from_the_content_and_leaves_out_404_and_robots(real_site):
    sitemap = (real_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "404.html" not in sitemap and "robots.txt" not in sitemap
    article = real_site.html("articles/victory-day-parade-2023/")
    modified = article.select("p.dates time")[-1]["datetime"][:10]  # the article's own Modified
    assert f"<loc>/articles/victory-day-parade-2023/</loc><lastmod>{modified}</lastmod>" in sitemap
    assert "<loc>/glossary/icbm/</loc><lastmod>" in sitemap


def test_reading_time_is_the_same_with_linking_on_or_off(tmp_path, real_site):
    plain = build(ROOT / "content", tmp_path / "output", extra_settings={"EXPLAINER_AUTOLINK": False})
    for page in ("articles/victory-day-parade-2023/", "articles/parade-drones/"):
        assert plain.html(page).select_one(".dates").get_text() == real_site.html(page).select_one(".dates").get_text()


def test_articles_with_the_same_date_are_listed_by_title(tmp_path, content_copy):  # noqa: F811
    for slug, title in (("zeta", "Zeta explainer"), ("alpha", "Alpha explainer")):
        text = (content_copy / "articles/parade-drones.md").read_text(encoding="utf-8")
        lines = text.split("\n")
        lines = [
            f"Title: {title}" if line.startswith("Title:") else f"Slug: {slug}" if line.startswith("Slug:") else line
            for line in lines
        ]
        (content_copy / f"articles/{slug}.md").write_text("\n".join(lines), encoding="utf-8")
    site = build(content_copy, tmp_path / "output")
    listed = [
        a.get_text()
        for a in site.html("countries/north-korea/").select("a")
        if a.get_text() in ("Alpha explainer", "Zeta explainer")
    ]
    assert listed[:2] == ["Alpha explainer", "Zeta explainer"]
