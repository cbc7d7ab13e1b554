"""The benchmark's synthetic site is a valid site: `make bench` measures real builds, not failures."""

from benchmark import make_corpus, timed_build


def test_synthetic_corpus_builds_and_links(tmp_path):
    content, names = make_corpus(tmp_path, articles=5, terms=20)
    seconds, peak_mib = timed_build(content, tmp_path / "output")
    assert seconds > 0 and peak_mib > 0
    page = (tmp_path / "output" / "articles" / "a0" / "index.html").read_text(encoding="utf-8")
    assert 'class="term"' in page
