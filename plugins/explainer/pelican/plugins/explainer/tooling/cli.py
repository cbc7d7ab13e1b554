"""`pelican-explainer build|check|serve|devserver`: the strict build, shipped with the plugin.

Plain `pelican` prints a traceback after each of the plugin's `path:line` messages and shows advisories only
with --verbose. This command runs Pelican in-process (runner.py) and prints each problem as one line, no
traceback for an author's mistake, and exits 1 when there was a problem; the advisories follow a build with
none. `build` writes into OUTPUT.partial and swaps it in only when there was no problem (atomic.py), so a
failed build leaves OUTPUT exactly as it was. Before building, it checks that PLUGINS names the plugin. Its
options are Pelican's: CONTENT, -s SETTINGS (pelicanconf.py when it exists), -o OUTPUT and -e KEY=JSON, each
defaulting as `pelican` does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Sequence

from pelican import DEFAULT_CONFIG_NAME

from pelican.plugins.explainer.tooling import atomic, devserver, runner

PROG = "pelican-explainer"


def extra_setting(item: str) -> tuple[str, object]:
    """KEY=VALUE with VALUE in JSON, as Pelican's -e reads it: an argparse type, so a bad one is a usage error."""
    key, separator, value = item.partition("=")
    if not separator or not key:
        raise argparse.ArgumentTypeError(f"{item!r} is not KEY=VALUE")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        raise argparse.ArgumentTypeError(
            f"{item!r}: the value is not JSON — a string is KEY='\"text\"', a boolean KEY=true, None KEY=null"
        ) from None


def parser() -> argparse.ArgumentParser:
    """The command line: one sub-command per job, each with Pelican's options where it has them."""
    main = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    commands = main.add_subparsers(dest="command", required=True, metavar="{build,check,serve,devserver}")
    jobs = {
        "build": "build the site strictly: every problem as path:line, the advisories, exit status 1 on a problem",
        "check": "build into a throwaway folder and list every problem and advisory, one a line",
        "serve": "serve the output folder on http://127.0.0.1:PORT/",
        "devserver": "build, serve on http://127.0.0.1:PORT/ and rebuild on every change",
    }
    for name, text in jobs.items():
        command = commands.add_parser(name, help=text, description=text)
        if name != "serve":
            command.add_argument("content", nargs="?", help="the content folder (default: the settings' PATH)")
        command.add_argument("-s", "--settings", help=f"the settings file (default: {DEFAULT_CONFIG_NAME} if it exists)")
        if name != "check":
            command.add_argument("-o", "--output", help="the output folder (default: the settings' OUTPUT_PATH)")
        if name != "serve":
            command.add_argument(
                "-e",
                "--extra-settings",
                dest="extra",
                nargs="+",
                default=[],
                type=extra_setting,
                metavar="KEY=JSON",
                help="override settings, values in JSON as with pelican -e",
            )
        if name in ("build", "check"):
            command.add_argument("--debug", action="store_true", help="show the traceback of an error in code (not of a mistake)")
        if name == "build":
            command.add_argument(
                "--no-advice", dest="advice", action="store_false", help="skip the advisories (a slightly faster build)"
            )
        if name in ("serve", "devserver"):
            command.add_argument("-p", "--port", type=int, default=8000, help="the port (default: 8000)")
    return main


def settings_file(args: argparse.Namespace, usage: argparse.ArgumentParser) -> str | None:
    """The settings file given, else pelicanconf.py when it exists (as `pelican` chooses), else None."""
    if args.settings is None:
        return DEFAULT_CONFIG_NAME if os.path.isfile(DEFAULT_CONFIG_NAME) else None
    if not os.path.isfile(args.settings):
        usage.error(f"the settings file {args.settings} does not exist — give its path with -s")
    return args.settings


