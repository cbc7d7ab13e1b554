"""Lighthouse for this site: one way to run it, shared by the quality gates and `make lighthouse`.

The gates in tests/test_quality_gates.py keep only what gives the same answer on a busy machine as on an
idle one: the accessibility, best-practices and SEO scores and a few audits that count bytes, requests and
headers. What depends on the speed of the CPU — the performance score and the Core Web Vitals — is a figure
to read, not a gate: `make lighthouse` (this module's main) builds the site as publishing does, serves it
with deploy/nginx.conf, calibrates Lighthouse's CPU slowdown to this machine and prints the figures.

Calibration follows Lighthouse's docs (docs/throttling.md, "Calibrating the CPU slowdown"): Lighthouse
measures the host's speed as `environment.benchmarkIndex` in every report, and the multiplier that moves
this machine to the mid-tier mobile device Lighthouse emulates is the one the docs' calculator
(lighthouse-cpu-throttling-calculator) computes from it: see cpu_slowdown_for().
"""

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _pytest.outcomes import OutcomeException  # what the tests' nginx helper raises when it cannot serve

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)

# The benchmarkIndex at which each piece of the slowdown calculator's line starts (see cpu_slowdown_for):
# 3x from this index up, 2x from the next, 1x from the last.
SLOWDOWN_3X_INDEX = 1300
SLOWDOWN_2X_INDEX = 800
SLOWDOWN_1X_INDEX = 150
MS_PER_SECOND = 1000  # a timing this long or longer is printed in seconds

# The page types whose Lighthouse results and weights are checked: name → path under SITEURL.
PAGE_TYPES = {
    "home": "/",
    "article": "/articles/victory-day-parade-2023/",
    "glossary-term": "/glossary/icbm/",
    "country": "/countries/china/",
    "countries": "/countries/",
    "search": "/search/",
}

# The timing-based figures `make lighthouse` prints (Core Web Vitals and the lab metrics of the score).
METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
)


class LighthouseError(Exception):
    """Lighthouse could not produce a report; the message says what it printed."""


def cpu_slowdown_for(benchmark_index):
    """The CPU slowdown multiplier for a host whose Lighthouse benchmarkIndex is `benchmark_index`, by the
    formula of the calculator Lighthouse's docs point to: a benchmarkIndex of 1300 is a 3x slowdown, each
    233 more adds 1x (1533 is Lighthouse's default 4x); 800 is 2x, and 150 is 1x, linear in between. A host
    slower than 150 is slower than the device being emulated and is not slowed down at all."""
    if benchmark_index >= SLOWDOWN_3X_INDEX:
        return 3 + (benchmark_index - SLOWDOWN_3X_INDEX) / 233
    if benchmark_index >= SLOWDOWN_2X_INDEX:
        return 2 + (benchmark_index - SLOWDOWN_2X_INDEX) / 500
    if benchmark_index >= SLOWDOWN_1X_INDEX:
        return 1 + (benchmark_index - SLOWDOWN_1X_INDEX) / 650
    return 1.0


# Lighthouse's own words for a run that went wrong in the tool, not in the page (a trace it failed to
# record on a busy machine, NO_NAVSTART): such a run is repeated, up to RUNS times in all.
TRANSIENT = "Please run Lighthouse again"
RUNS = 3


def run(url, report_file, *, categories=None, audits=None, cpu_slowdown=None, timeout=300):
    """Run the pinned Lighthouse CLI (mobile, simulated throttling) in Debian's Chromium on `url` and return
    its report (the LHR) as a dict, written to `report_file` too. A run whose audits failed for a reason
    Lighthouse calls transient is repeated, so the gates give the same answer on a busy machine."""
    for _ in range(RUNS):
        lhr = run_once(url, report_file, categories=categories, audits=audits, cpu_slowdown=cpu_slowdown, timeout=timeout)
        if not any(
            a.get("scoreDisplayMode") == "error" and TRANSIENT in (a.get("errorMessage") or "") for a in lhr["audits"].values()
        ):
            break
    return lhr


