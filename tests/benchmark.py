"""`make bench`: how much glossary linking costs, on synthetic sites. Prints figures; asserts nothing.

Timed tests are flaky on shared machines, so speed targets are read off these figures, measured in
one run: the build with linking against the same build with EXPLAINER_AUTOLINK = False (which still
counts mentions) and with no glossary at all; the linker against a naive one-regex-per-term baseline;
peak memory; and how build time grows with the number of articles.

The authors' loop: `make devserver` (tools/devserver.py) on the same corpora, its cold first build against
its rebuild after a one-file article edit with the content cache warm, each timed until the devserver
reports the build finished (the target: at most a quarter of the cold build at 2,000 articles).

Then the same corpus is built, interleaved, by this site, by Pelican with this site's theme and settings
but without the plugin, by MkDocs with abbr tooltips and by Hugo (tests/bench/compare.py), and a table
gives the medians, the ratios and this site's peak memory.

    python tests/benchmark.py [--sizes small,medium,large] [--timeout 240] [--rounds 3]

small is 200 articles × 100 terms, medium 200 × 1,000, large 2,000 × 1,000 (the linking figures
above use 500 and 2,000 articles, as before).
"""

import argparse
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"small": (200, 100), "medium": (200, 1000), "large": (2000, 1000)}

from pelican.plugins.explainer.model.entities import Name  # noqa: E402
from pelican.plugins.explainer.reading.document import SKIPPED_TAGS, LinkTarget  # noqa: E402
from pelican.plugins.explainer.reading.matcher import Matcher  # noqa: E402
from pelican.plugins.explainer.reading.treelink import LinkingExtension  # noqa: E402

SYLLABLES = ["ka", "ri", "son", "mo", "tal", "pe", "ung", "dor", "vi", "sha", "lek", "nu", "zan", "hwa", "gi"]
FILLER = (  # noqa: SIM905 - a line of words reads better than a list of quoted ones
    "the of and to in a that was for on with as by at from said it were which an are this "
    "officials report state parade missile delegation visit analysts government military"
).split()


def term_names(count, rng):
    names = set()
    while len(names) < count:
        words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(1, 3))]
        names.add(" ".join(words).title())
    return sorted(names)


def make_corpus(folder, articles, terms, seed=1):
    """`articles` articles of about 600 words, about 1 word in 25 a term name, and `terms` terms."""
    rng = random.Random(seed)
    names = term_names(terms, rng)
    content = Path(folder) / "content"
    (content / "glossary").mkdir(parents=True)
    (content / "articles").mkdir(parents=True)
    for index, name in enumerate(names):
        (content / "glossary" / f"term-{index}.md").write_text(
            f"Title: {name}\nCategory: concept\nSummary: What {name} means.\n\n"
            f'{name} is a synthetic term.[^s]\n\n[^s]: Bench, "Synthetic", 1 January 2024.\n',
            encoding="utf-8",
        )
    for index in range(articles):
        paragraphs = []
        for _ in range(6):
            words = [rng.choice(names) if rng.random() < 0.04 else rng.choice(FILLER) for _ in range(100)]
            text = " ".join(words)  # str.capitalize() would lower-case the term names too
            paragraphs.append(text[0].upper() + text[1:] + ".")
        body = "\n\n".join(paragraphs)
        (content / "articles" / f"a{index}.md").write_text(
            f"Title: Article {index}\nDate: 2024-01-01\nSlug: a{index}\nSummary: Synthetic article {index}.\n\n"
            f"## Section\n\n{body}[^a][^b][^c]\n\n"
            + "".join(f'[^{n}]: Bench, "Synthetic {n}", 1 January 2024.\n' for n in "abc"),
            encoding="utf-8",
        )
    return content, names


def timed_build(content, output, **settings):
    """(seconds, peak MiB) of one strict build in a fresh process (forked by a small launcher, so the peak
    is the build's own and not this process's size: see bench/others.py)."""
    from bench import others

    extra = [f"{key}={value}" for key, value in settings.items()]
    result = others.run([*others.site_command(content, output), *extra], timeout=3600)
    if result.seconds is None:
        raise SystemExit(f"build {result.error[:2000]}")
    return result.seconds, result.peak_mib


