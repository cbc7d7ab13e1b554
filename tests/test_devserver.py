"""`make devserver`: the strict checks and messages of `make build`, a rebuild after every edit with Pelican's
content cache on, a stale link never left after a glossary edit, and the last good build served while the
content has a mistake."""

import subprocess

import pytest
from bs4 import BeautifulSoup
from devserver_process import DevServerProcess

from conftest import ROOT, article, build, make_site, term


@pytest.fixture
def devserver(tmp_path):
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"),
                                   "articles/a.md": article("a", "An intercontinental ballistic missile flew.",
                                                             category="news")})  # a Category is cached too
    server = DevServerProcess(content, tmp_path / "output", index=True)
    try:
        succeeded, _ = server.wait_build(0)
        assert succeeded, server.log()
        yield server, content
    finally:
        server.stop()


def links(server, path):
    status, html = server.get(path)
    assert status == 200, f"{path}: HTTP {status}"
    return [a.get_text() for a in BeautifulSoup(html, "lxml").select("a.term")]


def edit(server, path, text):
    """Write `text` to `path` and return whether the rebuild it causes succeeded."""
    before = server.builds()
    path.write_text(text, encoding="utf-8")
    return server.wait_build(before)[0]


def test_a_glossary_edit_relinks_the_served_page_and_no_stale_link_survives(devserver, tmp_path):
    server, content = devserver
    assert links(server, "/articles/a/") == []
    assert edit(server, content / "glossary/icbm.md", term("ICBM", aliases="intercontinental ballistic missile")), server.log()
    assert links(server, "/articles/a/") == ["intercontinental ballistic missile"]
    assert edit(server, content / "glossary/icbm.md", term("ICBM")), server.log()  # and back: the link goes
    assert links(server, "/articles/a/") == []
    assert server.get("/pagefind/pagefind.js")[0] == 200, "the search index is written after each build"
    assert (tmp_path / "output.cache").is_dir(), "Pelican's content cache is kept beside the output"


def test_a_mistake_prints_what_make_build_prints_and_the_last_good_build_stays_served(devserver, tmp_path):
    server, content = devserver
    home = server.get("/")
    bad = content / "articles/bad.md"
    assert not edit(server, bad, article("bad", "Some text.", status="pubished"))
    # the same lines as the strict build, each with its path and line
    expected = build(content, tmp_path / "strict", check=False)
    problems = [line for line in expected.log.splitlines() if line.startswith(("ERROR:", "WARNING:")) or "problem(s) found" in line]
    assert problems and all(line in server.log().splitlines() for line in problems), server.log()
    assert "Rebuild failed:" in server.log() and "still serves the last good build" in server.log()
    assert server.get("/") == home
    before = server.builds()
    bad.unlink()
    assert server.wait_build(before)[0], server.log()


def test_make_devserver_runs_it():
    recipe = subprocess.run(["make", "-n", "--no-print-directory", "devserver", "PORT=8123"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60).stdout
    # PORT reaches the recipe through the environment, checked first (tests/test_make_paths.py)
    assert "-m tools.devserver" in recipe and '--port "$MK_PORT"' in recipe and "-m pagefind" in recipe, recipe
