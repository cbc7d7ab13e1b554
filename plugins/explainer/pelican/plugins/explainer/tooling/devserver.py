"""`pelican-explainer devserver`: the strict build, run again after every change, served on 127.0.0.1 only.

Each rebuild is the strict build of `pelican-explainer build` (runner.py), in this process as Pelican's own
`pelican --autoreload` runs its builds, with the same messages, into OUTPUT.partial swapped in only when
there was no problem (atomic.py): a mistake prints its path:line lines and the last good build stays served.

What it watches is what Pelican's autoreload watches (the settings file, the theme, the content folder), with
Pelican's own filter of IGNORE_FILES (pelican.utils.FileChangeFilter). Two parts are its own, each for a
reason: the watch runs in a thread from the start, so an edit saved while a build runs is seen (Pelican's
wait_for_changes watches only between builds); and the server is the standard library's, because Pelican's
handler logs a missing page as a WARNING, which a strict build running in this process would count as a
problem of the site. A site's own devserver may subclass DevServer and replace rebuild() (this project's
tools/devserver.py builds in a fresh process and swaps the result in).
"""

from __future__ import annotations

import functools
import http.server
import os
import queue
import shutil
import signal
import sys
import threading
import time

import watchfiles
from pelican.utils import FileChangeFilter

from pelican.plugins.explainer.tooling import atomic, runner

BIND = "127.0.0.1"  # never another address: a development server is not for the network


class Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the output folder, never cached by the browser, no request log."""

    def end_headers(self) -> None:
        """Add Cache-Control: no-store, so a reload always shows the latest build."""
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing: a line per request would bury the build's messages in the terminal."""


def listen(output: str, port: int, command: str, another_port: str) -> http.server.ThreadingHTTPServer:
    """A server of `output` on 127.0.0.1:`port`, not yet serving; a port already taken is one plain line
    (SystemExit, exit status 1) naming `command` and how to choose `another_port` (formatted with the port)."""
    try:
        return http.server.ThreadingHTTPServer((BIND, port), functools.partial(Handler, directory=output))
    except OSError as error:
        raise SystemExit(
            f"{command}: cannot listen on {BIND}:{port} ({error.strerror}) — stop what uses it, or choose "
            f"another port: {another_port.format(port=port + 1)}"
        ) from None


class DevServer:
    """The site served from OUTPUT and rebuilt on every change until stopped."""

    command = "pelican-explainer devserver"
    another_port = "pelican-explainer devserver --port {port}"

    def __init__(
        self, content: str | None, settings_file: str | None, output: str, extra: dict[str, object] | None = None
    ) -> None:
        self.content, self.extra = content, dict(extra or {})
        self.settings_file = os.path.abspath(settings_file) if settings_file else None
        self.output = os.path.abspath(output)

    def serve(self, port: int) -> None:
        """Serve OUTPUT in a thread, on 127.0.0.1 only."""
        server = listen(self.output, port, self.command, self.another_port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sys.stdout.write(f"Serving {self.output}/ on http://{BIND}:{port}/ — it rebuilds on every change; Ctrl-C stops.\n")
        sys.stdout.flush()

    def rebuild(self) -> bool:
        """One strict build into OUTPUT.partial, its problems printed, swapped in for OUTPUT when there was none
        (atomic.py, waiting for a build of OUTPUT that runs); True then."""
        started = time.monotonic()
        partial = atomic.siblings(self.output)[0]
        with atomic.locked(self.output, wait=lambda pid: None):
            atomic.recover(self.output, say=lambda line: sys.stderr.write(line + "\n"))
            try:
                collector = runner.run(self.content, self.settings_file, partial, self.extra)
                failed = runner.report(collector, partial)
                if not failed:
                    atomic.swap(self.output)
            finally:
                shutil.rmtree(partial, ignore_errors=True)
        if failed:
            sys.stderr.write("Rebuild failed: the last good build is still served; correct the problems above and save again.\n")
            sys.stderr.flush()
            return False
        sys.stdout.write(f"Rebuilt {self.output}/ in {time.monotonic() - started:.2f} s.\n")
        sys.stdout.flush()
        return True

    def watched(self) -> tuple[list[str], FileChangeFilter]:
        """What Pelican's autoreload watches (the settings file, the theme, the content) and its filter."""
        override = {**self.extra, **({"PATH": self.content} if self.content is not None else {})}
        settings = runner.read(self.settings_file, override)
        paths = [os.path.abspath(path) for path in (self.settings_file, settings["THEME"], settings["PATH"]) if path]
        return [path for path in paths if os.path.exists(path)], FileChangeFilter(settings["IGNORE_FILES"])

    def watch(self, changes: queue.Queue[set[str]]) -> threading.Event:
        """Start a thread that puts each batch of changed paths on `changes`; it watches from the moment it
        starts, during builds too. Returns the event that stops it."""
        paths, change_filter = self.watched()
        stop = threading.Event()

        def put_changes() -> None:
            for batch in watchfiles.watch(*paths, stop_event=stop, watch_filter=change_filter, raise_interrupt=False):
                changes.put({path for _, path in batch})

        threading.Thread(target=put_changes, daemon=True).start()
        return stop

    def settings_changed(self) -> None:
        """What a settings edit makes stale besides the watch (nothing here; a site's cache, in a subclass)."""

    def run(self) -> None:
        """Build, then rebuild after every batch of changes until stopped. A settings edit may move the theme
        or the content, so the watch starts anew."""
        changes: queue.Queue[set[str]] = queue.Queue()
        stop = self.watch(changes)
        self.rebuild()
        while True:
            changed = changes.get()
            while not changes.empty():  # what changed during the last build, all in this one
                changed |= changes.get_nowait()
            sys.stdout.write(f"Changed: {', '.join(sorted(os.path.relpath(path) for path in changed))}\n")
            sys.stdout.flush()
            if self.settings_file in changed:
                self.settings_changed()
                try:
                    watching = self.watch(changes)
                except runner.SettingsMistake:
                    pass  # the rebuild says what is wrong; the watch goes on as it was until the file is corrected
                else:
                    stop.set()
                    stop = watching
            self.rebuild()


def serve_until_stopped(server: DevServer, port: int) -> int:
    """Serve, build, and rebuild on every change until Ctrl-C, or SIGTERM (stopped by its process id), which
    ends it the same way; the exit status (1 when the settings file cannot be read at the start)."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        server.serve(port)
        server.run()
    except runner.SettingsMistake as error:  # at the start: there is nothing to watch or serve yet
        sys.stderr.write(f"ERROR: {error}\n")
        return 1
    except KeyboardInterrupt:
        sys.stdout.write("\nStopped.\n")
    return 0
