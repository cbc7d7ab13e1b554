"""A pytest plugin for `make test`: a skipped test fails the run unless the README allows it.

A skip under `make test` almost always means a missing tool (rsync, nginx, Chromium…), and a run that skips
the tests needing it passes while checking less than it claims. Loaded with `-p tests.pytest_no_skips`
(the Makefile's test recipe), it makes the session fail when any test — or a whole module — was skipped,
unless the skipped test's id (or the id it starts with, for parametrised tests) is listed in the README's
allow-list: the bullet lines after the line that starts with `Allowed to skip under make test`, each
`` - `tests/file.py::test_name`: why ``.
"""

from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
MARKER = "Allowed to skip under `make test`"


def pytest_addoption(parser):
    parser.addoption(
        "--skip-allowlist",
        default=str(README),
        help="the Markdown file holding the allow-list of tests that may skip (default: README.md)",
    )


def allowed_skips(path):
    """{test id: reason} from the bullet list that follows the marker line of `path`."""
    allowed, inside = {}, False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith(MARKER):
            inside = True
            continue
        if not inside:
            continue
        if not stripped.startswith("- "):
            if allowed or stripped:  # the list ends at the first line that is not an item
                break
            continue
        item = stripped[2:].strip()
        if item.startswith("`") and "`" in item[1:]:
            test_id, _, reason = item[1:].partition("`")
            reason = reason.lstrip(":—- ").strip()
            if reason:  # an entry without a reason does not count
                allowed[test_id.strip()] = reason
    return allowed


def is_allowed(nodeid, allowed):
    return any(nodeid == test_id or nodeid.startswith(test_id + "[") or nodeid.startswith(test_id + "::") for test_id in allowed)


class NoSkips:
    def __init__(self, allowlist):
        self.allowlist = allowlist
        self.allowed = allowed_skips(allowlist)
        self.refused = []  # (nodeid, reason)

    def record(self, report):
        if report.skipped and not hasattr(report, "wasxfail") and not is_allowed(report.nodeid, self.allowed):
            longrepr = report.longrepr
            reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
            self.refused.append((report.nodeid, reason.removeprefix("Skipped: ")))

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report):
        self.record(report)

    @pytest.hookimpl
    def pytest_collectreport(self, report):
        self.record(report)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session):
        if self.refused and session.exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    @pytest.hookimpl
    def pytest_terminal_summary(self, terminalreporter):
        if not self.refused:
            return
        terminalreporter.section("skipped tests fail make test", sep="=", red=True, bold=True)
        for nodeid, reason in self.refused:
            terminalreporter.line(f"SKIPPED {nodeid}: {reason}")
        terminalreporter.line(
            f"{len(self.refused)} test(s) skipped: install what they need (tools/system-packages.sh "
            f"installs the Debian packages), or list the test with the reason in "
            f'{Path(self.allowlist).name} under "{MARKER}".',
            red=True,
        )


def pytest_configure(config):
    config.pluginmanager.register(NoSkips(config.getoption("--skip-allowlist")), "no-skips")
