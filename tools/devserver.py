"""`make devserver`: the strict build of `make build`, run again after every change, served on 127.0.0.1.

Each build is tools.runner, with the same checks and the same messages as `make build`, and with Pelican's
content cache on (kept in OUTPUT.cache), so a rebuild reads only the files that changed; the plugin gives the
cache a folder per set of entity names, so a glossary or country edit still relinks every page. A build runs
in a fresh process forked from a warm one (multiprocessing's forkserver, Pelican and the plugin imported
once) into OUTPUT.partial, and replaces OUTPUT only when it reported nothing: a mistake prints its
path:line lines and the last good build stays served. The search index command (Pagefind, as `make build`
runs it) then indexes the new build in place; the previous index answers meanwhile. Each rebuild holds the
lock of `make build` (tools/build.py) on OUTPUT, waiting for a `make build` of the same folder to end, and
recovers first what a build stopped while it replaced OUTPUT left behind.

Watched, with Pelican's own filter (IGNORE_FILES): the content folder, the theme and the settings file; a
settings edit empties the cache, whose entries do not record the settings they were made with.

    python -m tools.devserver CONTENT SETTINGS OUTPUT [--port 8000] [--cache DIR] [-- INDEX COMMAND…]
"""

import functools
import http.server
import json
import multiprocessing
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time

import watchfiles
from pelican.settings import read_settings
from pelican.utils import FileChangeFilter

from tools import build, runner

FORKSERVER = multiprocessing.get_context("forkserver")
FORKSERVER.set_forkserver_preload(["tools.runner", "pelican.plugins.explainer", "pelican.generators", "markdown"])


def build_once(content, settings_file, output, cache):
    """In the forked process: one strict build, exit status 1 when anything was reported."""
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": cache}
    sys.exit(runner.main([content, settings_file, output, *(f"{key}={json.dumps(value)}" for key, value in cached.items())]))


class Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the output folder, never cached by the browser, no request log."""

    def end_headers(self):
        """Add Cache-Control: no-store, so a reload always shows the latest build."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        """Say nothing: a line per request would bury the build's messages in the terminal."""
        pass


class DevServer:
    """The site served from OUTPUT and rebuilt into OUTPUT.partial on every change, swapped in only when the rebuild
    reported nothing, so the browser always has the last good build."""

    def __init__(self, content, settings_file, output, cache, index_command):
        self.content, self.settings_file = content, os.path.abspath(settings_file)
        self.output, self.cache, self.index_command = os.path.abspath(output), os.path.abspath(cache), index_command
        self.partial = build.siblings(self.output)[0]

    def serve(self, bind, port):
        """Serve OUTPUT in a thread; a port already taken is one plain line and exit status 1."""
        try:
            server = http.server.ThreadingHTTPServer((bind, port), functools.partial(Handler, directory=self.output))
        except OSError as error:
            raise SystemExit(
                f"make devserver: cannot listen on {bind}:{port} ({error.strerror}) — stop what uses "
                "it, or choose another port: make devserver PORT=8001"
            ) from None
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Serving {self.output}/ on http://{bind}:{port}/ — it rebuilds on every change; Ctrl-C stops.", flush=True)

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

    def watch(self, changes):
        """Start a thread that puts each batch of changed paths on `changes`; it watches from the moment it
        starts, during builds too. Returns the event that stops it."""
        settings = read_settings(self.settings_file, override={"PATH": self.content})
        paths = [os.path.abspath(path) for path in (self.settings_file, settings["THEME"], self.content)]
        stop = threading.Event()

        def put_changes():
            for batch in watchfiles.watch(
                *(path for path in paths if os.path.exists(path)),
                stop_event=stop,
                watch_filter=FileChangeFilter(settings["IGNORE_FILES"]),
                raise_interrupt=False,
            ):
                changes.put({path for _, path in batch})

        threading.Thread(target=put_changes, daemon=True).start()
        return stop

    def run(self):
        """Build, then rebuild after every batch of changes until stopped. A settings edit may move the theme
        or the content, so the watch starts anew."""
        changes = queue.Queue()
        stop = self.watch(changes)
        self.rebuild()
        while True:
            changed = changes.get()
            while not changes.empty():  # what changed during the last build, all in this one
                changed |= changes.get_nowait()
            print(f"Changed: {', '.join(sorted(os.path.relpath(path) for path in changed))}", flush=True)
            if self.settings_file in changed:
                stop.set()
                shutil.rmtree(self.cache, ignore_errors=True)
                stop = self.watch(changes)
            self.rebuild()


def arguments(argv=None):
    """The options, and after `--` the command that indexes a build for search (the folder is appended)."""
    parser, argv, index_command = build.site_arguments(__doc__.splitlines()[0], argv)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--cache", help="Pelican's content cache (default: OUTPUT.cache)")
    args = parser.parse_args(argv)
    args.output = args.output.rstrip("/") or args.output
    args.cache = args.cache or f"{args.output}.cache"
    args.index_command = index_command
    return args


def main(argv=None):
    """`make devserver`: serve, build, and rebuild on every change until stopped."""
    args = arguments(argv)
    # Stopped by its process id (kill PID): end as on Ctrl-C, the forkserver and any build with it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = DevServer(args.content, args.settings, args.output, args.cache, args.index_command)
    server.serve(args.bind, args.port)
    try:
        server.run()
    except KeyboardInterrupt:
        print("\nStopped.")
    finally:
        for child in multiprocessing.active_children():
            child.terminate()


if __name__ == "__main__":
    main()