def build_figures(articles, terms):
    with tempfile.TemporaryDirectory() as folder:
        content, _ = make_corpus(folder, articles, terms)
        linked = timed_build(content, Path(folder) / "on")
        counted = timed_build(content, Path(folder) / "off", EXPLAINER_AUTOLINK="false")
        bare = timed_build(
            content,
            Path(folder) / "none",
            EXPLAINER_ENTITY_TYPES='{"glossary": {"path": "no-such-folder"}, "countries": {}}',
            IGNORE_FILES='[".*", "glossary"]',
        )
    print(
        f"build {articles:>5} articles × {terms:>4} terms: linking {linked[0]:6.2f} s ({linked[1]:5.0f} MiB peak) | "
        f"EXPLAINER_AUTOLINK=False {counted[0]:6.2f} s | no glossary {bare[0]:6.2f} s | "
        f"ratio on/off {linked[0] / counted[0]:.2f}× | on/no glossary {linked[0] / bare[0]:.2f}×"
    )
    return linked[0]


def naive_link(html, names):
    """The baseline other glossary tools use: one regular expression per term over each text node."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    patterns = [re.compile(r"\b" + re.escape(name) + r"\b", re.IGNORECASE) for name in names]
    for node in list(soup.find_all(string=True)):
        if any(parent.name in SKIPPED_TAGS for parent in node.parents):
            continue
        text = str(node)
        for pattern in patterns:
            text = pattern.sub(lambda m: f'<a class="term">{m.group(0)}</a>', text, count=1)
        if text != str(node):
            node.replace_with(BeautifulSoup(text, "html.parser"))
    return str(soup)


def linker_figures(terms, articles=50):
    """The Treeprocessor's cost per article (Markdown with it against Markdown without it), against a
    naive one-regex-per-term linker over the same pages' HTML."""
    import markdown

    with tempfile.TemporaryDirectory() as folder:
        content, names = make_corpus(folder, articles, terms, seed=2)
        texts = [path.read_text(encoding="utf-8").split("\n\n", 1)[1] for path in sorted((content / "articles").glob("*.md"))]
    targets = {f"glossary:t{i}": LinkTarget(f"glossary:t{i}", "/x/", "term", name, "") for i, name in enumerate(names)}
    matcher = Matcher((Name(name, False), targets[f"glossary:t{i}"]) for i, name in enumerate(names))

    def convert_all(with_linker):
        start = time.perf_counter()
        pages = []
        for text in texts:
            extensions = (
                ["extra", LinkingExtension(lambda md: {"matcher": matcher, "targets": targets})] if with_linker else ["extra"]
            )
            pages.append(markdown.Markdown(extensions=extensions).convert(text))
        return time.perf_counter() - start, pages

    plain, pages = convert_all(False)
    linked, _ = convert_all(True)
    fast = max(linked - plain, 1e-9)
    start = time.perf_counter()
    for html in pages:
        naive_link(html, names)
    naive = time.perf_counter() - start
    print(
        f"linker alone, {articles} articles × {terms} terms: {fast * 1000 / articles:6.2f} ms/article "
        f"(Markdown itself {plain * 1000 / articles:5.2f}) | naive one-regex-per-term {naive * 1000 / articles:7.2f} ms/article | "
        f"{naive / fast:5.1f}× faster"
    )


