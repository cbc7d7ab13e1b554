"""Publishing a build atomically: the site is written into OUTPUT.partial and swapped in for OUTPUT only when the
run had no problem, so OUTPUT is always a complete site (the last good one when a build fails or is stopped).
`pelican-explainer build` and a site's own build tools (this project's tools/build.py) share it.

- One build of a folder at a time: an exclusive lock (flock) on OUTPUT.lock, beside OUTPUT. The kernel releases it
  when the process has ended, however it ended (SIGKILL too).
- Recovery, under the lock, before anything else: OUTPUT missing and OUTPUT.previous there means a build was stopped
  between the two renames of its swap, so OUTPUT.previous (the last good site) is renamed back; both there means
  the swap finished, so OUTPUT.previous goes. A leftover OUTPUT.partial folder goes; a file or a symbolic link at
  that name is not the build's, so the build refuses to touch it.
- The swap: OUTPUT → OUTPUT.previous, OUTPUT.partial → OUTPUT, OUTPUT.previous removed, with Ctrl-C and SIGTERM
  ignored meanwhile. Killed at any point, it leaves OUTPUT complete, or OUTPUT.previous complete, which the next
  build puts back.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import threading
from collections.abc import Callable, Iterator


class Busy(Exception):
    """Another build holds the lock: its process id, when it is known and still running."""

    def __init__(self, pid: int | None) -> None:
        super().__init__(pid)
        self.pid = pid


class NotOurs(Exception):
    """OUTPUT.partial is a file or a symbolic link: not a folder a build left, so it is not removed."""


def siblings(output: str) -> tuple[str, str, str]:
    """(OUTPUT.partial, OUTPUT.previous, OUTPUT.lock)."""
    return f"{output}.partial", f"{output}.previous", f"{output}.lock"


def running(pid: int) -> bool:
    """Whether process `pid` is alive: a lock file may name a build that has since ended."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def holder(fd: int) -> int | None:
    """The process id the lock file names, when that process is still running."""
    try:
        pid = int(os.pread(fd, 32, 0).decode().strip() or 0)
    except (OSError, ValueError):
        return None
    return pid if pid > 0 and running(pid) else None


@contextlib.contextmanager
def locked(output: str, wait: Callable[[int | None], object] | None = None) -> Iterator[int]:
    """Hold OUTPUT.lock for the block. Busy when another build holds it, or, with `wait` (a function told the
    holder's process id), wait for it."""
    path = siblings(output)[2]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fd = lock_file(path, wait)
    try:
        with contextlib.suppress(OSError):  # only what the message of a refused build names
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield fd
    finally:
        os.close(fd)


def lock_file(path: str, wait: Callable[[int | None], object] | None = None) -> int:
    """An open file descriptor of `path`, locked. A clean may delete the lock file while it holds the lock, so a
    process that waited on it may hold a lock on a file no longer at `path`: it opens `path` again."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if wait is None:
                    raise Busy(holder(fd)) from None
                wait(holder(fd))
                fcntl.flock(fd, fcntl.LOCK_EX)
            with contextlib.suppress(FileNotFoundError):
                if os.fstat(fd).st_ino == os.stat(path).st_ino:
                    return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def remove(path: str) -> None:
    """Remove whatever is at `path` (a file, a link or a folder)."""
    if os.path.islink(path) or os.path.isfile(path):
        os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path)


def recover(output: str, say: Callable[[str], object]) -> None:
    """Under the lock, before anything else: put back the last good site a stopped swap left in OUTPUT.previous,
    and remove the OUTPUT.partial folder a stopped build left behind. NotOurs when OUTPUT.partial is a file or a
    symbolic link."""
    partial, previous, _ = siblings(output)
    if os.path.islink(partial) or (os.path.lexists(partial) and not os.path.isdir(partial)):
        kind = "a symbolic link" if os.path.islink(partial) else "a file"
        raise NotOurs(f"{partial} is {kind}, not a folder a build left: the build writes there — move it away, then build again")
    if os.path.isdir(previous):
        if os.path.lexists(output):
            remove(previous)  # the swap had finished: OUTPUT is the new site
        else:
            os.rename(previous, output)
            say(
                f"Note: {output}/ was missing and {previous}/ held the last good build (a build was stopped while "
                f"it replaced {output}/): it is back in {output}/."
            )
    shutil.rmtree(partial, ignore_errors=True)


@contextlib.contextmanager
def signals_ignored() -> Iterator[None]:
    """Ctrl-C and SIGTERM are ignored during the block (in the main thread): a swap, once begun, ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def swap(output: str, pause: Callable[[str], object] = lambda step: None) -> None:
    """OUTPUT → OUTPUT.previous, OUTPUT.partial → OUTPUT, OUTPUT.previous removed. `pause` is told the step
    ("swap" between the renames, "cleanup" after them), for tests that stop a build there."""
    partial, previous, _ = siblings(output)
    with signals_ignored():
        replacing = os.path.lexists(output)
        if replacing:
            os.rename(output, previous)
        pause("swap")
        try:
            os.rename(partial, output)
        except OSError:
            if replacing:
                os.rename(previous, output)
            raise
        pause("cleanup")
        shutil.rmtree(previous, ignore_errors=True)  # what is left of it, the next build removes
