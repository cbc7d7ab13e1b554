"""tools/build.py, the build `make build` and `make publish` run: one build of a folder at a time, a build
killed at any step recovered by the next, a full disk one line, and the last good site kept through all of it.

The kill points are the build's own test hook, EXPLAINER_BUILD_PAUSE_AT (its docstring): the build stops
there, says so, and the test kills it with SIGKILL, which no program can catch."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest
from test_make_build import make, snapshot

from conftest import ROOT, article, make_env, make_site, term

INDEX = [sys.executable, "-m", "pagefind", "--quiet", "--site"]
SETTINGS = ROOT / "pelicanconf.py"


def command(content, output, index=INDEX, patch=""):
    """tools.build on `content`, with `patch` (Python) run first in its process: the tests' monkeypatching."""
    start = f"{patch}\nfrom tools import build\nsys.exit(build.main())"
    return [sys.executable, "-c", f"import sys\n{start}", str(content), str(SETTINGS), str(output), "--", *index]


def run(content, output, **options):
    result = subprocess.run(
        command(content, output, **options),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, COLUMNS="400"),
    )
    result.log = result.stdout + result.stderr
    return result


def start(content, output, pause, argv=None):
    """A build paused at the step `pause`: (its process, the process id of the build itself)."""
    env = dict(os.environ, COLUMNS="400", EXPLAINER_BUILD_PAUSE_AT=pause)
    process = subprocess.Popen(
        argv or command(content, output),
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    said = []
    for line in process.stdout:
        said.append(line)
        if line.startswith(f"Paused at {pause} (process "):
            return process, int(line.rsplit(" ", 1)[1].rstrip(")\n")), said
    process.wait()
    raise AssertionError(f"the build never paused at {pause}:\n{''.join(said)}")


def files(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def beside(output):
    """The names in the folder that holds OUTPUT: what a build may have left there."""
    return sorted(os.listdir(output.parent))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A small content folder, and a clean build of it (the folder a complete build makes). It has enough
    articles for the build to start its worker processes (plugin workers.py), which a kill must end too."""
    root = tmp_path_factory.mktemp("site")
    files = {"glossary/icbm.md": term("ICBM")}
    files.update({f"articles/a{number}.md": article(f"a{number}", "An ICBM flew.", category="news") for number in range(20)})
    content = make_site(root, files)
    clean = root / "clean" / "output"
    result = run(content, clean)
    assert result.returncode == 0, result.log
    assert "Built the site into" in result.stdout and (clean / "index.html").is_file()
    return content, clean


@pytest.fixture
def built(site, tmp_path):
    """A private copy of the clean build, as the output a new build replaces: (content, output, its snapshot)."""
    content, clean = site
    output = tmp_path / "www" / "output"
    shutil.copytree(clean, output)
    return content, output, snapshot(output)


def one_line(result, *expected):
    """The build failed with one line, the one expected, and no traceback."""
    assert result.returncode != 0, result.log
    assert "Traceback" not in result.log, result.log
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # stdout: Pelican's progress
    assert len(lines) == 1, result.log
    assert all(text in lines[0] for text in expected), result.log
    return lines[0]


@pytest.mark.parametrize("step", ["pelican", "pagefind", "precompress", "swap", "cleanup"])
def test_a_build_killed_at_any_step_leaves_a_complete_site_that_the_next_build_keeps(built, site, step):
    content, output, before = built
    process, pid, _ = start(content, output, step)
    os.kill(pid, signal.SIGKILL)
    process.wait(timeout=30)
    # What the kill left: the site complete in OUTPUT, or (between the renames) in OUTPUT.previous.
    partial, previous = output.with_name("output.partial"), output.with_name("output.previous")
    if step == "swap":
        assert not output.exists() and snapshot(previous) == before
    else:
        assert files(output) == files(site[1])
    if step in ("pelican", "pagefind", "precompress"):
        assert snapshot(output) == before, "a build killed before its swap leaves the output as it was"

    again = run(content, output)
    assert again.returncode == 0, again.log
    assert files(output) == files(site[1]) and (output / "index.html").is_file()
    assert not partial.exists() and not previous.exists()
    assert beside(output) == ["output", "output.lock"]
    if step == "swap":
        assert "Note: " in again.stderr and "the last good build" in again.stderr, again.log


def test_a_failing_build_after_a_kill_between_the_renames_keeps_the_last_good_site(built, tmp_path):
    """The issue's case: the killed build left only OUTPUT.previous, and the next build must not lose it."""
    content, output, before = built
    broken = shutil.copytree(content, tmp_path / "broken")
    (broken / "articles" / "c.md").write_text("Title: C\nDate: 2023-13-45\nSummary: A bad date.\n\nText.\n")
    process, pid, _ = start(content, output, "swap")
    os.kill(pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert not output.exists()

    failed = run(broken, output)
    assert failed.returncode == 1
    assert "Build failed: " in failed.stderr and "output/ was left exactly as it was." in failed.stderr
    assert "not a valid date" in failed.stderr and "Traceback" not in failed.log
    assert snapshot(output) == before, "the last good site is back in OUTPUT, byte for byte"
    assert beside(output) == ["output", "output.lock"]


def test_a_second_build_of_the_same_folder_refuses_in_one_line_and_touches_nothing(built, site):
    content, output, before = built
    first, pid, said = start(content, output, "pelican")
    partial = files(output.with_name("output.partial"))
    second = run(content, output)
    line = one_line(second, "Build refused: a build of ", f"is already running (process {pid})", "nothing was touched")
    assert str(output) in line
    assert snapshot(output) == before and files(output.with_name("output.partial")) == partial

    first.stdin.write("\n")  # the first build goes on, and finishes
    first.stdin.close()
    rest = first.stdout.read()
    assert first.wait(timeout=300) == 0, "".join(said) + rest
    assert "Built the site into" in rest
    assert files(output) == files(site[1]) and beside(output) == ["output", "output.lock"]


def paused_make_build(content, output):
    """(the process, what it said) of a `make build` paused inside Pelican: a write to its stdin lets it go on."""
    env = make_env(EXPLAINER_BUILD_PAUSE_AT="pelican")
    first = subprocess.Popen(
        ["make", "--no-print-directory", "build", f"CONTENT={content}", f"OUTPUT={output}"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    said = []
    for line in first.stdout:
        said.append(line)
        if line.startswith("Paused at pelican"):
            return first, said
    raise AssertionError("".join(said))


def test_two_make_builds_at_once_one_refuses(tmp_path):
    """Through the Makefile: the second `make build` of a folder says that one is running, and the first
    finishes. The first is paused inside Pelican, so they overlap every time."""
    content = make_site(tmp_path, {"articles/a.md": article("a", "Text.")})
    output = tmp_path / "output"
    first, said = paused_make_build(content, output)
    second = make("build", f"CONTENT={content}", f"OUTPUT={output}")
    assert second.returncode != 0
    refusals = [line for line in second.stderr.splitlines() if "refused" in line]
    assert len(refusals) == 1 and f"a build of {output}/ is already running (process " in refusals[0], second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    first.stdin.write("\n")
    first.stdin.close()
    rest = first.stdout.read()
    assert first.wait(timeout=300) == 0, "".join(said) + rest
    assert f"Built the site into {output}/" in rest and (output / "index.html").is_file()


ENOSPC = "OSError(errno.ENOSPC, os.strerror(errno.ENOSPC){})"
FULL_DISK = {
    # Pelican writing a page
    "pelican": textwrap.dedent(f"""\
        import errno, os
        from pelican import writers
        def write_file(self, name, *args, **kwargs):
            raise {ENOSPC.format(", os.path.join(self.output_path, name)")}
        writers.Writer.write_file = write_file
        """),
    # the compression, writing a file's .gz copy
    "precompress": textwrap.dedent(f"""\
        import errno, os
        from tools import precompress
        def compress(path):
            raise {ENOSPC.format(", f'{path}.gz'")}
        precompress.compress = compress
        """),
}


@pytest.mark.parametrize("where", ["pelican", "precompress"])
def test_a_full_disk_is_one_line_and_the_last_good_site_is_kept(built, where):
    content, output, before = built
    result = run(content, output, patch=FULL_DISK[where])
    one_line(
        result,
        "Build failed: the disk is full while writing ",
        "output.partial/",
        ": free space and build again; ",
        "output/ was left exactly as it was.",
    )
    assert snapshot(output) == before and beside(output) == ["output", "output.lock"]


def test_a_full_disk_in_pagefind_is_one_line_too(built):
    content, output, before = built
    # Pagefind's own words when it cannot write (a Rust io::Error), and its exit status.
    full = ["sh", "-c", 'echo "Error: Failed to write index: No space left on device (os error 28)" >&2; exit 1', "sh"]
    result = run(content, output, index=full)
    one_line(
        result,
        "Build failed: the disk is full while writing into ",
        "output.partial/: free space and build again",
        "output/ was left exactly as it was.",
    )
    assert snapshot(output) == before and beside(output) == ["output", "output.lock"]


def test_a_failing_index_command_says_what_it_said(built):
    content, output, before = built
    result = run(content, output, index=["sh", "-c", 'echo "pagefind: something else went wrong" >&2; exit 3', "sh"])
    assert result.returncode == 1 and "Traceback" not in result.log
    assert "pagefind: something else went wrong" in result.stderr
    assert result.stderr.strip().endswith("Build failed: " + f"{output}/ was left exactly as it was.")
    assert snapshot(output) == before


def test_the_lock_is_released_when_the_build_is_killed(built):
    """The kernel releases the lock when its holder dies, whatever kills it: no stale lock to delete by hand."""
    content, output, _ = built
    process, pid, _ = start(content, output, "pagefind")
    os.kill(pid, signal.SIGKILL)
    process.wait(timeout=30)
    again = run(content, output)
    assert again.returncode == 0 and "refused" not in again.log, again.log


def test_make_build_uses_the_tool_with_the_gates_as_one_argument():
    recipe = subprocess.run(
        ["make", "-n", "--no-print-directory", "publish", "SITEURL=http://example.org/it's"],
        cwd=ROOT,
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    line = next(line for line in recipe.splitlines() if "-m tools.build" in line)
    assert '--name "Publish"' in line and "-m tools.search_index" in line
    assert "--gates='echo " in line and '"$MK_SITEURL"' in line and "it's" not in line, (
        "the gates are one argument, and SITEURL reaches them through the environment, never pasted in"
    )


def test_make_clean_during_a_build_refuses_and_removes_nothing(tmp_path):
    """`make clean` takes the build's lock: while a build of the folder runs it removes nothing (it deleted the
    build's OUTPUT.partial and its lock, so a second build could start beside the first)."""
    content = make_site(tmp_path, {"articles/a.md": article("a", "Text.")})
    output = tmp_path / "output"
    assert make("build", f"CONTENT={content}", f"OUTPUT={output}").returncode == 0
    before = files(output)
    first, said = paused_make_build(content, output)
    cleaned = make("clean", f"OUTPUT={output}")
    assert cleaned.returncode != 0
    refusals = [line for line in cleaned.stderr.splitlines() if "refused" in line]
    assert len(refusals) == 1 and f"a build of {output}/ is running" in refusals[0], cleaned.stderr
    assert files(output) == before and output.with_name("output.partial").is_dir()
    first.stdin.write("\n")
    first.stdin.close()
    assert first.wait(timeout=300) == 0, "".join(said) + first.stdout.read()
    assert make("clean", f"OUTPUT={output}").returncode == 0 and not output.exists()


def test_a_build_that_waited_while_clean_deleted_the_lock_file_locks_the_file_at_its_path(tmp_path):
    """`make clean` deletes OUTPUT.lock while it holds it; a devserver rebuild waiting on it would then hold a lock
    on a file no longer there, beside a new build's lock on a new file. It opens the path again instead."""
    import threading
    import time

    from tools import build

    output, got = tmp_path / "output", {}

    def waiter():
        with build.locked(str(output), wait=lambda pid: None) as fd:
            got["locked"], got["at the path"] = os.fstat(fd).st_ino, os.stat(f"{output}.lock").st_ino

    with build.locked(str(output)):
        thread = threading.Thread(target=waiter)
        thread.start()
        time.sleep(0.5)
        os.unlink(f"{output}.lock")  # what make clean does while it holds the lock
    thread.join(10)
    assert got and got["locked"] == got["at the path"]