def run_once(url, report_file, *, categories=None, audits=None, cpu_slowdown=None, timeout=300):
    """One Lighthouse run on `url`: its report, written to `report_file` too."""
    report_file = Path(report_file)
    command = [
        "node",
        str(LIGHTHOUSE_CLI),
        url,
        "--output=json",
        f"--output-path={report_file}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if categories:
        command.append(f"--only-categories={','.join(categories)}")
    if audits:
        command.append(f"--only-audits={','.join(audits)}")
    if cpu_slowdown is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={cpu_slowdown:.2f}")
    result = subprocess.run(
        command, cwd=ROOT, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=timeout
    )
    if not report_file.is_file():
        raise LighthouseError(f"Lighthouse wrote no report for {url} (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    lhr = json.loads(report_file.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise LighthouseError(f"Lighthouse failed on {url}: {lhr['runtimeError']}")
    return lhr


def missing_tools():
    """What `make lighthouse` needs and this machine lacks, as lines saying how to get it."""
    lines = []
    if shutil.which("node") is None:
        lines.append("node (tools/system-packages.sh installs nodejs)")
    if not LIGHTHOUSE_CLI.is_file():
        lines.append(f"{LIGHTHOUSE_CLI.relative_to(ROOT)} (npm ci)")
    if not os.path.exists(CHROMIUM):
        lines.append(f"{CHROMIUM} (apt-get install chromium)")
    return lines


def calibrate(url, folder, runs=3):
    """(median benchmarkIndex, the multiplier for it, every benchmarkIndex measured) from `runs` quick
    Lighthouse runs on `url` that gather one cheap audit each: every run measures the host."""
    indexes = []
    for number in range(runs):
        lhr = run(url, Path(folder) / f"calibration-{number}.json", audits=["viewport"])
        indexes.append(lhr["environment"]["benchmarkIndex"])
    index = statistics.median(indexes)
    return index, cpu_slowdown_for(index), indexes


def figures(lhr):
    """{label: display value} for the performance score and the timing-based metrics of a report."""
    score = lhr["categories"]["performance"]["score"]
    row = {"performance": "?" if score is None else f"{score:.2f}"}
    for audit_id, label in METRICS:
        audit = lhr["audits"].get(audit_id, {})
        value = audit.get("numericValue")
        if value is None:
            row[label] = "?"
        elif audit_id == "cumulative-layout-shift":
            row[label] = f"{value:.3f}"
        else:
            row[label] = f"{value / MS_PER_SECOND:.2f} s" if value >= MS_PER_SECOND else f"{value:.0f} ms"
    return row


@contextlib.contextmanager
def build_and_serve(work):
    """Build the site as publishing does for a free port on 127.0.0.1 and serve it with deploy/nginx.conf
    until the block ends; yields the base URL."""
    sys.path.insert(0, str(ROOT / "tests"))
    from nginx_server import free_port, serving  # noqa: PLC0415 - the tests' helper, importable only once the line above has put tests/ on the path

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    output = Path(work) / "output"
    env = dict(os.environ, SITEURL=base_url, COLUMNS="400")
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    result = subprocess.run(
        ["make", "--no-print-directory", "build", "SETTINGS=publishconf.py", f"OUTPUT={output}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise LighthouseError(f"make build SETTINGS=publishconf.py failed:\n{result.stdout}{result.stderr}")
    nginx_tmp = Path(work) / "nginx"
    nginx_tmp.mkdir()
    with serving(output, port, nginx_tmp):
        yield base_url


def main(argv=None):
    """`make lighthouse`: build as publishing does, serve it with nginx, and print Lighthouse's figures for each
    page type; its exit status."""
    parser = argparse.ArgumentParser(prog="make lighthouse", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--calibration-runs",
        type=int,
        default=3,
        help="Lighthouse runs that measure benchmarkIndex before the reports (default 3)",
    )
    parser.add_argument("--cpu-slowdown", type=float, default=None, help="use this multiplier instead of calibrating")
    args = parser.parse_args(argv)
    missing = missing_tools()
    if missing:
        print("make lighthouse: missing " + "; ".join(missing), file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    try:
        print("Building the site as make publish does, served by nginx with deploy/nginx.conf…", flush=True)
        with build_and_serve(work) as base_url:
            if args.cpu_slowdown is None:
                index, slowdown, indexes = calibrate(base_url + "/", work, args.calibration_runs)
                print(
                    f"benchmarkIndex of this machine: {index:.0f} (median of "
                    f"{', '.join(f'{i:.0f}' for i in indexes)}) → CPU slowdown {slowdown:.2f}x "
                    "(Lighthouse's default is 4x, for a benchmarkIndex of about 1533)"
                )
            else:
                slowdown = args.cpu_slowdown
                print(f"CPU slowdown {slowdown:.2f}x (given, not calibrated)")
            header = f"{'page':14} {'score':>5} " + " ".join(f"{label:>8}" for _, label in METRICS) + "  benchmarkIndex"
            print(f"\nLighthouse, mobile, simulated throttling at {slowdown:.2f}x CPU slowdown:\n{header}")
            for name, location in PAGE_TYPES.items():
                started = time.monotonic()
                lhr = run(base_url + location, work / f"{name}.json", categories=["performance"], cpu_slowdown=slowdown)
                row = figures(lhr)
                print(
                    f"{name:14} {row['performance']:>5} "
                    + " ".join(f"{row[label]:>8}" for _, label in METRICS)
                    + f"  {lhr['environment']['benchmarkIndex']:.0f} ({time.monotonic() - started:.0f} s)",
                    flush=True,
                )
                for warning in lhr.get("runWarnings", []):
                    print(f"    warning: {' '.join(str(warning).split())[:300]}")
        print("\nThese figures depend on the machine and how busy it is: they are reported, never gated.")
    except LighthouseError as error:
        print(f"make lighthouse: {error}", file=sys.stderr)
        return 1
    except OutcomeException as error:
        print(f"make lighthouse: {error.msg}", file=sys.stderr)
        return 1
    else:
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
