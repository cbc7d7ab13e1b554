"""`make devserver`: the plugin's devserver (`pelican-explainer devserver`), with what `make build` adds: each
rebuild is made aside and swapped in, indexed for search, and never collides with a `make build`.

It is the plugin's DevServer (its tooling/devserver.py: the watch of the settings file, the theme and the
content, the server on 127.0.0.1, the loop) with its own rebuild: the strict build of `make build`, with
Pelican's content cache on (kept in OUTPUT.cache), so a rebuild reads only the files that changed; the plugin
gives the cache a folder per set of entity names, so a glossary or country edit still relinks every page. A
build runs in a fresh process forked from a warm one (multiprocessing's forkserver, Pelican and the plugin
imported once) into OUTPUT.partial, and replaces OUTPUT only when it reported nothing: a mistake prints its
path:line lines and the last good build stays served. The search index command (Pagefind, as `make build`
runs it) then indexes the new build in place; the previous index answers meanwhile. Each rebuild holds the
lock of `make build` (tools/build.py) on OUTPUT, waiting for a `make build` of the same folder to end, and
recovers first what a build stopped while it replaced OUTPUT left behind. A settings edit empties the cache,
whose entries do not record the settings they were made with.

    python -m tools.devserver CONTENT SETTINGS OUTPUT [--port 8000] [--cache DIR] [-- INDEX COMMAND…]
"""

import multiprocessing
import os
import shutil
import subprocess
import sys
import time

from pelican.plugins.explainer.tooling import devserver, runner
from tools import build

FORKSERVER = multiprocessing.get_context("forkserver")
FORKSERVER.set_forkserver_preload(
    ["pelican.plugins.explainer.tooling.runner", "pelican.plugins.explainer", "pelican.generators", "markdown"]
)


def build_once(content, settings_file, output, cache):
    """In the forked process: one strict build, exit status 1 when anything was reported."""
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": cache}
    sys.exit(runner.report(runner.run(content, settings_file, output, cached), output))


class DevServer(devserver.DevServer):
    """The site served from OUTPUT and rebuilt into OUTPUT.partial on every change, swapped in only when the rebuild
    reported nothing, so the browser always has the last good build."""

    command = "make devserver"
    another_port = "make devserver PORT={port}"

    def __init__(self, content, settings_file, output, cache, index_command):
        super().__init__(content, settings_file, output)
        self.cache, self.index_command = os.path.abspath(cache), index_command
        self.partial = build.siblings(self.output)[0]

    def rebuild(self):
        """One strict build into OUTPUT.partial, swapped in when it reported nothing; True then."""
        with build.locked(self.output, wait=self.waiting):
            return self.rebuild_locked()

    def waiting(self, pid):
        """Say which build the rebuild waits for, so a pause is not taken for a hang."""
        process = f" (process {pid})" if pid else ""
        print(f"Waiting for the build of {self.output}/{process} to end…", flush=True)

    def rebuild_locked(self):
        """rebuild() once it holds the lock: build in a forked process, then index and swap in what succeeded."""
        started = time.monotonic()
        build.recover(self.output, say=lambda line: print(line, flush=True))
        process = FORKSERVER.Process(target=build_once, args=(self.content, self.settings_file, self.partial, self.cache))
        process.start()
        process.join()
        if process.exitcode != 0:
            shutil.rmtree(self.partial, ignore_errors=True)
            still = "still serves the last good build" if os.path.isdir(self.output) else "is not there yet"
            print(
                f"Rebuild failed: {self.output}/ {still}. Correct the problems above and save again.", file=sys.stderr, flush=True
            )
            return False
        index = os.path.join(self.output, "pagefind")
        if os.path.isdir(index):  # searching keeps working until the new index is written
            shutil.copytree(index, os.path.join(self.partial, "pagefind"), copy_function=os.link)
        build.swap(self.output)
        print(f"Rebuilt {self.output}/ in {time.monotonic() - started:.2f} s.", flush=True)
        if self.index_command and subprocess.run([*self.index_command, self.output]).returncode != 0:
            print("The search index could not be updated (see above); the pages are up to date.", file=sys.stderr)
        return True

    def settings_changed(self):
        """The cache's entries do not record the settings they were made with: a settings edit empties it."""
        shutil.rmtree(self.cache, ignore_errors=True)


def arguments(argv=None):
    """The options, and after `--` the command that indexes a build for search (the folder is appended)."""
    parser, argv, index_command = build.site_arguments(__doc__.splitlines()[0], argv)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--cache", help="Pelican's content cache (default: OUTPUT.cache)")
    args = parser.parse_args(argv)
    args.output = args.output.rstrip("/") or args.output
    args.cache = args.cache or f"{args.output}.cache"
    args.index_command = index_command
    return args


def main(argv=None):
    """`make devserver`: serve, build, and rebuild on every change until stopped (Ctrl-C or kill PID), the
    forkserver and any build ending with it."""
    args = arguments(argv)
    try:
        return devserver.serve_until_stopped(
            DevServer(args.content, args.settings, args.output, args.cache, args.index_command), args.port
        )
    finally:
        for child in multiprocessing.active_children():
            child.terminate()


if __name__ == "__main__":
    sys.exit(main())