def devserver_figures(articles, terms, edits=3):
    """Seconds from starting the devserver to its first build, and from a one-file article edit to the end
    of the rebuild it causes (the median of `edits`), as the devserver reports them."""
    from devserver_process import DevServerProcess

    with tempfile.TemporaryDirectory() as folder:
        content, _ = make_corpus(folder, articles, terms)
        server = DevServerProcess(content, Path(folder) / "output")
        try:
            succeeded, finished = server.wait_build(0, timeout=3600)
            if not succeeded:
                raise SystemExit(f"devserver build failed:\n{server.log()[-2000:]}")
            cold = finished - server.started
            rebuilds = []
            for number in range(edits):
                before = server.builds()
                edited = time.monotonic()
                with open(content / "articles" / f"a{number}.md", "a", encoding="utf-8") as source:
                    source.write("\nAn edited sentence.\n")
                succeeded, finished = server.wait_build(before, timeout=3600)
                if not succeeded:
                    raise SystemExit(f"devserver rebuild failed:\n{server.log()[-2000:]}")
                rebuilds.append(finished - edited)
        finally:
            server.stop()
    rebuild = sorted(rebuilds)[len(rebuilds) // 2]
    print(
        f"devserver {articles:>5} articles × {terms:>4} terms: cold build {cold:6.2f} s | rebuilt after a one-file "
        f"article edit {rebuild:6.2f} s (median of {edits}) = {rebuild / cold:.2f}× the cold build",
        flush=True,
    )


def scaled_article(text, times):
    """An article's Markdown with its text (not its metadata or footnote definitions) repeated `times` times:
    the same sources, cited `times` times as often, so only the length grows."""
    from markdown.extensions.footnotes import FootnoteBlockProcessor

    metadata, _, body = text.partition("\n\n")
    lines = body.splitlines()
    notes = [line for line in lines if FootnoteBlockProcessor.RE.match(line)]
    prose = "\n".join(line for line in lines if not FootnoteBlockProcessor.RE.match(line))
    return metadata + "\n\n" + "\n\n".join([prose] * times) + "\n\n" + "\n".join(notes) + "\n"


def long_article_figures(factors=(1, 10, 100)):
    """This site built with its longest article at 1×, 10× and 100× its length: below the limits
    (EXPLAINER_MAX_FILE_SIZE and the others), the extra time should grow as the extra text does."""
    import shutil

    longest = max((ROOT / "content" / "articles").glob("*.md"), key=lambda path: path.stat().st_size)
    text = longest.read_text(encoding="utf-8")
    times = {}
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content"
        shutil.copytree(ROOT / "content", content)
        for factor in factors:
            scaled = scaled_article(text, factor)
            (content / "articles" / longest.name).write_text(scaled, encoding="utf-8")
            times[factor] = timed_build(content, Path(folder) / f"out-{factor}")[0]
            print(
                f"the longest article ({longest.name}) at {factor:>3}×: {len(scaled.encode()) / 1e6:5.2f} MB, "
                f"site built in {times[factor]:6.2f} s",
                flush=True,
            )
    low, mid, high = factors
    grown = (times[high] - times[low]) / max(times[mid] - times[low], 1e-9)
    print(
        f"growth: the time the extra text adds, {high}× against {mid}×, is {grown:.1f}× "
        f"(linear: {(high - low) / (mid - low):.1f}×)"
    )


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="small,medium,large",
        help="comma-separated: " + ", ".join(f"{name} ({a} × {n})" for name, (a, n) in SIZES.items()),
    )
    parser.add_argument("--timeout", type=float, default=240, help="seconds each build may take (default 240)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per corpus (default 3)")
    args = parser.parse_args(argv)
    args.sizes = [name.strip() for name in args.sizes.replace(" ", ",").split(",") if name.strip()]
    unknown = [name for name in args.sizes if name not in SIZES]
    if unknown or not args.sizes:
        parser.error(f"unknown size {', '.join(unknown) or '(none)'}: choose from {', '.join(SIZES)}")
    return args


def main(argv=None):
    from bench import compare

    args = arguments(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; every figure below is from this one run")
    print(compare.versions())
    print("\nGlossary linking:")
    if "small" in args.sizes:
        linker_figures(100)
    if {"medium", "large"} & set(args.sizes):
        linker_figures(1000)
    if "small" in args.sizes:
        build_figures(500, 100)
    small = build_figures(500, 1000) if "medium" in args.sizes else None
    large = build_figures(2000, 1000) if "large" in args.sizes else None
    if small and large:
        print(f"growth: 4× the articles (500 → 2000, 1000 terms) took {large / small:.2f}× the time (target ≤ 4.6×)")

    print("\nOne long document (bounded work, issue 21):")
    long_article_figures()

    print("\nThe authors' loop (make devserver, content cache on; target at 2,000 articles: a rebuild ≤ 0.25× the cold build):")
    for name, size in SIZES.items():
        if name in args.sizes:
            devserver_figures(*size)

    print(
        f"\nThis site against other tools, {args.rounds} interleaved rounds per corpus (a b c d, a b c d, …), "
        f"timeout {args.timeout:g} s per build:",
        flush=True,
    )
    compare.warm_up(make_corpus)
    results = {}
    for name, (articles, terms) in SIZES.items():
        if name in args.sizes:
            results[(articles, terms)] = compare.compare(make_corpus, articles, terms, args.rounds, args.timeout)
    print()
    print(compare.table(results, args.timeout))
    print()
    print("Peak memory (max RSS), median CPU time and HTML pages written, per tool:")
    print(compare.details(results))
    print()
    print(compare.NOTES)


if __name__ == "__main__":
    main()
