"""`make build` as whoever publishes runs it: atomic, strict, and working from a fresh clone."""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

from conftest import ROOT, make_env, write


def make(*args, cwd=ROOT, timeout=900):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=cwd,
        env=make_env(COLUMNS="400"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(folder):
    """Every file under `folder` with a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_broken_content_fails_and_keeps_previous_output(tmp_path, content_copy, made_site):
    """The previous output is a copy of the session's `make build` of this content (made_site)."""
    output = tmp_path / "output"
    shutil.copytree(made_site, output)
    before = snapshot(output)
    assert "index.html" in before

    broken = write(
        content_copy / "articles" / "broken-date.md",
        "Title: Broken\nDate: 2023-13-45\nSummary: A file with a bad date.\n\nText.\n",
    )
    second = make("build", f"CONTENT={content_copy}", f"OUTPUT={output}")

    assert second.returncode != 0
    message = second.stdout + second.stderr
    assert f"{broken}:2:" in message and "not a valid date" in message
    assert "Traceback" not in message
    assert "output/ was left exactly as it was" in message
    assert snapshot(output) == before
    assert not (tmp_path / "output.partial").exists()


def test_make_build_works_from_a_fresh_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    for item in ("content", "theme", "plugins", "pelicanconf.py", "Makefile", "requirements.txt"):
        assert (clone / item).exists(), f"{item} is not committed"
    result = make("build", cwd=clone)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (clone / ".venv" / "bin" / "pelican").exists()
    assert (clone / "output" / "index.html").is_file()
    shutil.rmtree(clone / ".venv")


# Set-up: the Debian packages, and no silent skips -----------------------------------------------------

SYSTEM_PACKAGES = ROOT / "tools" / "system-packages.sh"


def system_packages(listing, tmp_path, as_nobody=False):
    """Run tools/system-packages.sh on `listing`, with a fake apt-get that logs its arguments
    and "installs" a package by creating tmp_path/installed/<name>."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir(exist_ok=True)
    (tmp_path / "installed").mkdir(exist_ok=True)
    apt = fake_bin / "apt-get"
    apt.write_text(
        f'#!/bin/sh\necho "$@" >> "{tmp_path}/apt.log"\n'
        f'[ "$1" = install ] && for p in "$@"; do touch "{tmp_path}/installed/$p"; done\nexit 0\n'
    )
    apt.chmod(0o755)
    # A list file that nobody can read too (tmp_path's parents are private to root).
    with tempfile.NamedTemporaryFile("w", dir="/tmp", prefix="system-packages-", suffix=".txt") as list_file:
        list_file.write(listing)
        list_file.flush()
        os.chmod(list_file.name, 0o644)
        env = dict(os.environ, SYSTEM_PACKAGES_LIST=list_file.name, PATH=f"{fake_bin}:{os.environ['PATH']}")
        command = [str(SYSTEM_PACKAGES)]
        if as_nobody:
            command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def test_system_packages_installs_only_what_is_missing(tmp_path):
    listing = (
        f"# comment\nsh  command -v sh\n\nno-such-tool  test -e {tmp_path}/installed/no-such-tool\n"
        f"other-tool  test -e {tmp_path}/installed/other-tool\n"
    )
    result = system_packages(listing, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert calls == ["update -qq", "install -y -qq --no-install-recommends no-such-tool other-tool"]
    again = system_packages(listing, tmp_path)  # everything present now: apt-get is not run again
    assert again.returncode == 0 and (tmp_path / "apt.log").read_text().splitlines() == calls


def test_system_packages_says_what_to_install_when_not_root(tmp_path):
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        pytest.fail("this test runs the script as nobody with setpriv, as root", pytrace=False)
    listing = "sh  command -v sh\nno-such-tool  false\nrsync-ish  false\n"
    result = system_packages(listing, tmp_path, as_nobody=True)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "apt-get install -y --no-install-recommends no-such-tool rsync-ish" in lines[0]
    assert " sh " not in lines[0] and not (tmp_path / "apt.log").exists()


SKIPPING_TESTS = """\
import pytest
def test_runs(): pass
def test_needs_a_tool(): pytest.skip("frobnicator is missing")
@pytest.mark.parametrize("n", [1, 2])
def test_needs_a_gpu(n): pytest.skip("no GPU")
"""


def run_with_no_skips(folder, readme, *options):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "-p",
            "tests.pytest_no_skips",
            *options,
            f"--skip-allowlist={readme}",
            f"--rootdir={folder}",
            "-c",
            os.devnull,
            str(folder),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_skipped_test_fails_the_run_unless_the_readme_allows_it(tmp_path):
    write(tmp_path / "test_skipping.py", SKIPPING_TESTS)
    readme = write(
        tmp_path / "README.md",
        "## Tests\n\nAllowed to skip under `make test`:\n\n"
        "- `test_skipping.py::test_needs_a_gpu`: the machine has no GPU\n\nMore text.\n",
    )
    result = run_with_no_skips(tmp_path, readme)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SKIPPED test_skipping.py::test_needs_a_tool: frobnicator is missing" in result.stdout
    assert "test_needs_a_gpu" not in result.stdout.split("skipped tests fail make test")[1].split("short test summary")[0]

    write(
        readme,
        "Allowed to skip under `make test`:\n\n- `test_skipping.py::test_needs_a_gpu`: no GPU here\n"
        "- `test_skipping.py::test_needs_a_tool`: frobnicators are rare\n",
    )
    allowed = run_with_no_skips(tmp_path, readme)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr


def test_an_allow_list_entry_without_a_reason_does_not_count(tmp_path):
    write(tmp_path / "test_skipping.py", SKIPPING_TESTS)
    readme = write(
        tmp_path / "README.md",
        "Allowed to skip under `make test`:\n\n- `test_skipping.py::test_needs_a_gpu`: no GPU\n"
        "- `test_skipping.py::test_needs_a_tool`\n",
    )
    result = run_with_no_skips(tmp_path, readme)
    assert result.returncode == 1 and "test_needs_a_tool: frobnicator is missing" in result.stdout


def test_under_xdist_a_skip_still_fails_the_run_and_the_tiers_add_up_the_workers(tmp_path):
    """`make test` runs the suite with pytest-xdist: the workers' skips reach the allow-list check, and each
    worker's tier counts reach the controller, which prints their sum."""
    write(tmp_path / "test_skipping.py", SKIPPING_TESTS)
    write(tmp_path / "test_starting.py", "import subprocess\ndef test_starts_a_process(): subprocess.run(['true'], check=True)\n")
    readme = write(
        tmp_path / "README.md", "Allowed to skip under `make test`:\n\n- `test_skipping.py::test_needs_a_gpu`: no GPU\n"
    )
    result = run_with_no_skips(tmp_path, readme, "--numprocesses", "2", "--dist", "loadfile", "-p", "tests.pytest_tiers")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SKIPPED test_skipping.py::test_needs_a_tool: frobnicator is missing" in result.stdout
    tiers = result.stdout.split("time per tier (each the sum over 2 workers)")[1]
    assert " 4 tests" in tiers.split("site in-process:")[1].splitlines()[0], result.stdout
    assert " 1 tests; processes started: true 1 (0 builds)" in tiers.split("end-to-end:")[1].splitlines()[0], result.stdout
