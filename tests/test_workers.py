"""Markdown converted, and share cards drawn, in worker processes (workers.py): the site is the same byte
for byte as a one-process build's, and an author's mistake reads the same."""

import logging
import os

from benchmark import make_corpus

from conftest import ROOT, article, build, make_site
from pelican.plugins.explainer.reading import workers


def files(folder):
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_same_site(one, other):
    first, second = files(one), files(other)
    assert first.keys() == second.keys()
    assert [str(path) for path in first if first[path] != second[path]] == []


def test_the_real_site_is_the_same_built_with_workers_or_without(tmp_path, real_site):
    """real_site, the session's build of this site, is built with EXPLAINER_WORKERS = 2."""
    alone = build(ROOT / "content", tmp_path / "alone", extra_settings={"EXPLAINER_WORKERS": 0})
    helped = real_site
    assert len(list((helped.output / "cards").glob("card.*.png"))) > workers.AHEAD_AT_LEAST
    assert_same_site(alone.output, helped.output)


def test_many_articles_are_the_same_built_with_workers_or_without(tmp_path):
    content, _ = make_corpus(tmp_path, 40, 30)
    alone = build(content, tmp_path / "alone", extra_settings={"EXPLAINER_WORKERS": 0})
    helped = build(content, tmp_path / "helped", extra_settings={"EXPLAINER_WORKERS": 2})
    assert len(list((helped.output / "articles").glob("*/index.html"))) == 40
    assert_same_site(alone.output, helped.output)


def test_pelicans_metadata_edge_cases_are_the_same_with_workers_or_without(tmp_path):
    """Pelican marks an empty Tags:, Authors:, Category: or Status: with a sentinel its reader drops; a worker
    that pickled it back made the build stop ("'object' object is not iterable")."""
    content, _ = make_corpus(tmp_path, 24, 10)
    edge_cases = [
        "Tags:",
        "Tags: ,",
        "Authors:",
        "Author:",
        "Category:",
        "Status:",
        "Tags: x, y",
        "Category: Analysis",
        "Modified: 2024-01-02",
        "Lang: en",
    ]
    for number, line in enumerate(edge_cases):
        path = content / "articles" / f"a{number}.md"
        metadata, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        path.write_text(f"{metadata}\n{line}\n\n{body}", encoding="utf-8")
    alone = build(content, tmp_path / "alone", check=False, extra_settings={"EXPLAINER_WORKERS": 0})
    helped = build(content, tmp_path / "helped", check=False, extra_settings={"EXPLAINER_WORKERS": 2})
    assert "Traceback" not in helped.log and "is not iterable" not in helped.log, helped.log
    assert alone.returncode == helped.returncode == 0, alone.log
    assert_same_site(alone.output, helped.output)


def test_mistakes_read_the_same_with_workers(tmp_path):
    content, _ = make_corpus(tmp_path, 30, 20)
    (content / "articles" / "a3.md").write_text(
        "Title: Broken\nDate: 2024-01-01\nSlug: broken\nSummary: A broken article.\n\n"
        "An empty note.[^e] A missing one.[^gone]\n\n![A drone](images/drone.png) in running text.\n\n[^e]:\n",
        encoding="utf-8",
    )
    (content / "articles" / "a4.md").write_text("Title: Undated\nSummary: No date.\n\nText.[^x]\n", encoding="utf-8")
    (content / "articles" / "a5.md").write_text(
        "Title: Misdated\nDate: the day after\nSummary: A bad date.\n\nText.\n", encoding="utf-8"
    )
    alone = build(content, tmp_path / "alone", check=False, extra_settings={"EXPLAINER_WORKERS": 0})
    helped = build(content, tmp_path / "helped", check=False, extra_settings={"EXPLAINER_WORKERS": 2})
    assert alone.returncode == helped.returncode == 1
    assert all(f"articles/a{number}.md" in alone.log for number in (3, 4, 5)), alone.log
    assert problems(helped.log) == problems(alone.log)


def problems(log):
    return [line for line in log.splitlines() if line.startswith(("ERROR", "WARNING"))]


def test_a_number_of_workers_that_is_not_one_is_a_settings_mistake(tmp_path):
    content = make_site(tmp_path, {"articles/one.md": article("one", "Text.")})
    site = build(content, tmp_path / "output", check=False, extra_settings={"EXPLAINER_WORKERS": "two"})
    assert site.returncode == 1
    assert "pelicanconf.py: EXPLAINER_WORKERS is 'two' — give a number of worker processes (0 for none)" in site.log, site.log


# The pool itself, with a reader that says which process converted each file.


class WhoConverts:
    def __init__(self, settings):
        self.settings = settings

    def convert(self, path):
        name = os.path.basename(path)
        if name.startswith("logs"):
            logging.getLogger("explainer").error("%s: a mistake", name)
        if name.startswith("raises"):
            raise ValueError(name)
        return os.getpid(), {"title": name}  # (content, metadata), as a reader returns them


class Readers:
    """Enough of Pelican's Readers: a Markdown reader, and a content cache that holds `cached`."""

    def __init__(self, settings, cached=()):
        self.readers = {"md": WhoConverts(settings)}
        self.cached = set(cached)

    def get_cached_data(self, path, default):
        return ("cached", {}) if os.path.basename(path) in self.cached else default


def paths(tmp_path, names):
    return [str(tmp_path / name) for name in names]


def test_files_are_converted_in_other_processes_and_a_conversion_that_logged_or_raised_is_left_to_the_build(tmp_path):
    pool = workers.Workers({"EXPLAINER_WORKERS": 2})
    names = [f"a{number}.md" for number in range(workers.AHEAD_AT_LEAST)] + ["logs.md", "raises.md", "cached.md", "notes.txt"]
    try:
        pool.convert_ahead(Readers({}, cached=["cached.md"]), paths(tmp_path, names))
        converted = {name: pool.take(str(tmp_path / name)) for name in names}
    finally:
        pool.close()
    done = [name for name, result in converted.items() if result]
    assert done == names[: workers.AHEAD_AT_LEAST]
    assert os.getpid() not in {pid for pid, _ in (converted[name] for name in done)}
    assert [converted[name][1]["title"] for name in done] == done


def test_a_few_files_or_no_workers_are_converted_by_the_build_itself(tmp_path):
    for settings, count in (({"EXPLAINER_WORKERS": 2}, workers.AHEAD_AT_LEAST - 1), ({"EXPLAINER_WORKERS": 0}, 40)):
        pool = workers.Workers(settings)
        names = [f"a{number}.md" for number in range(count)]
        pool.convert_ahead(Readers(settings), paths(tmp_path, names))
        assert pool.pool is None and [pool.take(str(tmp_path / name)) for name in names] == [None] * count
