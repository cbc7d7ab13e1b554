"""`make build` and `make publish`: the site made in OUTPUT.partial and swapped in for OUTPUT only when every
step succeeded; one build of a folder at a time; and whatever stops a build (a mistake, a full disk, a kill,
a second build), OUTPUT is left complete.

The lock, the recovery and the swap are the plugin's (tooling/atomic.py), which `pelican-explainer build` uses
too; this module adds the site's own steps.

1. Lock. An exclusive lock (flock) on OUTPUT.lock, a file kept beside OUTPUT. The kernel releases it when the
   build and the programs it started have ended, however they ended (SIGKILL too). A second build of the
   same folder does not wait: it says in one line that one is running (and its process id) and exits 1,
   having touched nothing. `make devserver` takes the same lock for each rebuild, waiting for it.
2. Recovery, before anything else. OUTPUT missing and OUTPUT.previous there means a build was stopped
   between the two renames of its swap: OUTPUT.previous is the last good site, renamed back, with a note.
   Both there means the swap finished, so OUTPUT.previous goes. A leftover OUTPUT.partial folder goes (a file
   or a link there is refused, untouched).
3. The steps, into OUTPUT.partial: the strict Pelican runner of `pelican-explainer build` (the plugin's
   tooling/runner.py, in this process), the search index (the command after `--`, the folder appended), a .gz
   and a .br copy of every text file (tools/precompress.py), then the gates (--gates: a shell command;
   `make publish` runs the quality gates).
4. The swap: OUTPUT → OUTPUT.previous, OUTPUT.partial → OUTPUT, OUTPUT.previous removed. Killed at any
   point, it leaves OUTPUT complete, or OUTPUT.previous complete, which the next build puts back.

A failed step removes OUTPUT.partial and leaves OUTPUT exactly as it was, with one line saying so; a full
disk (in Pelican, Pagefind or the compression) is that one line, never a traceback.

    python -m tools.build CONTENT SETTINGS OUTPUT [--name Build] [--gates COMMAND] [-- INDEX COMMAND…]

For the tests only: EXPLAINER_BUILD_PAUSE_AT=STEP makes the build print `Paused at STEP (process PID)` on
standard error at that point and wait for a line on standard input, so a test can kill it there. STEP is
one of PAUSE_STEPS: pelican (once Pelican has written its first page), pagefind (while the index command
runs), precompress (once the first file is compressed), swap (between the two renames), cleanup (after
them, before OUTPUT.previous is removed).
"""

import argparse
import contextlib
import ctypes
import errno
import os
import shutil
import signal
import subprocess
import sys
import threading

from pelican import signals as pelican_signals

from pelican.plugins.explainer.checks.errors import display_path
from pelican.plugins.explainer.tooling import runner
from pelican.plugins.explainer.tooling.atomic import Busy, NotOurs, locked, recover, siblings, swap
from pelican.plugins.explainer.tooling.runner import disk_full, disk_full_line
from tools import precompress

PAUSE_STEPS = ("pelican", "pagefind", "precompress", "swap", "cleanup")
# Pagefind, when it cannot write: Rust's text for ENOSPC ("No space left on device (os error 28)").
DISK_FULL_TEXTS = ("No space left on device", "os error 28", "Disk quota exceeded")


class StepFailed(Exception):
    """A step failed and has said why."""


class DiskFull(Exception):
    """The disk filled while a step wrote: the OSError that said so."""

    def __init__(self, error):
        super().__init__(error)
        self.error = error


def pause(step):
    """The tests' kill points (EXPLAINER_BUILD_PAUSE_AT, see the module's docstring); nothing otherwise."""
    if os.environ.get("EXPLAINER_BUILD_PAUSE_AT") == step:
        print(f"Paused at {step} (process {os.getpid()})", file=sys.stderr, flush=True)
        sys.stdin.readline()


def _pause_at_first_page(*_, **__):
    pelican_signals.content_written.disconnect(_pause_at_first_page)
    pause("pelican")


_first_file = threading.Lock()


def _compress_then_pause(path, compress=precompress.compress):
    sizes = compress(path)
    if _first_file.acquire(blocking=False):
        pause("precompress")
    return sizes


