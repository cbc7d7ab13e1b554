"""The strict build that ships with the plugin, `pelican-explainer build|check|serve|devserver`: run in this
interpreter through its main(argv) on a tiny site in a temporary folder, as a newsroom would type it."""

import sys
import threading
import urllib.request

import pytest
from pelican_site import PLAIN_FILES, PLAIN_SETTINGS, make_site, write

from pelican.plugins.explainer.tooling import cli, devserver

# Feeds off, as a site without SITEURL must have them in a strict build (Pelican warns otherwise).
FEEDS_OFF = "".join(
    f"{key} = None\n"
    for key in ("FEED_ALL_ATOM", "CATEGORY_FEED_ATOM", "TRANSLATION_FEED_ATOM", "AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS")
)
SETTINGS = PLAIN_SETTINGS + FEEDS_OFF + 'PATH = "content"\nEXPLAINER_RELATION_TYPES = {"rival": {}}\n'
UNKNOWN_RELATION = (
    "Title: Ruritania\nSummary: A kingdom.\nRelations: nowhere | rival | 1990 | A quarrel. | Reuters\n\nA kingdom.\n"
)
UNUSED_TERM = "Title: Barracuda\nSummary: A fish.\n\nA fish no article mentions.\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A plain site in tmp_path, the working folder (so the command's defaults apply): a function that writes
    PLAIN_FILES and {path: text} `changes` into content/ and returns tmp_path."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pelicanconf.py", SETTINGS)

    def made(changes=None):
        make_site(tmp_path, {**PLAIN_FILES, **(changes or {})})
        return tmp_path

    yield made
    sys.modules.pop("pelicanconf", None)  # Pelican loads the settings as this module; a new process would not have it


def run(capsys, *argv):
    """(exit status, standard output, standard error) of `pelican-explainer ARGV`."""
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_mistake_is_a_path_line_on_standard_error_with_no_traceback_and_exit_status_1(site, capsys):
    folder = site({"countries/ruritania.md": UNKNOWN_RELATION})
    status, _, err = run(capsys, "build")
    assert status == 1, err
    assert "content/countries/ruritania.md:3: the relation names 'nowhere'" in err
    assert "Traceback" not in err and "1 problem(s) found; nothing was published." in err
    assert not (folder / "output").exists()  # nothing was written


def test_a_clean_site_builds_with_the_defaults_and_lists_its_advisories(site, capsys):
    folder = site({"glossary/barracuda.md": UNUSED_TERM})
    status, _, err = run(capsys, "build")
    assert status == 0, err
    assert (folder / "output" / "the-launch.html").is_file()  # content/ and output/ from the settings, as `pelican`
    assert "ADVICE: content/glossary/barracuda.md: no article mentions 'Barracuda'" in err
    assert "1 advisory note(s): they never fail the build." in err and "problem(s)" not in err


def test_the_paths_are_options_and_no_advice_skips_the_advisories(site, capsys, tmp_path):
    site({"glossary/barracuda.md": UNUSED_TERM})
    write(tmp_path / "other.py", SETTINGS.replace('"Another newsroom"', '"Elsewhere"'))
    status, _, err = run(capsys, "build", "content", "-s", "other.py", "-o", "built", "--no-advice")
    sys.modules.pop("other", None)
    assert status == 0 and "ADVICE" not in err, err
    assert "Elsewhere" in (tmp_path / "built" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "output").exists()


def test_extra_settings_are_json_as_with_pelican(site, capsys, tmp_path):
    site()
    status, _, err = run(capsys, "build", "-o", "out", "-e", 'SITENAME="From the command line"', "DEFAULT_PAGINATION=false")
    assert status == 0, err
    assert "From the command line" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    with pytest.raises(SystemExit) as usage:
        cli.main(["build", "-e", "SITENAME=plain words"])
    assert usage.value.code == 2 and "the value is not JSON" in capsys.readouterr().err


def test_check_lists_problems_and_advisories_and_writes_nothing(site, capsys):
    folder = site({"glossary/barracuda.md": UNUSED_TERM})
    status, out, err = run(capsys, "check")
    assert status == 0, out + err
    assert out.splitlines()[-2:] == [
        "ADVICE: content/glossary/barracuda.md: no article mentions 'Barracuda' — use it in an explainer, add an alias readers meet, or remove the entry",
        "0 problem(s), 1 advisory note(s).",
    ]
    site({"countries/ruritania.md": UNKNOWN_RELATION})
    status, out, err = run(capsys, "check")
    assert status == 1 and "Traceback" not in out + err, out + err
    assert "content/countries/ruritania.md:3: the relation names 'nowhere'" in out and out.endswith(
        "1 problem(s), 0 advisory note(s).\n"
    )
    assert not (folder / "output").exists()


