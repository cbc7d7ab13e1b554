"""The package is ready to publish: `python -m build` makes an sdist and a wheel that `twine check` passes,
with the licence, the changelog, the templates and static files a site needs, and a README that lists every
setting. (Subprocesses: only the real build tools show this.)"""

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from pelican.plugins.explainer.settings import DEFAULTS

PACKAGE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """The sdist and the wheel, built from a copy of the package folder (the build leaves files beside it)."""
    source = tmp_path_factory.mktemp("source") / "explainer"
    shutil.copytree(PACKAGE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def test_twine_check_passes(dist):
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(dist.iterdir()))],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_wheel_holds_what_a_site_needs(dist):
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "pelican/plugins/explainer/__init__.py",
        "pelican/plugins/explainer/templates/term.html",
        "pelican/plugins/explainer/templates/explainer/assets.html",
        "pelican/plugins/explainer/static/popover.js",
        "pelican/plugins/explainer/static/explainer.css",
    ):
        assert any(name.endswith(needed) for name in names), needed
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: AGPL-3.0-or-later" in text and "Version: 1.1.0" in text


def test_maps_and_cards_are_extras_and_the_core_needs_neither(dist):
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))).decode()
    requires = [line.removeprefix("Requires-Dist: ") for line in metadata.splitlines() if line.startswith("Requires-Dist: ")]
    extras = {line.removeprefix("Provides-Extra: ") for line in metadata.splitlines() if line.startswith("Provides-Extra: ")}
    assert extras == {"maps", "cards"}
    by_extra = {extra: {r.split(">=")[0] for r in requires if r.endswith(f'extra == "{extra}"')} for extra in extras}
    assert by_extra == {"maps": {"numpy", "pyproj", "shapely"}, "cards": {"pillow"}}
    core = {r.split(">=")[0].lower() for r in requires if ";" not in r}
    assert "pelican" in core and not core & {"numpy", "pyproj", "shapely", "pillow"}, core


def test_the_sdist_holds_the_licence_the_changelog_and_the_tests(dist):
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "CHANGELOG.md", "README.md", "tests/test_package.py"} <= names


def test_the_readme_lists_every_setting():
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    missing = [key for key in DEFAULTS if f"| `{key}` |" not in readme]
    assert missing == [], f"settings missing from the README's table: {missing}"