def _die_with_this_process():
    """In a child, before it starts: killed when this build's process ends, even by SIGKILL (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG


def start(command, lock, **options):
    """A child process that holds the lock with this one and ends with it."""
    # The rule (PLW1509) warns of threads; PR_SET_PDEATHSIG can only be set by the child itself, between fork and
    # exec, so a preexec_fn is the only way, and the hook is one prctl call that ignores its own failure.
    return subprocess.Popen(command, pass_fds=(lock,), preexec_fn=_die_with_this_process, **options)  # noqa: PLW1509


class Build:
    """The steps of one build, each into OUTPUT.partial while this process holds the lock; a step that fails
    raises StepFailed or DiskFull, and build() turns that into one line."""

    def __init__(self, content, settings, output, *, index_command, gates, lock):
        self.content, self.settings, self.output = content, settings, output
        self.partial = siblings(output)[0]
        self.index_command, self.gates, self.lock = index_command, gates, lock

    def run(self):
        """Every step in order: Pelican, the search index (if there is a command for it), the compressed
        copies, then the gates (if any)."""
        self.pelican()
        if self.index_command:
            self.index()
        self.compress()
        if self.gates:
            self.check()

    def pelican(self):
        """The plugin's strict runner in this process: its mistakes are reported, then the build fails."""
        if os.environ.get("EXPLAINER_BUILD_PAUSE_AT") == "pelican":
            pelican_signals.content_written.connect(_pause_at_first_page)
        collector = runner.run(self.content, self.settings, self.partial)
        if collector.disk_full:
            raise DiskFull(collector.disk_full)
        if runner.report(collector):
            raise StepFailed

    def index(self):
        """The index command on OUTPUT.partial; what it prints is shown, unless it is that the disk is full."""
        process = start(
            [*self.index_command, self.partial],
            self.lock,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        pause("pagefind")
        said = process.communicate()[0]
        if process.returncode and (any(text in said for text in DISK_FULL_TEXTS) or almost_full(self.partial)):
            raise DiskFull(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        sys.stderr.write(said)
        if process.returncode:
            raise StepFailed

    def compress(self):
        """A .gz and a .br copy of every text file (tools/precompress.py); a full disk is DiskFull, not a traceback."""
        if os.environ.get("EXPLAINER_BUILD_PAUSE_AT") == "precompress":
            precompress.compress = _compress_then_pause
        try:
            precompress.precompress(self.partial)
        except OSError as error:
            if disk_full(error):
                raise DiskFull(error) from None
            raise

    def check(self):
        """The gates: a shell command run on OUTPUT.partial, with the lock passed on, whose failure fails the build."""
        if start(self.gates, self.lock, shell=True).wait():
            raise StepFailed


def almost_full(folder, margin=1 << 20):
    """Whether the file system of `folder` has less than `margin` bytes left for this user."""
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < margin


def refusal(refused, output):
    """Why a build did not start: another build of OUTPUT runs (Busy), or OUTPUT.partial is not the build's (NotOurs)."""
    if isinstance(refused, Busy):
        process = f" (process {refused.pid})" if refused.pid else ""
        return f"a build of {output}/ is already running{process} — wait for it to end, or stop it, then build again"
    return str(refused)


def build(content, settings, output, *, index_command=(), gates="", name="Build"):
    """The whole build; its exit status. Every failure is one line at the end, and OUTPUT as it was."""
    partial = siblings(output)[0]
    kept = f"{output}/ was left exactly as it was"
    try:
        with locked(output) as lock:
            recover(output, say=lambda line: print(line, file=sys.stderr, flush=True))
            try:
                Build(content, settings, output, index_command=index_command, gates=gates, lock=lock).run()
            except BaseException:
                shutil.rmtree(partial, ignore_errors=True)
                raise
            swap(output, pause=pause)
    except (Busy, NotOurs) as refused:
        print(f"{name} refused: {refusal(refused, output)}; nothing was touched.", file=sys.stderr)
        return 1
    except StepFailed:
        print(f"{name} failed: {kept}.", file=sys.stderr)
        return 1
    except DiskFull as full:
        print(f"{name} failed: {disk_full_line(full.error, partial)}; {kept}.", file=sys.stderr)
        return 1
    except OSError as error:
        if disk_full(error):
            print(f"{name} failed: {disk_full_line(error, partial)}; {kept}.", file=sys.stderr)
        else:
            where = display_path(error.filename) if error.filename else f"{output}/"
            print(f"{name} failed: {where}: {error.strerror or error}; {kept}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n{name} stopped: {kept}.", file=sys.stderr)
        return 130
    print(f"Built the site into {output}/")
    return 0


def site_arguments(description, argv=None):
    """(a parser with CONTENT SETTINGS OUTPUT, the options before `--`, the command after it): the build's and the
    devserver's command lines, whose command after `--` indexes a build for search (the folder is appended)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(description=description)
    for name in ("content", "settings", "output"):
        parser.add_argument(name)
    return parser, argv[:split], argv[split + 1 :]


def arguments(argv=None):
    """The options, and after `--` the command that indexes a build for search (the folder is appended)."""
    parser, argv, index_command = site_arguments(__doc__.splitlines()[0], argv)
    parser.add_argument("--name", default="Build", help="what the messages call it: Build, Publish")
    parser.add_argument("--gates", default="", help="a shell command run on OUTPUT.partial before the swap")
    args = parser.parse_args(argv)
    args.output = args.output.rstrip("/") or args.output
    args.index_command = index_command
    return args


def main(argv=None):
    """`python -m tools.build`: the build from the command line; its exit status."""
    args = arguments(argv)
    # Stopped by its process id (kill PID): as on Ctrl-C, OUTPUT.partial removed and OUTPUT left as it was.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    return build(
        args.content, args.settings, args.output, index_command=args.index_command, gates=args.gates.strip(), name=args.name
    )


if __name__ == "__main__":
    sys.exit(main())
