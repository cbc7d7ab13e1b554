"""Shared helpers: build a site with the project's settings and read its HTML."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


class Site:
    """A built site: its output folder, the runner's exit code and what it printed."""

    def __init__(self, output, result):
        self.output = Path(output)
        self.returncode = result.returncode
        self.log = result.stdout + result.stderr

    def html(self, relative):
        path = self.output / relative
        if path.is_dir():
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def pages(self):
        return sorted(self.output.rglob("*.html"))


def build(content, output, settings="pelicanconf.py", check=True):
    """Build `content` with the project's strict runner; assert success unless check=False."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), COLUMNS="400")
    result = subprocess.run(
        [sys.executable, "-m", "explainer.runner", str(content), str(ROOT / settings), str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    site = Site(output, result)
    if check:
        assert result.returncode == 0, site.log
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The project's own content, built once per test session."""
    return build(ROOT / "content", tmp_path_factory.mktemp("real") / "output")


@pytest.fixture
def content_copy(tmp_path):
    """A private copy of the real content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def write(path, text):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
