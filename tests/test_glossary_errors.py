"""Glossary author mistakes fail the build with `path:line: what is wrong — what to do`."""

import pytest

from conftest import ROOT, article, build, make_site, run_main, term
from pelican.plugins.explainer.tooling import cli

BASE = {"articles/a.md": article("a", "An ICBM flew.")}


def failing_build(tmp_path, files):
    content = make_site(tmp_path, {**BASE, **files})
    site = build(content, tmp_path / "output", check=False)
    assert site.returncode != 0, site.log
    assert "Traceback" not in site.log
    return site.log, content


CASES = [
    (
        "same alias on two terms",
        {"glossary/icbm.md": term("ICBM", aliases="ICBMs, missile"), "glossary/missile.md": term("Rocket", aliases="missile")},
        "glossary/missile.md:4: the name 'missile' is also an alias of",
        "glossary/icbm.md",
    ),
    (
        "alias equal to another term's title",
        {"glossary/icbm.md": term("ICBM"), "glossary/rocket.md": term("Rocket", aliases="ICBM")},
        "glossary/rocket.md:4: the name 'ICBM' is the title of",
        "glossary/icbm.md",
    ),
    (
        "missing Summary",
        {"glossary/icbm.md": "Title: ICBM\nCategory: weapon\n\nA missile.\n"},
        "glossary/icbm.md: missing Summary",
        "Summary: one plain sentence",
    ),
    (
        "name that is only punctuation",
        {"glossary/icbm.md": term("ICBM", aliases="ICBMs, --")},
        "glossary/icbm.md:4: the name '--' has no letters or digits",
        "remove it from Aliases",
    ),
    (
        "unknown Match-case",
        {"glossary/icbm.md": term("ICBM", match_case="sometimes")},
        "glossary/icbm.md:4: Match-case is 'sometimes'",
        "use yes or no",
    ),
    (
        "unknown Category",
        {"glossary/icbm.md": term("ICBM", category="gadget")},
        "glossary/icbm.md:2: unknown Category 'gadget'",
        "use one of weapon, organisation",
    ),
    (
        "two terms that differ only in case",
        {"glossary/icbm.md": term("armistice"), "glossary/icbm2.md": term("Armistice")},
        "glossary/icbm2.md:1: the name 'Armistice' is the title of",
        "glossary/icbm.md",
    ),
    (
        "unknown slug in Glossary-exclude",
        {"glossary/icbm.md": term("ICBM"), "articles/b.md": article("b", "Text.", glossary_exclude="icbn")},
        "articles/b.md:5: Glossary-exclude names 'icbn', which is not in glossary/",
        "did you mean 'icbm'?",
    ),
    (
        "term with no definition",
        {"glossary/icbm.md": "Title: ICBM\nCategory: weapon\nSummary: A missile.\n\n"},
        "glossary/icbm.md: the definition is empty",
        "write the full definition",
    ),
]


@pytest.mark.parametrize("files, where, advice", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_author_mistake_is_named_with_file_and_line(tmp_path, files, where, advice):
    log, _content = failing_build(tmp_path, files)
    assert where in log and advice in log, log


def test_every_mistake_is_listed_at_once(tmp_path):
    log, _ = failing_build(tmp_path, {"glossary/icbm.md": term("ICBM", category="gadget", match_case="maybe")})
    assert "unknown Category 'gadget'" in log and "Match-case is 'maybe'" in log


def test_exact_case_names_that_differ_only_in_case_may_coexist(tmp_path):
    content = make_site(
        tmp_path, {**BASE, "glossary/nis.md": term("NIS"), "glossary/nis-river.md": term("Nis", match_case="yes")}
    )
    site = build(content, tmp_path / "output")
    assert site.html("articles/a/").select("a.term") == []


def test_make_check_lists_unused_terms_without_failing(tmp_path):
    content = make_site(tmp_path, {**BASE, "glossary/icbm.md": term("ICBM"), "glossary/zeppelin.md": term("Zeppelin")})
    result = run_main(cli.main, ["check", str(content), "-s", str(ROOT / "pelicanconf.py")])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "glossary/zeppelin.md: no article mentions 'Zeppelin'" in result.stdout
    assert "icbm.md" not in result.stdout
    assert build(content, tmp_path / "output").returncode == 0