def build(args: argparse.Namespace, settings: str | None) -> int:
    """Build into OUTPUT.partial and swap it in for OUTPUT when there was no problem; print the problems, or the
    advisories of a build with none, on standard error; 1 when there was a problem."""
    output = output_folder(args, settings).rstrip("/") or "/"
    partial = atomic.siblings(output)[0]
    try:
        with atomic.locked(output):
            atomic.recover(output, say=lambda line: sys.stderr.write(line + "\n"))
            try:
                collector = runner.run(args.content, settings, partial, dict(args.extra), advice=args.advice, debug=args.debug)
                status = runner.report(collector, partial)
                if status == 0:
                    atomic.swap(output)
            finally:
                shutil.rmtree(partial, ignore_errors=True)
    except atomic.Busy as busy:
        process = f" (process {busy.pid})" if busy.pid else ""
        sys.stderr.write(f"ERROR: a build of {output}/ is already running{process} — wait for it to end; nothing was touched.\n")
        return 1
    except atomic.NotOurs as error:
        sys.stderr.write(f"ERROR: {error}; nothing was touched.\n")
        return 1
    if status:
        return status
    for line in collector.advice:
        sys.stderr.write(f"ADVICE: {line}\n")
    if collector.advice:
        sys.stderr.write(f"{len(collector.advice)} advisory note(s): they never fail the build.\n")
    return 0


def check(args: argparse.Namespace, settings: str | None) -> int:
    """Build into a throwaway folder; list every problem, then every advisory; 1 when there was a problem."""
    with tempfile.TemporaryDirectory(prefix="explainer-check-") as output:
        collector = runner.run(args.content, settings, output, dict(args.extra), advice=True, debug=args.debug)
        if collector.disk_full:
            sys.stderr.write(f"ERROR: {runner.disk_full_line(collector.disk_full, output)}; nothing was checked.\n")
            return 1
    for line in collector.problems:
        sys.stdout.write(line + "\n")
    for line in collector.advice:
        sys.stdout.write(f"ADVICE: {line}\n")
    sys.stdout.write(f"{len(collector.problems)} problem(s), {len(collector.advice)} advisory note(s).\n")
    return 1 if collector.problems else 0


def output_folder(args: argparse.Namespace, settings: str | None) -> str:
    """-o, else the settings' OUTPUT_PATH."""
    return args.output or str(runner.read_quietly(settings, dict(getattr(args, "extra", ())))["OUTPUT_PATH"])


def serve(args: argparse.Namespace, settings: str | None) -> int:
    """Serve the output folder on 127.0.0.1 until Ctrl-C or SIGTERM; a missing folder is one line."""
    output = output_folder(args, settings)
    if not os.path.isdir(output):
        sys.stderr.write(f"{PROG} serve: {output}/ does not exist — build the site first: {PROG} build\n")
        return 1
    server = devserver.listen(output, args.port, f"{PROG} serve", f"{PROG} serve --port {{port}}")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped by its process id, it ends as on Ctrl-C
    sys.stdout.write(f"Serving {os.path.abspath(output)}/ on http://{devserver.BIND}:{args.port}/ — Ctrl-C stops.\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stdout.write("\nStopped.\n")
    finally:
        server.server_close()
    return 0


def watch(args: argparse.Namespace, settings: str | None) -> int:
    """The devserver (devserver.py) until stopped."""
    server = devserver.DevServer(args.content, settings, output_folder(args, settings), dict(args.extra))
    return devserver.serve_until_stopped(server, args.port)


def plugin_named(settings: str | None, extra: dict[str, object]) -> None:
    """SettingsMistake when PLUGINS leaves the plugin out: said in one line before anything is built."""
    missing = runner.plugin_missing(runner.read_quietly(settings, extra), settings)
    if missing:
        raise runner.SettingsMistake(missing)


JOBS = {"build": build, "check": check, "serve": serve, "devserver": watch}


def main(argv: Sequence[str] | None = None) -> int:
    """`pelican-explainer …`: the exit status of the job asked for."""
    usage = parser()
    args = usage.parse_args(argv)
    settings = settings_file(args, usage)
    try:
        if args.command != "serve":
            plugin_named(settings, dict(args.extra))
        return JOBS[args.command](args, settings)
    except runner.SettingsMistake as error:  # a settings file that cannot run, or lacks the plugin: one line, nothing built
        sys.stderr.write(f"ERROR: {error}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
