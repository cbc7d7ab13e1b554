"""Shared helpers: build a site with the project's settings and read its HTML."""

import contextlib
import fcntl
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
REPORT_LINES: list[str] = []  # figures a test measured, printed at the end of the run (pytest_terminal_summary)


class Site:
    """A built site: its output folder, the runner's exit code and what it printed."""

    def __init__(self, output, result):
        self.output = Path(output)
        self.returncode = result.returncode
        self.log = result.stdout + result.stderr

    def html(self, relative):
        path = self.output / relative
        if path.is_dir():
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def pages(self):
        return sorted(self.output.rglob("*.html"))


class Finished:
    """What a command run in this interpreter left: its exit status and what it printed (as subprocess.run's)."""

    def __init__(self, returncode, stdout, stderr, folder=None):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr
        self.folder = folder  # where it wrote, for once_per_run


@contextlib.contextmanager
def _fd_sink(fd):
    """Everything written to file descriptor `fd` (by forked workers, C code) while inside, as text at the end."""
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(fd)
        os.dup2(sink.fileno(), fd)
        caught = io.StringIO()
        try:
            yield caught
        finally:
            os.dup2(saved, fd)
            os.close(saved)
            sink.seek(0)
            caught.write(sink.read().decode("utf-8", "replace"))


def run_main(main, args):
    """`python -m tools.X ARGS` in this interpreter: main(args) with what it prints to standard output and error
    (Python's and the file descriptors') captured, from the project's folder; a Finished. Each Pelican run in it
    hears only its own log records (the plugin's tooling.runner.collecting), so runs in one process do not see each other's."""
    sys.stdout.flush()
    sys.stderr.flush()
    out, err = io.StringIO(), io.StringIO()
    forget_settings_modules()
    try:
        with contextlib.chdir(ROOT), _fd_sink(1) as fd_out, _fd_sink(2) as fd_err:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
    finally:
        forget_settings_modules()
    return Finished(status or 0, out.getvalue() + fd_out.getvalue(), err.getvalue() + fd_err.getvalue())


def forget_settings_modules():
    """Pelican loads a settings file as the module named after it (sys.modules["pelicanconf"] is whichever
    pelicanconf.py ran last, a test's own too), and publishconf.py and the tests' settings files import
    pelicanconf: forgotten around each run, it is read afresh from this project, as in a new process."""
    for name in ("pelicanconf", "publishconf"):
        sys.modules.pop(name, None)


def build(content, output, settings="pelicanconf.py", check=True, extra_settings=None):
    """Build `content` with the plugin's strict build, in this interpreter as `pelican-explainer build --no-advice`
    would (as `make build` runs it); assert success unless check=False. The settings reach it as JSON on its
    command line would."""
    from pelican.plugins.explainer.tooling import cli

    extra = ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra_settings.items())] if extra_settings else []
    result = run_main(cli.main, ["build", str(content), "-s", str(ROOT / settings), "-o", str(output), "--no-advice", *extra])
    site = Site(output, result)
    if check:
        assert result.returncode == 0, site.log
    return site


def once_per_run(tmp_path_factory, name, make):
    """make(folder) → a Finished, run once per test run however many pytest-xdist workers need it: the first
    worker that asks makes it in a folder all workers share (the session's, the workers' basetemp's parent),
    holding a lock file, as xdist's documentation shows for session fixtures; the others wait on the lock, then
    read what it recorded. What is made there is only read by the tests. Without xdist, a folder of the session."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    record = shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.is_file():
            folder = shared / name
            folder.mkdir()
            result = make(folder)
            record.write_text(json.dumps([str(folder), result.returncode, result.stdout, result.stderr]), encoding="utf-8")
    folder, returncode, stdout, stderr = json.loads(record.read_text(encoding="utf-8"))
    return Finished(returncode, stdout, stderr, Path(folder))


@pytest.fixture
def measured(record_property):
    """measured(line): a figure a test measured, printed at the end of the run. It travels as a user property of
    the test's report, so a pytest-xdist worker's figures reach the controller that prints them."""
    return lambda line: record_property("measured", line)


def pytest_runtest_logreport(report):
    if report.when == "call":
        REPORT_LINES.extend(value for name, value in report.user_properties if name == "measured")


def pytest_terminal_summary(terminalreporter):
    """Print what the tests measured (tests/test_reading_path.py: markers per 100 words, lines, offsets)."""
    if REPORT_LINES:
        terminalreporter.section("measured")
        for line in REPORT_LINES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The project's own content, built once per test run, by two worker processes (what `make build`
    does on a machine of two cores; tests/test_workers.py shows the site is the same byte for byte without)."""

    def make(folder):
        site = build(ROOT / "content", folder / "output", check=False, extra_settings={"EXPLAINER_WORKERS": 2})
        return Finished(site.returncode, site.log, "", folder)

    made = once_per_run(tmp_path_factory, "real", make)
    assert made.returncode == 0, made.stdout + made.stderr
    return Site(made.folder / "output", made)


