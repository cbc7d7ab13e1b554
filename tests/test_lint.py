"""The code passes Ruff's checks as configured in pyproject.toml (pyflakes, pycodestyle errors, bugbear,
sorted imports): an unused import or a loop variable a closure captures late fails `make test`."""

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
