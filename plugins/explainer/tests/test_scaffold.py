"""`pelican-explainer-new-site`: the site it writes is one a colleague can clone and build (nothing in it names
a path of the machine that made it), its Makefile runs the plugin's command, and it has none of the tag,
category or author pages an explainer site does not have."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pelican_site import soup

from pelican.plugins.explainer.tooling import cli, scaffold

TARGETS = ("build", "check", "serve", "devserver", "clean")
BIN = Path(sys.executable).parent


@pytest.fixture
def new_site(tmp_path, monkeypatch):
    """A new site in tmp_path/site, the working folder."""
    folder = tmp_path / "site"
    assert scaffold.main([str(folder), "--title", "Summit, explained"]) == 0
    monkeypatch.chdir(folder)
    yield folder
    sys.modules.pop("pelicanconf", None)


def test_the_new_site_names_no_path_of_this_machine(new_site):
    here = {sys.executable, sys.prefix, str(BIN), str(new_site), os.path.expanduser("~"), scaffold.SKELETON}
    for path in new_site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not [place for place in here if place in text], path
    assert (new_site / ".gitignore").is_file() and "pelican-explainer==" in (new_site / "requirements.txt").read_text()


def make_env(path=None):
    """The environment without a calling make's variables (a make the test starts is a top-level one), and
    with `path` as PATH when given."""
    env = {key: value for key, value in os.environ.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return {**env, "PATH": path} if path else env


def test_each_make_target_runs_the_plugins_command(new_site):
    env = make_env()
    for target in TARGETS:
        dry = subprocess.run(["make", "-n", target], capture_output=True, text=True, env=env, timeout=60, check=False)
        assert dry.returncode == 0, dry.stderr
        if target == "clean":
            assert dry.stdout.strip() == 'rm -rf "output" "output.lock"'
        else:
            assert f'"pelican-explainer" {target} ' in dry.stdout, dry.stdout


def test_a_missing_command_is_one_line_saying_how_to_set_the_site_up(new_site):
    bare = os.pathsep.join(os.path.dirname(shutil.which(tool) or "") for tool in ("make", "sh"))  # no pelican-explainer
    done = subprocess.run(["make", "build"], capture_output=True, text=True, env=make_env(bare), timeout=60, check=False)
    assert done.returncode != 0 and not (new_site / "output").exists()
    assert "make: pelican-explainer not found — set the site up first: python3 -m venv .venv && " in done.stderr, done.stderr
    assert "install it first from its checkout or wheel" in done.stderr, done.stderr


def test_the_readme_says_how_to_install_the_plugin_before_it_is_on_pypi(new_site):
    readme = (new_site / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/pip install PATH/TO/CHECKOUT/plugins/explainer" in readme and ".whl" in readme


def test_a_translation_lands_under_its_language_as_the_entities_do(new_site, capsys):
    article = new_site / "content" / "articles" / "what-happened.md"
    korean = new_site / "content" / "articles" / "what-happened-ko.md"
    korean.write_text(article.read_text(encoding="utf-8").replace("Date:", "Lang: ko\nDate:", 1), encoding="utf-8")
    assert cli.main(["build"]) == 0, capsys.readouterr().err
    assert (new_site / "output" / "ko" / "articles" / "what-happened" / "index.html").is_file()
    links = {a["href"] for a in soup(new_site / "output/articles/what-happened/index.html").select("a[href]")}
    assert "/ko/articles/what-happened/" in links, links


def test_the_new_site_has_no_tag_category_author_or_archive_pages_nor_stale_ones(new_site, capsys):
    assert cli.main(["build"]) == 0, capsys.readouterr().err
    written = {str(path.relative_to(new_site / "output")) for path in (new_site / "output").rglob("*") if path.is_file()}
    assert "articles/what-happened/index.html" in written
    for unwanted in ("tag", "category", "author", "archives", "feeds"):
        assert not [path for path in written if unwanted in path], written
    links = {a["href"] for page in written if page.endswith(".html") for a in soup(new_site / "output" / page).select("a[href]")}
    assert not [link for link in links if any(word in link for word in ("/tag", "/category", "/author", "archives"))], links
    (new_site / "content" / "pages" / "about.md").unlink()
    assert cli.main(["build"]) == 0, capsys.readouterr().err
    assert not (new_site / "output" / "about").exists()  # a page taken out of the content leaves the site


def test_make_build_and_make_check_run_in_a_new_site(new_site):
    """The real commands, as a colleague who cloned the site runs them with the plugin's command on PATH."""
    env = make_env(f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    for target in ("build", "check"):
        done = subprocess.run(["make", target], capture_output=True, text=True, env=env, timeout=300, check=False)
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "0 problem(s), 0 advisory note(s)."
    article = soup(new_site / "output/articles/what-happened/index.html")
    assert "What happened" in article.title.get_text() and "Summit, explained" in article.title.get_text()
    assert {a["href"] for a in article.select("a.term")} == {"/countries/examplia/", "/glossary/communique/"}
    assert scaffold.main([str(new_site)]) == 1  # never writes over a site


def test_the_new_site_keeps_the_house_rules_of_an_explainer_desk(new_site, capsys):
    """A new site turns the editorial policy on: a misspelt key, or an update dated before the article, stops it."""
    article = new_site / "content" / "articles" / "what-happened.md"
    written = article.read_text(encoding="utf-8")
    article.write_text(written.replace("Summary:", "Sumary:", 1) + "\n![](figure.png)\n", encoding="utf-8")
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    assert "content/articles/what-happened.md:3: unknown metadata key 'Sumary' — did you mean 'summary'?" in err
    assert "missing Summary" not in err, "the misspelling is the mistake; that Summary is missing adds nothing"
    assert "the image figure.png has no alt text" in err and "Empty alt attribute" not in err, err
    assert "ERROR: 3 content mistake(s):" in err and err.endswith("\n3 problem(s) found; nothing was published.\n"), err
    article.write_text(written.replace("Date: 2026-01-01", "Date: 2026-01-01\nModified: 2025-12-31", 1), encoding="utf-8")
    assert cli.main(["build"]) == 1
    assert "what-happened.md:3: Modified (2025-12-31) is earlier than Date (2026-01-01)" in capsys.readouterr().err