def test_a_missing_settings_file_is_one_usage_line(site, capsys):
    site()
    with pytest.raises(SystemExit) as usage:
        cli.main(["check", "-s", "nosuch.py"])
    err = capsys.readouterr().err
    assert usage.value.code == 2 and "the settings file nosuch.py does not exist" in err and "Traceback" not in err


def test_an_error_in_code_says_so_and_shows_its_traceback_only_with_debug(site, capsys, monkeypatch):
    site()

    def broken(self):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("pelican.Pelican.run", broken)
    monkeypatch.delenv("EXPLAINER_DEBUG", raising=False)
    status, _, err = run(capsys, "build")
    assert status == 1 and "Traceback" not in err
    assert "ERROR: the build stopped: ZeroDivisionError: division by zero — " in err
    assert "this is a bug in code" in err and "run again with --debug" in err
    with pytest.raises(ZeroDivisionError):
        cli.main(["build", "--debug"])


def test_serve_answers_on_127_0_0_1_only_never_cached(tmp_path):
    write(tmp_path / "index.html", "<p>hello</p>")
    server = devserver.listen(str(tmp_path), 0, "pelican-explainer serve", "--port {port}")
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
            assert response.read() == b"<p>hello</p>" and response.headers["Cache-Control"] == "no-store"
        with pytest.raises(SystemExit) as taken:
            devserver.listen(str(tmp_path), port, "pelican-explainer serve", "pelican-explainer serve --port {port}")
        assert str(taken.value).startswith(f"pelican-explainer serve: cannot listen on 127.0.0.1:{port} (")
        assert str(taken.value).endswith(f"choose another port: pelican-explainer serve --port {port + 1}")
    finally:
        server.shutdown()
        server.server_close()


def test_serve_without_a_build_says_to_build_first(site, capsys):
    site()
    status, _, err = run(capsys, "serve")
    assert status == 1 and "output/ does not exist — build the site first: pelican-explainer build" in err


def test_a_devserver_rebuild_prints_the_mistakes_and_keeps_the_last_good_build(site, capsys, tmp_path):
    site()
    server = devserver.DevServer(None, "pelicanconf.py", "output", {"DELETE_OUTPUT_DIRECTORY": True})
    assert server.rebuild()
    page = tmp_path / "output" / "countries" / "ruritania" / "index.html"
    good = page.read_text(encoding="utf-8")
    assert "Rebuilt " in capsys.readouterr().out
    write(tmp_path / "content" / "countries" / "ruritania.md", UNKNOWN_RELATION)
    assert not server.rebuild()
    err = capsys.readouterr().err
    assert "content/countries/ruritania.md:3: the relation names 'nowhere'" in err and "Rebuild failed:" in err
    assert page.read_text(encoding="utf-8") == good and not (tmp_path / "output.partial").exists()
    paths, _ = server.watched()  # what Pelican's autoreload watches: the settings, the theme, the content
    assert str(tmp_path / "pelicanconf.py") in paths and str(tmp_path / "content") in paths


@pytest.mark.parametrize(
    "line, message",
    [
        ("X = (", "'(' was never closed"),
        ("X = undefined_name", "NameError: name 'undefined_name' is not defined"),
    ],
    ids=["syntax error", "unknown name"],
)
@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_mistake_in_the_settings_file_names_its_line(site, capsys, tmp_path, line, message, command):
    site()
    settings = tmp_path / "pelicanconf.py"
    write(settings, SETTINGS + line + "\n")
    status, _, err = run(capsys, command)
    assert status == 1 and "Traceback" not in err, err
    assert f"ERROR: pelicanconf.py:{len(SETTINGS.splitlines()) + 1}: {message} — correct the settings file" in err


def test_a_content_folder_that_does_not_exist_is_one_line(site, capsys):
    site()
    status, _, err = run(capsys, "build", "contnet")
    assert status == 1 and "ERROR: contnet: the content folder does not exist — give the folder that holds the articles" in err


