"""The code passes Ruff's checks as configured in pyproject.toml (the pelican-plugins organisation's rule set),
is formatted as `ruff format` writes it, and passes mypy (strict on the plugin's public surface): an unused
import, a loop variable a closure captures late, a hand-formatted line or a wrong type fails `make test`."""

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "--no-cache", "--output-format", "concise", "."],
        ["ruff", "format", "--check", "--no-cache", "."],
        ["mypy", "--no-incremental"],
    ],
    ids=["ruff check", "ruff format", "mypy"],
)
def test_the_checkers_find_nothing(command):
    result = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
