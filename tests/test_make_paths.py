"""Make targets never destroy or litter: OUTPUT, CONTENT and DEPLOY_PATH are checked before anything runs.

A table of cases, each the make command, its exit code, the one line it prints and — for every case — the
project exactly as it was: content/, theme/, plugins/ and tools/ byte for byte, and no new or missing entry at
the top of the project or beside it. The cases run in a private copy of the project (sharing .venv), so a
check that lets a dangerous folder through destroys the copy, never this checkout. Refusals are checked with
`make clean` or `make build`, which are refused before building anything; two cases do build and clean.
"""

import hashlib
import os
import shutil
import subprocess

import pytest

from conftest import ROOT

COPIED = ("content", "theme", "plugins", "tools", "deploy")
SNAPSHOT = ("content", "theme", "plugins", "tools")
SITEURL = "https://victory-day.example.org"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project (what make needs), its protected folders, and a folder `outside` beside it."""
    base = tmp_path_factory.mktemp("paths")
    root = base / "project"
    root.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for item in COPIED:
        shutil.copytree(ROOT / item, root / item, ignore=ignore)
    for item in ("Makefile", "requirements.txt", "pelicanconf.py", "publishconf.py", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / item, root / item)
    (root / "tests").mkdir()
    (root / "tests" / "test_x.py").write_text("def test_x(): pass\n")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "node_modules").mkdir()
    (root / "node_modules" / "keep.js").write_text("//\n")
    for package in ("world-atlas", "flag-icons"):  # the shared maps and flags the build draws from
        (root / "node_modules" / package).symlink_to(ROOT / "node_modules" / package)
    (root / "node_modules" / ".installed").touch()  # newer than package.json: make runs no npm ci
    (root / ".venv").symlink_to(ROOT / ".venv")  # the shared environment: no install per test
    outside = base / "outside"
    outside.mkdir()
    (outside / "link-to-content").symlink_to(root / "content")
    (outside / "not-a-site").mkdir()
    (outside / "not-a-site" / "notes.txt").write_text("mine\n")
    (outside / "a-file.txt").write_text("a file\n")
    (outside / "src").mkdir()
    (outside / "src" / "note.md").write_text("Title: x\n")
    (outside / "home").mkdir()
    (outside / "home" / ".profile").write_text("# home\n")
    return root


def make(project, *args):
    env = dict(os.environ, COLUMNS="400", HOME=str(project.parent / "outside" / "home"))
    for name in ("MAKEFLAGS", "MFLAGS", "OUTPUT", "CONTENT", "DEPLOY", "DEPLOY_PATH", "SITEURL"):
        env.pop(name, None)
    result = subprocess.run(["make", "--no-print-directory", *args], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    result.log = result.stdout + result.stderr
    return result


def snapshot(project):
    """Hashes of every file under the protected folders, and the entries at the top of and beside the project."""
    files = {}
    for folder in SNAPSHOT:
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[str(path.relative_to(project))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return (files, sorted(entry.name for entry in project.iterdir()),
            sorted(entry.name for entry in project.parent.iterdir()),
            sorted(entry.name for entry in (project.parent / "outside").rglob("*")))


# (make arguments, with {outside} for the folder beside the project; the line it must print)
REFUSED = {
    "build into content/": (["build", "OUTPUT=content"], "make build: refused: OUTPUT=content is content/ — "),
    "build into two folders, one content/": (["build", "OUTPUT=content site"],
                                             "make build: refused: OUTPUT='content site' has white space — "),
    "clean content/": (["clean", "OUTPUT=content"], "make clean: refused: OUTPUT=content is content/ — "),
    "build into the project": (["build", "OUTPUT=."], "make build: refused: OUTPUT=. is the project folder — "),
    "clean the file system": (["clean", "OUTPUT=/"], "make clean: refused: OUTPUT=/ contains the project folder — "),
    "clean the parent folder": (["clean", "OUTPUT=.."], "make clean: refused: OUTPUT=.. contains the project folder"),
    "clean below the project": (["clean", "OUTPUT=output/.."], "make clean: refused: OUTPUT=output/.. "),
    "clean the theme's static files": (["clean", "OUTPUT=theme/static"],
                                       "make clean: refused: OUTPUT=theme/static lies inside theme/ — "),
    "build into ./content/": (["build", "OUTPUT=./content/"], "make build: refused: OUTPUT=./content "),
    "clean the plugin": (["clean", "OUTPUT=plugins/explainer"],
                         "make clean: refused: OUTPUT=plugins/explainer lies inside plugins/ — "),
    "clean inside content/": (["clean", "OUTPUT=content/articles/"],
                              "make clean: refused: OUTPUT=content/articles lies inside content/ — "),
    "clean tools/": (["clean", "OUTPUT=tools"], "make clean: refused: OUTPUT=tools is tools/ — "),
    "clean tests/": (["clean", "OUTPUT=tests/"], "make clean: refused: OUTPUT=tests is tests/ — "),
    "clean deploy/": (["clean", "OUTPUT=deploy"], "make clean: refused: OUTPUT=deploy is deploy/ — "),
    "clean .git": (["clean", "OUTPUT=.git"], "make clean: refused: OUTPUT=.git is .git/ — "),
    "clean .venv": (["clean", "OUTPUT=.venv"], "refused: OUTPUT=.venv "),
    "clean node_modules": (["clean", "OUTPUT=node_modules"], "make clean: refused: OUTPUT=node_modules is node_modules/"),
    "clean the folder holding the project": (["clean", "OUTPUT={outside}/.."], "contains the project folder — "),
    "clean a symbolic link to content/": (["clean", "OUTPUT={outside}/link-to-content"],
                                          " is content/ — the build would overwrite or delete it"),
    "build into a symbolic link to content/, slash": (["build", "OUTPUT={outside}/link-to-content/"], " is content/ — "),
    "clean a folder that is not a site": (["clean", "OUTPUT={outside}/not-a-site"],
                                          "is a folder that holds files but no site (no index.html)"),
    "clean the home folder": (["clean", "OUTPUT={outside}/home"], "is your home folder — "),
    "build into a file": (["build", "OUTPUT={outside}/a-file.txt"], "is a file, not a folder — "),
    "build into output/.": (["build", "OUTPUT=output/."], "make build: refused: OUTPUT=output/. ends in '.'"),
    "empty OUTPUT": (["clean", "OUTPUT="], "make clean: refused: OUTPUT is empty — "),
    "OUTPUT with a tab": (["clean", "OUTPUT=out\tput"], "has white space — "),
    "OUTPUT with ~": (["clean", "OUTPUT=~/site"], "make clean: refused: OUTPUT=~/site starts with ~, which make does not expand"),
    "OUTPUT with a quote": (["build", 'OUTPUT=out"; rm -rf content; "'], "has white space"),
    "OUTPUT with a dollar": (["clean", "OUTPUT=site$$HOME"], "which the shell would interpret — "),
    "CONTENT that does not exist": (["build", "CONTENT=does-not-exist"],
                                    "make build: refused: CONTENT=does-not-exist is not a folder — "),
    "CONTENT with a space": (["build", "CONTENT=a b"], "make build: refused: CONTENT='a b' has white space — "),
    "CONTENT is the project": (["check", "CONTENT=."], "make check: refused: CONTENT=. is the project folder"),
    "CONTENT is the theme": (["build", "CONTENT=theme/"], "make build: refused: CONTENT=theme is theme/, which holds no Markdown"),
    "OUTPUT inside another CONTENT": (["build", "CONTENT={outside}/src", "OUTPUT={outside}/src/site"],
                                      "lies inside CONTENT ("),
    "OUTPUT holding another CONTENT": (["build", "CONTENT={outside}/src", "OUTPUT={outside}"], "contains CONTENT ("),
    "deploy into content/": (["deploy", "DEPLOY=rsync", "DEPLOY_PATH=content/", f"SITEURL={SITEURL}"],
                             "make deploy: refused: DEPLOY_PATH=content is content/ — "),
    "deploy into a folder with a space": (["deploy", "DEPLOY=rsync", "DEPLOY_PATH=/var/www/my site", f"SITEURL={SITEURL}"],
                                          "make deploy: refused: DEPLOY_PATH='/var/www/my site' has white space"),
    "deploy into OUTPUT": (["deploy", "DEPLOY=rsync", "OUTPUT={outside}/site", "DEPLOY_PATH={outside}/site/",
                            f"SITEURL={SITEURL}"], "make deploy: refused: DEPLOY_PATH="),
    "deploy into the project": (["deploy", "DEPLOY=rsync", "DEPLOY_PATH=.", f"SITEURL={SITEURL}"],
                                "make deploy: refused: DEPLOY_PATH=. is "),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_dangerous_folder_is_refused_before_anything_runs(project, case):
    args, message = REFUSED[case]
    args = [arg.replace("{outside}", str(project.parent / "outside")) for arg in args]
    before = snapshot(project)
    result = make(project, *args)
    assert result.returncode == 2, result.log  # make's status when check-paths refuses
    refusals = [line for line in result.stderr.splitlines() if "refused" in line]
    assert len(refusals) == 1 and message in refusals[0], result.log
    assert " — " in refusals[0], "the line says why, then what to do"
    assert "Traceback" not in result.log
    assert not any(word in result.stdout for word in ("tools.runner", "pagefind", "rm -rf", "pip install")), \
        "nothing ran before the refusal"
    assert snapshot(project) == before


def test_a_trailing_slash_builds_into_the_folder_and_clean_removes_only_the_build(project):
    outside = project.parent / "outside"
    before = snapshot(project)
    built = make(project, "build", f"OUTPUT={outside}/site/")
    assert built.returncode == 0, built.log
    assert f"Built the site into {outside}/site/" in built.stdout
    assert (outside / "site" / "index.html").is_file()
    assert not (outside / "site" / ".partial").exists() and not (outside / "site.partial").exists()
    assert not (outside / "site" / "site.partial").exists(), "the temporary folder is a sibling, never inside"

    # The build's leftovers beside it, and the project's screenshots and caches, which clean removes too.
    (outside / "site.partial").mkdir()
    (outside / "site.previous").mkdir()
    (project / "screenshots").mkdir()
    (project / ".pytest_cache").mkdir()
    cleaned = make(project, "clean", f"OUTPUT={outside}/site/")
    assert cleaned.returncode == 0, cleaned.log
    for gone in (outside / "site", outside / "site.partial", outside / "site.previous", project / "screenshots",
                 project / ".pytest_cache"):
        assert not gone.exists(), f"make clean left {gone}"
    assert snapshot(project) == before, "make clean removed or changed something the build did not make"


def test_the_default_output_is_accepted_and_clean_keeps_the_sources(project):
    before = snapshot(project)
    result = make(project, "clean")
    assert result.returncode == 0, result.log
    assert snapshot(project) == before