def snapshot(folder):
    """{path: bytes} of every file under `folder`."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


BAD_DATE = "Title: The catch\nDate: 2025-13-40\nCategory: news\n\nA barracuda was caught.\n"


@pytest.mark.parametrize(
    "changes, extra, expected",
    [
        ({"news/catch.md": BAD_DATE}, [], "content/news/catch.md"),
        ({}, ['EXPLAINER_AUTOLINK="no"'], "EXPLAINER_AUTOLINK"),
        ({}, ['FEED_ALL_ATOM="feeds/all.atom.xml"'], "SITEURL (or FEED_DOMAIN)"),
    ],
    ids=["content mistake", "settings typo", "Pelican warning"],
)
def test_a_failed_build_leaves_the_output_byte_for_byte_as_it_was(site, capsys, tmp_path, changes, extra, expected):
    """The site deletes its output folder before each build, as the scaffold's does: a failed build still must not
    touch it, nor leave its temporary folder, nor print what only a successful build can say."""
    folder = site({"glossary/barracuda.md": UNUSED_TERM.replace("no article mentions", "the catch shows")})
    delete = ["DELETE_OUTPUT_DIRECTORY=true"]
    status, out, err = run(capsys, "build", "-e", *delete)
    assert status == 0 and out.startswith("Done: Processed "), out + err
    before = snapshot(folder / "output")
    site(changes)
    status, out, err = run(capsys, "build", "-e", *delete, *extra)
    assert status == 1 and expected in err and err.endswith("problem(s) found; nothing was published.\n"), err
    assert snapshot(folder / "output") == before
    assert sorted(path.name for path in folder.iterdir() if path.name.startswith("output")) == ["output", "output.lock"]
    assert "ADVICE" not in err and "advisory" not in err and "Done:" not in out + err, out + err


def test_a_build_with_no_problem_replaces_the_output_and_drops_what_left_the_content(site, capsys, tmp_path):
    folder = site({"news/extra.md": "Title: Extra\nDate: 2024-05-02\nCategory: news\n\nMore news.\n"})
    (folder / "output").mkdir()
    (folder / "output" / "stale.html").write_text("<p>an old page</p>\n", encoding="utf-8")
    assert run(capsys, "build")[0] == 0
    assert (folder / "output" / "extra.html").is_file() and not (folder / "output" / "stale.html").exists()
    assert not (folder / "output.partial").exists() and not (folder / "output.previous").exists()


@pytest.mark.parametrize("kind", ["file", "symbolic link"])
def test_a_temporary_folder_name_that_is_not_a_folder_is_refused_untouched(site, capsys, tmp_path, kind):
    folder = site()
    partial = folder / "output.partial"
    if kind == "file":
        partial.write_text("mine\n", encoding="utf-8")
    else:
        (folder / "elsewhere").mkdir()
        partial.symlink_to(folder / "elsewhere")
    status, _, err = run(capsys, "build")
    assert status == 1 and f"output.partial is a {kind}, not a folder a build left" in err, err
    assert partial.is_symlink() if kind != "file" else partial.read_text(encoding="utf-8") == "mine\n"
    assert not (folder / "output").exists() and not list((folder).glob("elsewhere/*"))


@pytest.mark.parametrize("named", ["pelican-explainer", "pelican_explainer"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_plugins_naming_the_package_is_one_line_before_building(site, capsys, named, command):
    folder = site()
    write(folder / "pelicanconf.py", SETTINGS.replace('PLUGINS = ["explainer"]', f"PLUGINS = [{named!r}]"))
    status, out, err = run(capsys, command)
    assert status == 1 and out == "", out
    assert err == (
        f"ERROR: pelicanconf.py: PLUGINS names {named!r}, the package; the plugin is called 'explainer' — "
        'write PLUGINS = ["explainer"]\n'
    )
    assert not (folder / "output").exists()


def test_plugins_without_the_plugin_is_one_line_and_the_full_name_is_fine(site, capsys):
    folder = site()
    write(folder / "pelicanconf.py", SETTINGS.replace('PLUGINS = ["explainer"]', 'PLUGINS = ["sitemap"]'))
    status, _, err = run(capsys, "build")
    assert status == 1 and err.count("\n") == 1 and "PLUGINS leaves out the explainer plugin" in err, err
    sys.modules.pop("pelicanconf", None)
    write(folder / "pelicanconf.py", SETTINGS.replace('PLUGINS = ["explainer"]', 'PLUGINS = ["pelican.plugins.explainer"]'))
    assert run(capsys, "build")[0] == 0


def test_feeds_without_an_address_say_what_to_set_and_stay_a_problem(site, capsys, tmp_path):
    folder = site()
    write(folder / "pelicanconf.py", PLAIN_SETTINGS + 'PATH = "content"\nEXPLAINER_RELATION_TYPES = {"rival": {}}\n')
    status, _, err = run(capsys, "build")
    assert status == 1 and "Feeds generated" not in err, err
    assert (
        "WARNING: pelicanconf.py: the feeds are on but SITEURL and FEED_DOMAIN are empty, so the feeds' links would be "
        "relative and broken in a feed reader — set SITEURL (or FEED_DOMAIN) to the site's address, or turn the feeds "
        "off: FEED_ALL_ATOM = None, CATEGORY_FEED_ATOM = None, AUTHOR_FEED_ATOM = None, AUTHOR_FEED_RSS = None, "
        "TRANSLATION_FEED_ATOM = None"
    ) in err
    assert run(capsys, "build", "-e", 'SITEURL="https://example.org"')[0] == 0
    assert run(capsys, "build")[0] == 1  # and with every feed off (SETTINGS), Pelican does not warn:
    write(folder / "pelicanconf.py", SETTINGS)
    sys.modules.pop("pelicanconf", None)
    assert run(capsys, "build")[0] == 0
