"""The benchmark's synthetic site is a valid site for every tool it is built with: `make bench` measures
real builds that write the pages, not failures or empty sites."""

import re
import sys

from benchmark import make_corpus, timed_build

from bench import others


def test_synthetic_corpus_builds_and_links(tmp_path):
    content, _names = make_corpus(tmp_path, articles=5, terms=20)
    seconds, peak_mib = timed_build(content, tmp_path / "output")
    assert seconds > 0 and peak_mib > 0
    page = (tmp_path / "output" / "articles" / "a0" / "index.html").read_text(encoding="utf-8")
    assert 'class="term"' in page


def test_pelican_without_the_plugin_writes_the_same_pages_unlinked(tmp_path):
    content, names = make_corpus(tmp_path, articles=3, terms=5)
    plain, settings = others.plain_pelican(content, tmp_path)
    result = others.run(others.plain_command(plain, settings, tmp_path / "plain"), timeout=60)
    assert result.seconds is not None, result.error
    article = (tmp_path / "plain" / "articles" / "a0" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Article 0</h1>" in article and 'class="term"' not in article
    term = (tmp_path / "plain" / "glossary" / "term-0" / "index.html").read_text(encoding="utf-8")
    assert f"<h1>{names[0]}</h1>" in term


def test_mkdocs_shows_glossary_tooltips_and_hugo_writes_every_article(tmp_path):
    content, names = make_corpus(tmp_path, articles=3, terms=5)
    mkdocs = others.run(others.mkdocs_command(others.mkdocs_project(content, tmp_path / "mk"), tmp_path / "mk-out"), timeout=60)
    assert mkdocs.seconds is not None, mkdocs.error
    for index in range(3):
        page = (tmp_path / "mk-out" / "articles" / f"a{index}" / "index.html").read_text(encoding="utf-8")
        tooltips = set(re.findall(r'<abbr title="What (.+?) means\.">\1</abbr>', page))
        assert tooltips and tooltips <= set(names)
    hugo = others.run(others.hugo_command(others.hugo_project(content, tmp_path / "hu"), tmp_path / "hu-out"), timeout=60)
    assert hugo.seconds is not None, hugo.error
    for index in range(3):
        page = (tmp_path / "hu-out" / "articles" / f"a{index}" / "index.html").read_text(encoding="utf-8")
        assert f"<h1>Article {index}</h1>" in page and 'class="footnote' in page


def test_a_build_past_its_timeout_is_stopped_and_reported(tmp_path):
    result = others.run(["sleep", "30"], timeout=0.5)
    assert result.seconds is None and result.error == "did not finish in 0.5 s"


def test_peak_memory_is_the_builds_own_not_the_benchmarks():
    ballast = b"x" * (300 << 20)  # the benchmark process itself is large; a build's figure must not include it
    small = others.run([sys.executable, "-c", "pass"], timeout=30)
    large = others.run([sys.executable, "-c", "data = b'x' * (200 << 20)"], timeout=30)
    assert len(ballast) and small.peak_mib < 100 and large.peak_mib >= 200
