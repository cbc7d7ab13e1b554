"""Make targets never destroy or litter: OUTPUT, CONTENT and DEPLOY_PATH are checked before anything runs, and
so is every other variable a recipe uses (SETTINGS, PORT, SITEURL, DEPLOY…, FORCE, BENCH_…, PYTHON), which
reaches the recipe through the environment and never runs as a command.

A table of cases, each the make command, its exit code, the one line it prints and — for every case — the
project exactly as it was: content/, theme/, plugins/ and tools/ byte for byte, and no new or missing entry at
the top of the project or beside it. The cases run in a private copy of the project (sharing .venv), so a
check that lets a dangerous folder through destroys the copy, never this checkout. Refusals are checked with
`make clean` or `make build`, which are refused before building anything; two cases do build and clean.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from tools.variables import CHECKS

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
    (outside / "built").mkdir()  # a site a build made, which no refused command may touch
    (outside / "built" / "index.html").write_text("<!doctype html><title>the last good build</title>\n")
    (outside / "settings.py").write_text("from pelicanconf import *  # noqa\n")  # a settings file outside
    (outside / "settings.pyc").write_bytes(b"\x6f\x0d\x0d\x0a" + bytes(12))
    return root


# Every variable the Makefile reads, which the caller's environment must not set for these tests.
VARIABLES = (
    "OUTPUT",
    "CONTENT",
    "SETTINGS",
    "PORT",
    "SITEURL",
    "DEPLOY",
    "DEPLOY_REMOTE",
    "DEPLOY_BRANCH",
    "DEPLOY_PATH",
    "FORCE",
    "BENCH_SIZES",
    "BENCH_TIMEOUT",
    "PYTHON",
)


def make(project, *args, environment=None, timeout=600):
    env = dict(os.environ, COLUMNS="400", HOME=str(project.parent / "outside" / "home"))
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", *VARIABLES):
        env.pop(name, None)
    env.update(environment or {})
    result = subprocess.run(
        ["make", "--no-print-directory", *args], cwd=project, env=env, capture_output=True, text=True, timeout=timeout
    )
    result.log = result.stdout + result.stderr
    return result


def snapshot(project):
    """Hashes of every file under the protected folders, and the entries at the top of and beside the project."""
    files = {}
    for folder in SNAPSHOT:
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[str(path.relative_to(project))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return (
        files,
        sorted(entry.name for entry in project.iterdir()),
        sorted(entry.name for entry in project.parent.iterdir()),
        sorted(entry.name for entry in (project.parent / "outside").rglob("*")),
    )


# (make arguments, with {outside} for the folder beside the project; the line it must print)
REFUSED = {
    "build into content/": (["build", "OUTPUT=content"], "make build: refused: OUTPUT=content is content/ — "),
    "build into two folders, one content/": (
        ["build", "OUTPUT=content site"],
        "make build: refused: OUTPUT='content site' has white space — ",
    ),
    "clean content/": (["clean", "OUTPUT=content"], "make clean: refused: OUTPUT=content is content/ — "),
    "build into the project": (["build", "OUTPUT=."], "make build: refused: OUTPUT=. is the project folder — "),
    "clean the file system": (["clean", "OUTPUT=/"], "make clean: refused: OUTPUT=/ contains the project folder — "),
    "clean the parent folder": (["clean", "OUTPUT=.."], "make clean: refused: OUTPUT=.. contains the project folder"),
    "clean below the project": (["clean", "OUTPUT=output/.."], "make clean: refused: OUTPUT=output/.. "),
    "clean the theme's static files": (
        ["clean", "OUTPUT=theme/static"],
        "make clean: refused: OUTPUT=theme/static lies inside theme/ — ",
    ),
    "build into ./content/": (["build", "OUTPUT=./content/"], "make build: refused: OUTPUT=./content "),
    "clean the plugin": (
        ["clean", "OUTPUT=plugins/explainer"],
        "make clean: refused: OUTPUT=plugins/explainer lies inside plugins/ — ",
    ),
    "clean inside content/": (
        ["clean", "OUTPUT=content/articles/"],
        "make clean: refused: OUTPUT=content/articles lies inside content/ — ",
    ),
    "clean tools/": (["clean", "OUTPUT=tools"], "make clean: refused: OUTPUT=tools is tools/ — "),
    "clean tests/": (["clean", "OUTPUT=tests/"], "make clean: refused: OUTPUT=tests is tests/ — "),
    "clean deploy/": (["clean", "OUTPUT=deploy"], "make clean: refused: OUTPUT=deploy is deploy/ — "),
    "clean .git": (["clean", "OUTPUT=.git"], "make clean: refused: OUTPUT=.git is .git/ — "),
    "clean .venv": (["clean", "OUTPUT=.venv"], "refused: OUTPUT=.venv "),
    "clean node_modules": (["clean", "OUTPUT=node_modules"], "make clean: refused: OUTPUT=node_modules is node_modules/"),
    "clean the folder holding the project": (["clean", "OUTPUT={outside}/.."], "contains the project folder — "),
    "clean a symbolic link to content/": (
        ["clean", "OUTPUT={outside}/link-to-content"],
        " is content/ — the build would overwrite or delete it",
    ),
    "build into a symbolic link to content/, slash": (["build", "OUTPUT={outside}/link-to-content/"], " is content/ — "),
    "clean a folder that is not a site": (
        ["clean", "OUTPUT={outside}/not-a-site"],
        "is a folder that holds files but no site (no index.html)",
    ),
    "clean the home folder": (["clean", "OUTPUT={outside}/home"], "is your home folder — "),
    "build into a file": (["build", "OUTPUT={outside}/a-file.txt"], "is a file, not a folder — "),
    "build into output/.": (["build", "OUTPUT=output/."], "make build: refused: OUTPUT=output/. ends in '.'"),
    "empty OUTPUT": (["clean", "OUTPUT="], "make clean: refused: OUTPUT is empty — "),
    "OUTPUT with a tab": (["clean", "OUTPUT=out\tput"], "has white space — "),
    "OUTPUT with ~": (["clean", "OUTPUT=~/site"], "make clean: refused: OUTPUT=~/site starts with ~, which make does not expand"),
    "OUTPUT that reads as an option": (
        ["build", "OUTPUT=-rf"],
        "make build: refused: OUTPUT=-rf starts with -, which a command would read as an option",
    ),
    "CONTENT that reads as an option": (
        ["check", "CONTENT=--help"],
        "make check: refused: CONTENT=--help starts with -, which a command would read as an option",
    ),
    "OUTPUT with a quote": (["build", 'OUTPUT=out"; rm -rf content; "'], "has white space"),
    "OUTPUT with a dollar": (["clean", "OUTPUT=site$$HOME"], "which the shell would interpret — "),
    "CONTENT that does not exist": (
        ["build", "CONTENT=does-not-exist"],
        "make build: refused: CONTENT=does-not-exist is not a folder — ",
    ),
    "CONTENT with a space": (["build", "CONTENT=a b"], "make build: refused: CONTENT='a b' has white space — "),
    "CONTENT is the project": (["check", "CONTENT=."], "make check: refused: CONTENT=. is the project folder"),
    "CONTENT is the theme": (
        ["build", "CONTENT=theme/"],
        "make build: refused: CONTENT=theme is theme/, which holds no Markdown",
    ),
    "OUTPUT inside another CONTENT": (["build", "CONTENT={outside}/src", "OUTPUT={outside}/src/site"], "lies inside CONTENT ("),
    "OUTPUT holding another CONTENT": (["build", "CONTENT={outside}/src", "OUTPUT={outside}"], "contains CONTENT ("),
    "deploy into content/": (
        ["deploy", "DEPLOY=rsync", "DEPLOY_PATH=content/", f"SITEURL={SITEURL}"],
        "make deploy: refused: DEPLOY_PATH=content is content/ — ",
    ),
    "deploy into a folder with a space": (
        ["deploy", "DEPLOY=rsync", "DEPLOY_PATH=/var/www/my site", f"SITEURL={SITEURL}"],
        "make deploy: refused: DEPLOY_PATH='/var/www/my site' has white space",
    ),
    "deploy into OUTPUT": (
        ["deploy", "DEPLOY=rsync", "OUTPUT={outside}/site", "DEPLOY_PATH={outside}/site/", f"SITEURL={SITEURL}"],
        "make deploy: refused: DEPLOY_PATH=",
    ),
    "deploy into the project": (
        ["deploy", "DEPLOY=rsync", "DEPLOY_PATH=.", f"SITEURL={SITEURL}"],
        "make deploy: refused: DEPLOY_PATH=. is ",
    ),
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
    assert not any(word in result.stdout for word in ("pelican-explainer", "pagefind", "rm -rf", "pip install")), (
        "nothing ran before the refusal"
    )
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
    for gone in (
        outside / "site",
        outside / "site.partial",
        outside / "site.previous",
        project / "screenshots",
        project / ".pytest_cache",
    ):
        assert not gone.exists(), f"make clean left {gone}"
    assert snapshot(project) == before, "make clean removed or changed something the build did not make"


def test_the_default_output_is_accepted_and_clean_keeps_the_sources(project):
    before = snapshot(project)
    result = make(project, "clean")
    assert result.returncode == 0, result.log
    assert snapshot(project) == before


# Every other variable: (make arguments, with {outside} for the folder beside the project; the line it must print
# after "make TARGET: refused: "; the environment, when the value comes from there). {marker} is a file that an
# injected command would create.
MARKER = "{outside}/marker"
VARIABLES_REFUSED = {
    # SETTINGS: the examples of issue 21, then injections in other forms and other mistakes.
    "SETTINGS $(…) for the shell": (
        ["build", "SETTINGS=$$(touch {marker})"],
        (
            "SETTINGS='$$(touch {marker})' has $ ( ), which the shell would interpret — give a "
            "Pelican settings file such as pelicanconf.py or publishconf.py"
        ),
    ),
    "SETTINGS $(shell …) for make": (
        ["build", "SETTINGS=$(shell touch {marker})"],
        "SETTINGS='$(shell touch {marker})' has $ ( ), which the shell would interpret",
    ),
    "SETTINGS /etc/passwd": (
        ["build", "SETTINGS=/etc/passwd"],
        "SETTINGS=/etc/passwd is not a Python file (.py) — give a Pelican settings file such as pelicanconf.py or publishconf.py",
    ),
    "SETTINGS a folder": (["build", "SETTINGS=content"], "SETTINGS=content is a folder, not a settings file — "),
    "SETTINGS a .pyc": (["build", "SETTINGS={outside}/settings.pyc"], "/settings.pyc is compiled Python, not a settings"),
    "SETTINGS with backticks": (["build", "SETTINGS=`touch {marker}`"], "has `, which the shell would interpret"),
    "SETTINGS with ;": (
        ["check", "SETTINGS=pelicanconf.py;touch{marker}"],
        "SETTINGS=pelicanconf.py;touch{marker} has ;, which the shell would interpret",
    ),
    "SETTINGS with a newline": (
        ["build", "SETTINGS=pelicanconf.py\ntouch {marker}"],
        "SETTINGS='pelicanconf.py\\ntouch {marker}' has the control character '\\n' (U+000A)",
    ),
    "SETTINGS with an escape": (
        ["devserver", "SETTINGS=pelicanconf.py\x1b[2J"],
        "SETTINGS='pelicanconf.py\\x1b[2J' has the control character '\\x1b' (U+001B) — ",
    ),
    "SETTINGS with a look-alike dot": (
        ["build", "SETTINGS=pelicanconf\u2024py"],
        "SETTINGS=pelicanconf\u2024py does not exist — ",
    ),
    "SETTINGS an option": (["build", "SETTINGS=-pelicanconf.py"], "SETTINGS=-pelicanconf.py starts with -, which would be read"),
    "SETTINGS empty": (["build", "SETTINGS="], "SETTINGS is empty — give a Pelican settings file"),
    "SETTINGS a file of the project that is no .py": (["build", "SETTINGS=Makefile"], "SETTINGS=Makefile is not a Python file"),
    "SETTINGS for publish": (
        ["publish", f"SITEURL={SITEURL}", "SETTINGS=requirements.txt"],
        "SETTINGS=requirements.txt is not a Python",
    ),
    "SETTINGS $(shell …) from the environment": (
        ["build"],
        "SETTINGS='$(shell touch {marker})' has $ ( ), which the shell",
        {"SETTINGS": "$(shell touch {marker})"},
    ),
    # PORT
    "PORT 0": (["serve", "PORT=0"], "PORT=0 is not a port (they go from 1 to 65535) — give a port number from 1 to 65535"),
    "PORT with a command": (
        ["serve", "PORT=8000; rm -rf {outside}/built"],
        "PORT='8000; rm -rf {outside}/built' has ;, which the shell",
    ),
    "PORT -1": (["devserver", "PORT=-1"], "PORT=-1 is not a whole number — give a port number from 1 to 65535, e.g. PORT=8000"),
    "PORT twice": (["serve", "PORT=80 80"], "PORT='80 80' has white space — give a port number"),
    "PORT too large": (["serve", "PORT=65536"], "PORT=65536 is not a port (they go from 1 to 65535)"),
    "PORT in full-width digits": (["serve", "PORT=\uff18\uff10\uff10\uff10"], "'\uff10' (U+FF10 FULLWIDTH DIGIT ZERO)"),
    "PORT in hexadecimal": (["devserver", "PORT=0x1f40"], "PORT=0x1f40 is not a whole number — "),
    "PORT $(…)": (["serve", "PORT=$$(touch {marker})"], "has $ ( ), which the shell would interpret — give a port number"),
    "PORT empty": (["serve", "PORT="], "PORT is empty — give a port number from 1 to 65535, e.g. PORT=8000"),
    "PORT with a newline": (["devserver", "PORT=8000\n"], "PORT='8000\\n' has the control character '\\n'"),
    "PORT from the environment": (
        ["serve"],
        "PORT='`touch {marker}`' has `, which the shell would interpret",
        {"PORT": "`touch {marker}`"},
    ),
    # SITEURL
    "SITEURL javascript:": (
        ["publish", "SITEURL=javascript:alert(1)//"],
        (
            "SITEURL=javascript:alert(1)// is a javascript: address, not a web address: every link of the site "
            "would start with it — give the address the site is served from, e.g. SITEURL=https://example.org"
        ),
    ),
    "SITEURL javascript: for build": (
        ["build", "SITEURL=javascript:alert(1)//", "SETTINGS=publishconf.py"],
        "SITEURL=javascript:alert(1)// is a javascript: address",
    ),
    "SITEURL without a scheme": (
        ["publish", "SITEURL=//victory-day.example.org"],
        "SITEURL=//victory-day.example.org has no scheme — ",
    ),
    "SITEURL without a host": (["publish", "SITEURL=https://"], "SITEURL=https:// has no host — "),
    "SITEURL file:": (["publish", "SITEURL=file:///x"], "SITEURL=file:///x is a file: address, not a web address"),
    "SITEURL empty for publish": (["publish", "SITEURL="], "SITEURL is not set — give the address the site is served from"),
    "SITEURL with credentials": (
        ["publish", "SITEURL=https://editor:secret@victory-day.example.org"],
        (
            "has credentials (…@) that every page would publish — give the address without them, "
            "e.g. SITEURL=https://victory-day.example.org"
        ),
    ),
    "SITEURL with a query": (["publish", "SITEURL=https://victory-day.example.org/?utm=x"], "has a query (?…), which would land"),
    "SITEURL with a fragment": (["publish", "SITEURL=https://victory-day.example.org/#top"], "has a fragment (#…)"),
    "SITEURL with a look-alike letter": (
        ["publish", "SITEURL=https://victory-d\u0430y.example.org"],
        "'\u0430' (U+0430 CYRILLIC SMALL LETTER A), not an ASCII character",
    ),
    "SITEURL with a quote": (
        ["build", 'SITEURL=https://example.org/"onmouseover="alert(1)'],
        '" ( ), which the shell or a page would interpret',
    ),
    "SITEURL with $(…)": (["publish", "SITEURL=https://example.org/$$(touch{marker})"], "has $ ( ), which the shell or a page"),
    "SITEURL with an escape": (["publish", "SITEURL=https://example.org/\x1b]8;;"], "has the control character '\\x1b'"),
    "SITEURL ftp:": (
        ["deploy", "DEPLOY=rsync", "DEPLOY_PATH={outside}/www", "SITEURL=ftp://example.org"],
        "SITEURL=ftp://example.org is a ftp: address, not a web address",
    ),
    "SITEURL with a bad port": (
        ["publish", "SITEURL=https://example.org:99999"],
        "has a port that is not a number from 1 to 65535",
    ),
    "SITEURL from the environment": (
        ["build"],
        "SITEURL=javascript:alert(1)// is a javascript: address",
        {"SITEURL": "javascript:alert(1)//"},
    ),
    # DEPLOY, DEPLOY_REMOTE, DEPLOY_BRANCH, FORCE
    "DEPLOY unknown": (["deploy", "DEPLOY=ftp", f"SITEURL={SITEURL}"], "DEPLOY=ftp is not a deploy method — use DEPLOY=git"),
    "DEPLOY with a command": (
        ["deploy", "DEPLOY=git;touch{marker}", f"SITEURL={SITEURL}"],
        "has ;, which the shell would interpret",
    ),
    "DEPLOY empty": (["deploy", f"SITEURL={SITEURL}"], "DEPLOY is not set — use DEPLOY=git"),
    "DEPLOY_BRANCH ..": (
        ["deploy", "DEPLOY=git", "DEPLOY_BRANCH=a..b", f"SITEURL={SITEURL}"],
        "DEPLOY_BRANCH=a..b has .., which git reads as a range of commits — give a branch name such as gh-pages",
    ),
    "DEPLOY_BRANCH an option": (
        ["deploy", "DEPLOY=git", "DEPLOY_BRANCH=-D", f"SITEURL={SITEURL}"],
        "DEPLOY_BRANCH=-D starts with -, which git would read as an option",
    ),
    "DEPLOY_BRANCH with a space": (
        ["deploy", "DEPLOY=git", "DEPLOY_BRANCH=gh pages", f"SITEURL={SITEURL}"],
        "DEPLOY_BRANCH='gh pages' has white space",
    ),
    "DEPLOY_BRANCH with ~": (
        ["deploy", "DEPLOY=git", "DEPLOY_BRANCH=gh-pages~1", f"SITEURL={SITEURL}"],
        "has ~, which git does not allow in a branch name",
    ),
    "DEPLOY_BRANCH with @{": (
        ["deploy", "DEPLOY=git", "DEPLOY_BRANCH=gh@{1}", f"SITEURL={SITEURL}"],
        "has @{, which git reads as a reflog",
    ),
    "DEPLOY_BRANCH .lock": (["deploy", "DEPLOY=git", "DEPLOY_BRANCH=gh-pages.lock", f"SITEURL={SITEURL}"], "ending with .lock"),
    "DEPLOY_BRANCH ending in /": (["deploy", "DEPLOY=git", "DEPLOY_BRANCH=site/", f"SITEURL={SITEURL}"], "starts or ends with /"),
    "DEPLOY_BRANCH HEAD": (["deploy", "DEPLOY=git", "DEPLOY_BRANCH=HEAD", f"SITEURL={SITEURL}"], "DEPLOY_BRANCH=HEAD is HEAD"),
    "DEPLOY_BRANCH $(…)": (
        ["deploy", "DEPLOY=git", "DEPLOY_BRANCH=x$$(touch{marker})", f"SITEURL={SITEURL}"],
        "has $ ( ), which the shell would interpret",
    ),
    "DEPLOY_BRANCH look-alike": (
        ["deploy", "DEPLOY=git", "DEPLOY_BRANCH=gh-p\u0430ges", f"SITEURL={SITEURL}"],
        "(U+0430 CYRILLIC SMALL LETTER A), not an ASCII character",
    ),
    "DEPLOY_REMOTE an option": (
        ["deploy", "DEPLOY=git", "DEPLOY_REMOTE=--upload-pack=touch{marker}", f"SITEURL={SITEURL}"],
        "starts with -, which git would read as an option — give a remote name, a path or a URL",
    ),
    "DEPLOY_REMOTE ext::": (
        ["deploy", "DEPLOY=git", "DEPLOY_REMOTE=ext::sh -c touch% {marker}", f"SITEURL={SITEURL}"],
        "names a remote helper (ext::), which can run commands",
    ),
    "DEPLOY_REMOTE look-alike": (
        ["deploy", "DEPLOY=git", "DEPLOY_REMOTE=\u043erigin", f"SITEURL={SITEURL}"],
        "(U+043E CYRILLIC SMALL LETTER O), not an ASCII character",
    ),
    "DEPLOY_REMOTE ~": (
        ["deploy", "DEPLOY=git", "DEPLOY_REMOTE=~/site.git", f"SITEURL={SITEURL}"],
        "starts with ~, which make does not",
    ),
    "DEPLOY_REMOTE ftp://": (
        ["deploy", "DEPLOY=git", "DEPLOY_REMOTE=ftp://example.org/site.git", f"SITEURL={SITEURL}"],
        "uses ftp://, which is not a git transport",
    ),
    "DEPLOY_REMOTE with a command": (
        ["deploy", "DEPLOY=git", "DEPLOY_REMOTE=origin;touch{marker}", f"SITEURL={SITEURL}"],
        "has ;, which the shell would interpret",
    ),
    "FORCE 2": (["deploy", "DEPLOY=git", "FORCE=2", f"SITEURL={SITEURL}"], "FORCE=2 is neither yes nor no — give FORCE=1"),
    "FORCE with a command": (["deploy", "DEPLOY=git", "FORCE=1`touch {marker}`", f"SITEURL={SITEURL}"], "has `, which the shell"),
    # BENCH_SIZES, BENCH_TIMEOUT
    "BENCH_SIZES unknown": (
        ["bench", "BENCH_SIZES=huge"],
        "BENCH_SIZES=huge names huge, which is not a size — choose from small",
    ),
    "BENCH_SIZES with a command": (["bench", "BENCH_SIZES=small;touch{marker}"], "has ;, which the shell would interpret"),
    "BENCH_SIZES empty": (["bench", "BENCH_SIZES="], "BENCH_SIZES is empty — "),
    "BENCH_TIMEOUT 0": (["bench", "BENCH_SIZES=small", "BENCH_TIMEOUT=0"], "BENCH_TIMEOUT=0 is not from 1 second to a day"),
    "BENCH_TIMEOUT inf": (["bench", "BENCH_SIZES=small", "BENCH_TIMEOUT=inf"], "BENCH_TIMEOUT=inf is not a number of seconds"),
    "BENCH_TIMEOUT negative": (["bench", "BENCH_SIZES=small", "BENCH_TIMEOUT=-5"], "BENCH_TIMEOUT=-5 is not a number of seconds"),
    "BENCH_TIMEOUT $(…)": (["bench", "BENCH_SIZES=small", "BENCH_TIMEOUT=$$(touch {marker})"], "has $ ( ), which the shell"),
    # PYTHON, checked by the Makefile itself before it runs any Python
    "PYTHON with a command": (
        ["clean", "PYTHON=python3;touch {marker}"],
        "PYTHON has white space, a character the shell would interpret",
    ),
    "PYTHON $(…)": (["build", "PYTHON=$$(touch{marker})"], "PYTHON has white space, a character the shell would interpret"),
    "PYTHON with arguments": (["build", "PYTHON=python3 -c pass"], "PYTHON has white space"),
    "PYTHON an option": (["build", "PYTHON=-c"], "or a leading - — give the name or full path of Python 3.10 or newer"),
    "PYTHON no Python": (["build", "PYTHON=/bin/true"], "PYTHON=/bin/true is not Python 3.10 or newer — "),
    "PYTHON empty": (["clean", "PYTHON="], "PYTHON is empty — give Python 3.10 or newer"),
    # The folders too, when make itself would expand them
    "OUTPUT $(shell …) for make": (["clean", "OUTPUT=$(shell touch {marker})"], "OUTPUT='$(shell touch {marker})' has "),
    "DEPLOY_PATH $(shell …) from the environment": (
        ["deploy", "DEPLOY=rsync", f"SITEURL={SITEURL}"],
        "DEPLOY_PATH='$(shell touch {marker})' has ",
        {"DEPLOY_PATH": "$(shell touch {marker})"},
    ),
}


@pytest.mark.parametrize("case", VARIABLES_REFUSED)
def test_a_bad_value_is_refused_in_one_line_before_anything_runs(project, case):
    args, message, *environment = VARIABLES_REFUSED[case]
    outside = project.parent / "outside"

    def filled(text):
        return text.replace("{marker}", MARKER).replace("{outside}", str(outside))

    args = [filled(arg) for arg in args]
    environment = {name: filled(value) for name, value in (environment[0] if environment else {}).items()}
    built = (outside / "built" / "index.html").read_bytes()
    before = snapshot(project)
    result = make(project, *args, environment=environment, timeout=120)
    assert result.returncode == 2, result.log  # make's status when check-paths refuses
    refusals = [line for line in result.stderr.splitlines() if "refused" in line]
    assert len(refusals) == 1, result.log
    target = next(arg for arg in args if "=" not in arg)
    assert refusals[0].startswith(f"make {target}: refused: ") and filled(message) in refusals[0], result.log
    assert re.match(r"make \w+: refused: [A-Z_]+\b", refusals[0]), "the line names the variable first"
    assert " — " in refusals[0], "the line says why, then what to do"
    assert "Traceback" not in result.log and "\x1b" not in result.log, "no traceback, no raw escape to the terminal"
    assert not any(word in result.stdout for word in ("pelican-explainer", "pagefind", "rm -rf", "pip install", "benchmark")), (
        "nothing ran before the refusal"
    )
    assert not (outside / "marker").exists(), "an injected command ran"
    assert (outside / "built" / "index.html").read_bytes() == built
    assert snapshot(project) == before


def test_a_bad_first_goal_is_only_text(project):
    """Make -k goes on past a goal it has no rule for: its name reaches the messages, never the shell."""
    marker = project.parent / "outside" / "marker"
    result = make(project, "-k", f"x$$(touch$$IFS{marker})", "build", "SETTINGS=/etc/passwd", timeout=120)
    assert result.returncode == 2 and "SETTINGS=/etc/passwd is not a Python file" in result.stderr, result.log
    assert not marker.exists()


# Values each check accepts: (--check name, the value); checked with tools/variables.py directly, as the Makefile runs it.
ACCEPTED = [
    ("settings", "pelicanconf.py"),
    ("settings", "publishconf.py"),
    ("settings", "./pelicanconf.py"),
    ("settings", "{outside}/settings.py"),
    ("port", "8000"),
    ("port", "1"),
    ("port", "65535"),
    ("port", "08000"),
    ("siteurl", ""),
    ("siteurl", "https://victory-day.example.org"),
    ("siteurl", "https://example.github.io/victory-day/"),
    ("siteurl", "http://127.0.0.1:8000"),
    ("siteurl", "http://localhost:8000/"),
    ("siteurl", "https://[::1]:8443/site"),
    ("siteurl", "https://xn--80ak6aa92e.com/%C3%A9t%C3%A9"),
    ("siteurl", "HTTPS://EXAMPLE.ORG"),
    ("deploy", ""),
    ("deploy", "git"),
    ("deploy", "rsync"),
    ("deploy-remote", "origin"),
    ("deploy-remote", "upstream"),
    ("deploy-remote", "git@github.com:example/victory-day.git"),
    ("deploy-remote", "https://github.com/example/victory-day.git"),
    ("deploy-remote", "ssh://deploy@example.org:2222/srv/site.git"),
    ("deploy-remote", "/srv/git/site.git"),
    ("deploy-remote", "../site.git"),
    ("deploy-remote", "file:///srv/git/site.git"),
    ("deploy-branch", "gh-pages"),
    ("deploy-branch", "site/published"),
    ("deploy-branch", "release-2026.12"),
    ("deploy-branch", "v1_0"),
    ("force", ""),
    ("force", "1"),
    ("force", "yes"),
    ("force", "TRUE"),
    ("force", "0"),
    ("force", "off"),
    ("bench-sizes", "small"),
    ("bench-sizes", "small,medium,large"),
    ("bench-sizes", "medium large"),
    ("bench-timeout", "240"),
    ("bench-timeout", "1"),
    ("bench-timeout", "90.5"),
    ("bench-timeout", "86400"),
]


@pytest.mark.parametrize("check, value", ACCEPTED)
def test_a_good_value_is_accepted(project, check, value):
    variable = CHECKS[check][0]
    value = value.replace("{outside}", str(project.parent / "outside"))
    env = {key: item for key, item in os.environ.items() if not key.startswith("MK_")}
    result = subprocess.run(
        [sys.executable, "-B", "-m", "tools.variables", "--check", check],
        cwd=project,
        env={**env, f"MK_{variable}": value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and not result.stderr, result.stderr


def test_no_recipe_pastes_a_variable_into_the_shell():
    """Outside the atomic_build define (whose CONTENT, SETTINGS and OUTPUT check-paths has refused with any shell
    character by the time it runs), a value reaches a recipe only as "$$MK_NAME"."""
    makefile = (ROOT / "Makefile").read_text()
    outside_define = re.sub(r"(?ms)^define atomic_build$.*?^endef$", "", makefile)
    lines = [line.split("## ")[0] for line in outside_define.splitlines() if not line.lstrip().startswith("#")]
    pasted = [line for line in lines if re.search(r"\$[({{](?:{})[)}}]".format("|".join(VARIABLES[2:])), line)]
    assert not pasted, pasted
