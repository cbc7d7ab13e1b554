"""`make devserver`: the strict checks and messages of `make build`, a rebuild after every edit with Pelican's
content cache on, a stale link never left after a glossary edit, and the last good build served while the
content has a mistake."""

import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup
from devserver_process import DevServerProcess

from conftest import ROOT, article, build, make_env, make_site, term


@pytest.fixture
def devserver(tmp_path):
    content = make_site(
        tmp_path,
        {
            "glossary/icbm.md": term("ICBM"),
            "articles/a.md": article("a", "An intercontinental ballistic missile flew.", category="news"),
        },
    )  # a Category is cached too
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
    problems = [
        line for line in expected.log.splitlines() if line.startswith(("ERROR:", "WARNING:")) or "problem(s) found" in line
    ]
    assert problems and all(line in server.log().splitlines() for line in problems), server.log()
    assert "Rebuild failed:" in server.log() and "still serves the last good build" in server.log()
    assert server.get("/") == home
    before = server.builds()
    bad.unlink()
    assert server.wait_build(before)[0], server.log()


def test_make_devserver_runs_it():
    recipe = subprocess.run(
        ["make", "-n", "--no-print-directory", "devserver", "PORT=8123"],
        cwd=ROOT,
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    # PORT reaches the recipe through the environment, checked first (tests/test_make_paths.py)
    assert "-m tools.devserver" in recipe and '--port "$MK_PORT"' in recipe and "-m tools.search_index" in recipe, recipe


def test_a_damaged_cache_file_is_discarded_and_the_devserver_builds(tmp_path):
    """A cache file truncated (a devserver killed while Pelican saved it) made every rebuild fail with an
    EOFError to report; now it is deleted with a note, and the build goes on."""
    content = make_site(tmp_path, {"glossary/icbm.md": term("ICBM"), "articles/a.md": article("a", "An ICBM flew.")})
    output = tmp_path / "output"
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": f"{output}.cache"}
    build(content, tmp_path / "first", extra_settings=cached)  # the cache the devserver will find
    damaged = next((tmp_path / "output.cache").glob("explainer-*/ArticlesGenerator-Readers"))
    damaged.write_bytes(damaged.read_bytes()[:40])
    server = DevServerProcess(content, output)
    try:
        succeeded, _ = server.wait_build(0)
        assert succeeded, server.log()
        assert "ArticlesGenerator-Readers: the content cache file was damaged (EOFError" in server.log()
        assert "Traceback" not in server.log()
        assert server.get("/articles/a/")[0] == 200
    finally:
        server.stop()


def test_a_rebuild_waits_for_a_make_build_of_the_same_folder_and_recovers_first(tmp_path):
    """The devserver takes the lock of tools/build.py for each rebuild: it waits while another build holds
    it, then puts back a site a stopped build left only in OUTPUT.previous."""
    content = make_site(tmp_path, {"articles/a.md": article("a", "Text.")})
    output = tmp_path / "output"
    build(content, tmp_path / "output.previous")  # what a build killed between its two renames leaves
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys\nfrom tools import build\n"
                "with build.locked(sys.argv[1]):\n    print('locked', flush=True)\n    sys.stdin.readline()"
            ),
            str(output),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "locked\n"
    server = DevServerProcess(content, output)
    try:
        deadline = time.monotonic() + 60
        while "Waiting for the build of" not in server.log() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert f"Waiting for the build of {output}/ (process {holder.pid}) to end…" in server.log()
        assert server.builds() == 0 and not output.exists()
        holder.communicate("\n", timeout=30)
        assert server.wait_build(0)[0], server.log()
        assert "held the last good build" in server.log()
        assert (output / "index.html").is_file() and not (tmp_path / "output.previous").exists()
    finally:
        holder.kill()
        server.stop()
