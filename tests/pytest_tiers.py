"""A pytest plugin for `make test`: the time each tier of the suite took, printed at the end of the run.

Loaded with `-p tests.pytest_tiers` (the Makefile's test recipe). A test's time is its setup, call and teardown,
so a build shared by a module or the session counts where it is made. The tiers, first match wins:

- plugin: the plugin's own tests, plugins/explainer/tests/ (tiny sites built in-process by Pelican's API);
- browser: a test that drives Chromium (marked `browser`, or using the `browser` fixture);
- end-to-end: a test that started a process of its own (make, git, nginx, java, …) — what only the real
  commands can show;
- site in-process: the rest, this site's tests, whose Pelican runs are in the test's own interpreter.

It also counts the processes each tier started (subprocess.Popen, which asyncio and Playwright use too), by
program name, and how many of them were builds (`make build|publish|deploy`, a Python running tools.build,
the plugin's pelican-explainer command, tools.devserver or pelican, as a module or imported by `-c` code), and the Pelican
runs made in the test's own interpreter (Pelican.run).

Under pytest-xdist (`make test` runs the suite on every core and one more) each worker counts the tests it ran and hands its
counts to the controller at its end (xdist's workeroutput), which adds them up: a tier's time is then the sum
over the workers, so the tiers together may exceed the wall clock of the whole run.
"""

import collections
import os
import subprocess
import time

import pytest

TIERS = ("plugin", "site in-process", "end-to-end", "browser")
PLUGIN_TESTS = "plugins/explainer/tests/"
BUILD_GOALS = {"build", "publish", "deploy"}
BUILD_MODULES = {"tools.build", "pelican.plugins.explainer.tooling.cli", "tools.devserver", "pelican"}


def program(args):
    """(name of the program, whether it is a build) of a Popen argument list or string."""
    words = [args] if isinstance(args, (str, bytes, os.PathLike)) else list(args)
    words = [os.fsdecode(word) if isinstance(word, (bytes, os.PathLike)) else str(word) for word in words]
    if not words:
        return "?", False
    name = os.path.basename(words[0].split()[0]) if words[0] else "?"
    if name.startswith("python"):
        name = "python"
    if name == "make":
        return name, bool(BUILD_GOALS & set(words[1:]))
    modules = {words[i + 1] for i, word in enumerate(words[:-1]) if word == "-m"}
    code = " ".join(words[i + 1] for i, word in enumerate(words[:-1]) if word == "-c")
    imported = any(f"from tools import {module.split('.')[-1]}" in code for module in BUILD_MODULES if "." in module)
    return name, bool(BUILD_MODULES & modules) or imported


class Tiers:
    def __init__(self):
        self.started = time.monotonic()
        self.seconds = collections.Counter()
        self.tests = collections.Counter()
        self.programs = {tier: collections.Counter() for tier in TIERS}
        self.builds = collections.Counter()
        self.durations = collections.Counter()  # nodeid → seconds so far
        self.spawned = collections.defaultdict(list)  # nodeid → [(program, is a build)]
        self.current = None
        self.in_process = collections.Counter()  # nodeid → Pelican runs in this interpreter
        self.runs = collections.Counter()  # tier → Pelican runs in this interpreter
        self.workers = 0  # xdist workers whose counts were added
        self.original_init = subprocess.Popen.__init__
        tiers = self

        def recording_init(popen, args, *more, **keywords):
            if tiers.current is not None:
                tiers.spawned[tiers.current].append(program(args))
            tiers.original_init(popen, args, *more, **keywords)

        subprocess.Popen.__init__ = recording_init

        from pelican import Pelican

        self.original_run = Pelican.run

        def counting_run(pelican):
            if tiers.current is not None:
                tiers.in_process[tiers.current] += 1
            return tiers.original_run(pelican)

        Pelican.run = counting_run

    def restore(self):
        from pelican import Pelican

        subprocess.Popen.__init__ = self.original_init
        Pelican.run = self.original_run

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.current = item.nodeid
        yield
        self.current = None
        tier = self.tier(item)
        self.seconds[tier] += self.durations.pop(item.nodeid, 0.0)
        self.tests[tier] += 1
        self.runs[tier] += self.in_process.pop(item.nodeid, 0)
        for name, is_build in self.spawned.pop(item.nodeid, []):
            self.programs[tier][name] += 1
            self.builds[tier] += is_build

    def pytest_runtest_logreport(self, report):
        self.durations[report.nodeid] += report.duration

    def tier(self, item):
        if item.nodeid.startswith(PLUGIN_TESTS):
            return "plugin"
        if item.get_closest_marker("browser") or "browser" in getattr(item, "fixturenames", ()):
            return "browser"
        if self.spawned.get(item.nodeid):
            return "end-to-end"
        return "site in-process"

    def counts(self):
        """What this process counted, as plain data a worker can send to the controller."""
        return {
            "seconds": dict(self.seconds),
            "tests": dict(self.tests),
            "programs": {tier: dict(counter) for tier, counter in self.programs.items()},
            "builds": dict(self.builds),
            "runs": dict(self.runs),
        }

    def add(self, counts):
        """Add a worker's counts (what counts() returned there) to this process's."""
        self.seconds.update(counts["seconds"])
        self.tests.update(counts["tests"])
        for tier, programs in counts["programs"].items():
            self.programs[tier].update(programs)
        self.builds.update(counts["builds"])
        self.runs.update(counts["runs"])
        self.workers += 1

    def pytest_sessionfinish(self, session):
        workeroutput = getattr(session.config, "workeroutput", None)
        if workeroutput is not None:  # an xdist worker: the controller prints the totals
            workeroutput["tiers"] = self.counts()

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error):
        if "tiers" in getattr(node, "workeroutput", {}):
            self.add(node.workeroutput["tiers"])

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter):
        self.restore()
        if not sum(self.tests.values()):
            return
        workers = f" (each the sum over {self.workers} workers)" if self.workers else ""
        terminalreporter.section(f"time per tier{workers}", sep="=")
        for tier in TIERS:
            programs = ", ".join(f"{name} {count}" for name, count in self.programs[tier].most_common())
            started = f"; processes started: {programs} ({self.builds[tier]} builds)" if programs else ""
            runs = f", {self.runs[tier]} Pelican runs in-process" if self.runs[tier] else ""
            terminalreporter.line(f"{tier:>16}: {self.seconds[tier]:7.1f} s, {self.tests[tier]:4d} tests{runs}{started}")
        wall = time.monotonic() - self.started
        terminalreporter.line(f"{'whole run':>16}: {wall:7.1f} s (wall clock, collection included)")


def pytest_configure(config):
    config.pluginmanager.register(Tiers(), "tiers")
