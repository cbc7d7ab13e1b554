"""The code passes Ruff's checks as configured in pyproject.toml (the pelican-plugins organisation's rule set)
and is formatted as `ruff format` writes it: an unused import, a loop variable a closure captures late or a
hand-formatted line fails `make test`."""

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [["check", "--no-cache", "--output-format", "concise", "."], ["format", "--check", "--no-cache", "."]],
    ids=["check", "format"],
)
def test_ruff_finds_nothing(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
