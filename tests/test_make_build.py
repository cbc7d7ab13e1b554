"""`make build` as whoever publishes runs it: atomic, strict, and working from a fresh clone."""

import hashlib
import os
import shutil
import subprocess

from conftest import ROOT, write


def make(*args, cwd=ROOT, timeout=900):
    env = dict(os.environ, COLUMNS="400")
    env.pop("MAKEFLAGS", None)
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def snapshot(folder):
    """Every file under `folder` with a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_broken_content_fails_and_keeps_previous_output(tmp_path, content_copy):
    output = tmp_path / "output"
    first = make("build", f"CONTENT={content_copy}", f"OUTPUT={output}")
    assert first.returncode == 0, first.stdout + first.stderr
    before = snapshot(output)
    assert "index.html" in before

    broken = write(content_copy / "articles" / "broken-date.md",
                   "Title: Broken\nDate: 2023-13-45\nSummary: A file with a bad date.\n\nText.\n")
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
