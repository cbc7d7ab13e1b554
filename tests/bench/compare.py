"""This site against Pelican without the plugin, MkDocs and Hugo, on one synthetic corpus, side by side.

Each round builds with every tool in turn (a b c d, a b c d, a b c d), so a busy machine slows all four
alike; the figures are the medians of the rounds, and every ratio is of two medians from this one run.
"""

import shutil
import statistics
import tempfile
from importlib.metadata import version
from pathlib import Path

from . import others

TOOLS = {"site": "(a) this site", "plain": "(b) Pelican, no plugin", "mkdocs": "(c) MkDocs + abbr", "hugo": "(d) Hugo"}


def versions():
    return (
        f"Pelican {version('pelican')}, Markdown {version('Markdown')}, MkDocs {version('mkdocs')}, "
        f"pymdown-extensions {version('pymdown-extensions')}, Hugo {others.hugo_version()}"
    )


def projects(content, folder):
    """{tool: function(output) -> command} for the corpus in `content`, the projects written into `folder`."""
    plain, settings = others.plain_pelican(content, folder)
    mkdocs = others.mkdocs_project(content, folder / "mkdocs")
    hugo = others.hugo_project(content, folder / "hugo")
    return {
        "site": lambda output: others.site_command(content, output),
        "plain": lambda output: others.plain_command(plain, settings, output),
        "mkdocs": lambda output: others.mkdocs_command(mkdocs, output),
        "hugo": lambda output: others.hugo_command(hugo, output),
    }


def checked_run(command, output, articles, timeout):
    """One build; a build that wrote fewer article pages than the corpus has counts as failed."""
    result = others.run(command(output), timeout)
    if result.seconds is not None:
        written = len(list((output / "articles").glob("*/index.html")))
        if written != articles:
            result = others.Result(None, result.peak_mib, f"wrote {written} of {articles} article pages")
    result.pages = len(list(output.rglob("*.html"))) if output.exists() else 0
    shutil.rmtree(output, ignore_errors=True)
    return result


def warm_up(make_corpus):
    """One untimed build per tool on a tiny corpus: compiled bytecode and the disk cache are then warm."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        content, _ = make_corpus(folder, 3, 5)
        for tool, command in projects(content, folder).items():
            result = checked_run(command, folder / f"out-{tool}", 3, timeout=120)
            if result.seconds is None:
                raise SystemExit(f"{TOOLS[tool]} cannot build the tiny corpus: {result.error}")


def compare(make_corpus, articles, terms, rounds=3, timeout=240):
    """{tool: [Result per round]} for one corpus, the rounds interleaved; prints each round as it ends."""
    results = {tool: [] for tool in TOOLS}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        content, _ = make_corpus(folder, articles, terms)
        commands = projects(content, folder)
        for round_ in range(rounds):
            for tool, command in commands.items():
                previous = results[tool][-1] if results[tool] else None
                if previous is not None and previous.seconds is None:  # it did not finish once: not again
                    results[tool].append(previous)
                    continue
                results[tool].append(checked_run(command, folder / f"out-{tool}", articles, timeout))
            print(
                f"  {articles} × {terms}, round {round_ + 1}: "
                + " | ".join(f"{TOOLS[tool][:3]} {cell(results[tool][-1])}" for tool in TOOLS),
                flush=True,
            )
    return results


def median(runs):
    """The median wall time, or None when any run failed or did not finish."""
    if any(run.seconds is None for run in runs):
        return None
    return statistics.median(run.seconds for run in runs)


def cell(run):
    return f"{run.seconds:.2f} s" if run.seconds is not None else run.error.split(":")[0]


def seconds_cell(runs):
    value = median(runs)
    return f"{value:.2f} s" if value is not None else next(run.error for run in runs if run.seconds is None).split(":")[0]


def versus(site, other, other_runs, timeout):
    """'N× faster' or 'N× slower': this site against another tool, from the two medians."""
    if site is None:
        return "—"
    if other is None:
        return f"> {timeout / site:.1f}× faster" if "did not finish" in seconds_cell(other_runs) else "—"
    return f"{other / site:.1f}× faster" if other >= site else f"{site / other:.1f}× slower"


def table(all_results, timeout):
    """The summary: medians, ratios and this site's peak memory, one row per corpus."""
    header = [
        "corpus",
        *(TOOLS[tool] for tool in TOOLS),
        "(a)/(b): the plugin's cost",
        "(a) vs MkDocs",
        "(a) vs Hugo",
        "(a) peak RSS",
    ]
    rows = []
    for (articles, terms), results in all_results.items():
        medians = {tool: median(runs) for tool, runs in results.items()}
        site, plain = medians["site"], medians["plain"]
        plugin = f"{site / plain:.2f}× ({site - plain:+.2f} s)" if site is not None and plain is not None else "—"
        peak = max(run.peak_mib for run in results["site"])
        rows.append(
            [
                f"{articles:,} × {terms:,}",
                *(seconds_cell(results[tool]) for tool in TOOLS),
                plugin,
                versus(site, medians["mkdocs"], results["mkdocs"], timeout),
                versus(site, medians["hugo"], results["hugo"], timeout),
                f"{peak:.0f} MiB",
            ]
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(text.ljust(width) if i == 0 else text.rjust(width) for i, (text, width) in enumerate(zip(row, widths)))
        for row in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def details(all_results):
    """Peak memory, CPU time and pages written by every tool: what the summary leaves out."""
    lines = []
    for (articles, terms), results in all_results.items():
        parts = []
        for tool, runs in results.items():
            done = [run for run in runs if run.seconds is not None]
            if not done:
                parts.append(f"{TOOLS[tool][:3]} {runs[0].error.split(':')[0]}")
                continue
            cpu = f", {statistics.median(run.cpu for run in done):.2f} s CPU" if done else ""
            parts.append(f"{TOOLS[tool][:3]} {max(run.peak_mib for run in runs):.0f} MiB{cpu}, {runs[0].pages} pages")
        lines.append(f"{articles:,} × {terms:,}: " + " | ".join(parts))
    return "\n".join(lines)


NOTES = """\
(a) the strict build (pelican-explainer build) with pelicanconf.py, the plugin on: checks, links the first
    mention of each term, writes term pages, the glossary, countries and sources indexes.
(b) the same runner, theme and settings with PLUGINS = ["sitemap"]: glossary files are hidden pages at the
    same addresses; the theme's filters and URL settings are filled in as the plugin does, nothing linked.
(c) MkDocs, mkdocs theme, no search plugin; abbr + pymdownx.snippets auto-appending one file of every
    term (`*[Term]: Summary`) to every page: every mention of a term gets a tooltip, not only the first.
    Python-Markdown re-scans the rest of a block for each `*[…]` line it takes off, so that one file of
    N definitions costs time in N² on every page: past a few hundred terms MkDocs is slow on any corpus.
(d) Hugo, a minimal layout (title and content), no linking. Hugo uses every core; the others use one.
Seconds are wall time, the median of the rounds; each ratio compares two medians from this run."""