@pytest.fixture(scope="session")
def made_site(tmp_path_factory):
    """The project's own content built by `make build` (Pelican, then Pagefind's index), once per test run."""

    def make(folder):
        result = make_build(folder / "output")
        return Finished(result.returncode, result.stdout, result.stderr, folder)

    made = once_per_run(tmp_path_factory, "made", make)
    assert made.returncode == 0, made.stdout + made.stderr
    return made.folder / "output"


def make_env(**variables):
    """The environment for a make the tests start: this one without the make variables of a make that started
    the tests (`make test`), so the make they start is a top-level one, as when a user types it."""
    env = dict(os.environ, **variables)
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)
    return env


def make_build(output, *args):
    """`make build OUTPUT=output ARGS…` of this project, as a user runs it."""
    return subprocess.run(
        ["make", "--no-print-directory", "build", f"OUTPUT={output}", *args],
        cwd=ROOT,
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )


# Under pytest-xdist (`make test`: --numprocesses auto --dist loadfile) each worker is handed whole test files, so
# a module-scoped fixture (often a build, a deploy or a served site) is made once; the session's builds are made
# once for all workers (once_per_run). The files that use deployed_site go to one worker together: it serves what
# it deployed on one port (nginx on deployed_site.port), which a second worker could not bind while it does.
DEPLOYED_SITE_FILES = ("tests/test_quality_gates.py", "tests/test_nginx_e2e.py", "tests/test_output_hygiene.py")
DEPLOYED_SITE_UNIT = "deployed_site"
# The units of work that take longest (deploys, a fresh clone's install, the make catalogues) are handed out first,
# so that none of them starts last and runs alone; the others follow in the order they were collected.
LONGEST_FIRST = (
    DEPLOYED_SITE_UNIT,
    "tests/test_deploy.py",
    "tests/test_make_build.py",
    "tests/test_mistakes.py",
    "tests/test_make_paths.py",
    "tests/test_build_recovery.py",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """One worker more than the cores: many tests wait (on pip, on Lighthouse's quiet windows, on a browser or
    a server), and the extra worker uses the CPU meanwhile."""
    return (os.cpu_count() or 1) + 1


@pytest.hookimpl(optionalhook=True, tryfirst=True)  # before xdist's own, which makes the scheduler --dist names
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadFileScheduling

    class ByFileLongestFirst(LoadFileScheduling):
        """--dist loadfile, the files of DEPLOYED_SITE_FILES being one unit, and the LONGEST_FIRST units handed
        out before the others (which keep xdist's order, most tests first)."""

        def _split_scope(self, nodeid):
            file = super()._split_scope(nodeid)
            return DEPLOYED_SITE_UNIT if file in DEPLOYED_SITE_FILES else file

        def _assign_work_unit(self, node):
            for unit in reversed(LONGEST_FIRST):
                if unit in self.workqueue:
                    self.workqueue.move_to_end(unit, last=False)
            super()._assign_work_unit(node)

    return ByFileLongestFirst(config, log)


def pytest_collection_modifyitems(items):
    """A test outside DEPLOYED_SITE_FILES that uses deployed_site could run on a second worker, which would deploy
    and serve a site of its own on another port beside the first: refused while collecting, with the fix."""
    for item in items:
        if "deployed_site" in getattr(item, "fixturenames", ()) and item.nodeid.split("::")[0] not in DEPLOYED_SITE_FILES:
            raise pytest.UsageError(f"{item.nodeid} uses deployed_site: add its file to conftest.DEPLOYED_SITE_FILES")


class Deployed:
    """This project as a publisher deploys it (see the deployed_site fixture)."""

    def __init__(self, project, www, base_url, port, tree):
        self.project, self.www, self.base_url, self.port, self.tree = project, www, base_url, port, tree


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory):
    """A private copy of this project (a git repository of its own), with the things that must never be
    published where an author or a tool leaves them (tests/test_output_hygiene.py's bait), deployed once per
    session as a publisher does: `make deploy DEPLOY=rsync` — make check, make publish (the build with
    publishconf.py, then the quality gates that need no browser), then rsync into www/ — for SITEURL
    http://127.0.0.1:<free port>; then the deploy step of `make deploy DEPLOY=git` (tools.deploy) pushes the
    same build to a local bare repository. What nginx serves in tests/test_nginx_e2e.py, what the quality gates
    check in tests/test_quality_gates.py, and what tests/test_output_hygiene.py walks (output/ and the pushed
    branch). Both deploy commands are tested whole, on a project of their own, in tests/test_deploy.py."""
    from nginx_server import free_port
    from test_deploy import bare_repository, copy_project, git, make
    from test_output_hygiene import BAIT, UNTRACKED_BAIT

    root = tmp_path_factory.mktemp("deployed")
    project = copy_project(root / "project")
    for relative, text in {**BAIT, **UNTRACKED_BAIT}.items():
        write(project / relative, text)
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "Things that must never be published")
    assert git(project, "status", "--porcelain") == ""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    www = root / "www"
    started = time.monotonic()
    deployed = make(project, "deploy", "DEPLOY=rsync", f"DEPLOY_PATH={www}", SITEURL=base_url)
    assert deployed.returncode == 0, deployed.log
    remote = bare_repository(root / "remote.git")
    pushed = subprocess.run(
        [
            str(project / ".venv" / "bin" / "python"),
            "-m",
            "tools.deploy",
            "--method",
            "git",
            "--remote",
            str(remote),
            "--branch",
            "gh-pages",
            "--siteurl",
            base_url,
            "--output",
            "output",
        ],
        cwd=project,
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    tree = git(remote, "ls-tree", "-r", "--name-only", "refs/heads/gh-pages").splitlines()
    print(f"deployed in {time.monotonic() - started:.1f} s")
    return Deployed(project, www, base_url, port, tree)


@pytest.fixture
def content_copy(tmp_path):
    """A private copy of the real content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def write(path, text):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_site(root, files):
    """Write {relative path: text} under root/content and return the content folder."""
    content = Path(root) / "content"
    for relative, text in files.items():
        write(content / relative, text)
    return content


def build_fixture_site(tmp_path_factory, name, files):
    """Write `files` into a fresh folder and build them (for module-scoped site fixtures)."""
    root = tmp_path_factory.mktemp(name)
    return build(make_site(root, files), root / "output")


def article(slug, body, date="2024-01-01", **metadata):
    """An article's Markdown with the required metadata and one cited source."""
    lines = [
        f"Title: {metadata.pop('title', slug.replace('-', ' ').title())}",
        f"Date: {date}",
        f"Slug: {slug}",
        f"Summary: {metadata.pop('summary', 'A test article.')}",
    ]
    lines += [f"{key.replace('_', '-').capitalize()}: {value}" for key, value in metadata.items()]
    return "\n".join(lines) + (
        f"\n\n{body}[^r][^a][^y]\n\n"
        '[^r]: Reuters, "A report", 1 July 2023, <https://www.reuters.com/world/a-report/>\n'
        '[^a]: Associated Press, "A story", 2 July 2023, <https://apnews.com/article/a-story>\n'
        '[^y]: Yonhap News Agency, "A dispatch", 3 July 2023, <https://en.yna.co.kr/view/a-dispatch>\n'
    )


def country(title, iso, relations=(), aliases="", body="An overview."):
    lines = [
        f"Title: {title}",
        "Official-name: The Official " + title,
        f"ISO: {iso}",
        "Capital: Capital City",
        f"Summary: {title} in the story.",
    ]
    if aliases:
        lines.append(f"Aliases: {aliases}")
    if relations:
        lines.append("Relations: " + "\n    ".join(relations))
    return (
        "\n".join(lines)
        + f'\n\n{body}[^src]\n\n[^src]: Reuters, "A report", 1 July 2023, <https://www.reuters.com/world/a-report/>\n'
    )


def term(title, summary="A plain definition.", category="concept", body="The full definition.", **metadata):
    lines = [f"Title: {title}", f"Category: {category}", f"Summary: {summary}"]
    lines += [f"{key.replace('_', '-').capitalize()}: {value}" for key, value in metadata.items()]
    return (
        "\n".join(lines)
        + f'\n\n{body}[^src]\n\n[^src]: Reuters, "A report", 1 July 2023, <https://www.reuters.com/world/a-report/>\n'
    )


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; missing Chromium fails under CI and skips elsewhere."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it with apt-get install chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def serve():
    """serve(folder) → base URL of a static server on 127.0.0.1, stopped after the test."""
    import functools
    import http.server
    import threading

    servers = []

    def start(folder):
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.RequestHandlerClass.log_message = lambda *args: None
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
