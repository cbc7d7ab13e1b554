"""`make devserver`'s program (tools/devserver.py) as the tests and the benchmark run it: in a private
content folder, on a free port of 127.0.0.1, its output read as it comes, each build awaited, and stopped by
its process id."""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from nginx_server import free_port

from conftest import ROOT

BUILD_RESULTS = ("Rebuilt ", "Rebuild failed:")  # the line tools/devserver.py prints after each build


class DevServerProcess:
    def __init__(self, content, output, settings=ROOT / "pelicanconf.py", index=False):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "tools.devserver", str(content), str(settings), str(output), "--port", str(self.port)]
        if index:
            command += ["--", sys.executable, "-m", "pagefind", "--quiet", "--site"]
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=dict(os.environ, COLUMNS="400")
        )
        self.lines, self.results = [], []
        self.changed = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                if line.startswith(BUILD_RESULTS):
                    self.results.append((time.monotonic(), line.strip()))
                self.changed.notify_all()

    def builds(self):
        """How many builds have finished: take it before an edit, then wait_build(it)."""
        with self.changed:
            return len(self.results)

    def wait_build(self, after, timeout=300):
        """(succeeded, time.monotonic() when it finished) of the first build after `after` builds."""
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.results) > after or self.process.poll() is not None, timeout):
                raise AssertionError(f"no build finished in {timeout} s:\n" + "\n".join(self.lines))
            if len(self.results) <= after:
                raise AssertionError(f"the devserver stopped (exit {self.process.returncode}):\n" + "\n".join(self.lines))
            finished, line = self.results[after]
            return line.startswith("Rebuilt "), finished

    def log(self):
        with self.changed:
            return "\n".join(self.lines)

    def get(self, path):
        """(status, text) of a page it serves."""
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""

    def stop(self):
        """SIGTERM to its process id, as an author's Ctrl-C would end it; killed if it does not end."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
