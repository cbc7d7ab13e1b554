"""Checks the values a make target is given, other than folders, before the target does anything.

tools/paths.py checks the folders (OUTPUT, CONTENT, DEPLOY_PATH); this module checks the rest: SETTINGS,
PORT, SITEURL, DEPLOY, DEPLOY_REMOTE, DEPLOY_BRANCH, FORCE, BENCH_SIZES and BENCH_TIMEOUT. The Makefile
runs it first (stdlib only, with the system python3, so it works before .venv exists), after the Makefile
itself has checked PYTHON. Each value arrives in the environment as MK_<NAME>, the very variable the
recipes then read ("$$MK_PORT"), so what is checked is what runs, and neither make nor the shell ever
parses a value. A refusal is one line, `make TARGET: refused: NAME=value …, why — what to do.`, exit 1:

- any value with white space, a control character, or a character the shell would interpret;
- SETTINGS: not an existing, readable, regular .py file (a folder, /etc/passwd, a .pyc);
- PORT: not a whole number of ASCII digits from 1 to 65535;
- SITEURL: empty where the target needs it (publish, deploy); else not an http:// or https:// address with
  a host, or one with credentials (user:pass@), a query (?…) or a fragment (#…), or non-ASCII letters;
- DEPLOY: not git, rsync or (except for deploy) empty; FORCE: not 1/0, yes/no, true/false, on/off or empty;
- DEPLOY_BRANCH: not a branch name by the rules of `git check-ref-format --branch`;
- DEPLOY_REMOTE: not a remote name, a path or an http(s)/ssh/git/file URL (never an option, never a
  remote-helper transport such as ext::, which runs commands);
- BENCH_SIZES: not a comma-separated list of small, medium, large; BENCH_TIMEOUT: not a number of seconds
  from 1 to a day.

    MK_PORT=8000 MK_SETTINGS=pelicanconf.py python3 -m tools.variables --target serve --check settings port
"""

import argparse
import ipaddress
import os
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from tools.paths import ROOT, UNSAFE, Refusal, refused

SETTINGS_EXAMPLE = "give a Pelican settings file such as pelicanconf.py or publishconf.py"
PORT_EXAMPLE = "give a port number from 1 to 65535, e.g. PORT=8000"
SITEURL_EXAMPLE = "give the address the site is served from, e.g. SITEURL=https://example.org"
DEPLOY_EXAMPLE = "use DEPLOY=git (push to a branch) or DEPLOY=rsync DEPLOY_PATH=user@host:/var/www/site"
REMOTE_EXAMPLE = "give a remote name, a path or a URL, e.g. DEPLOY_REMOTE=origin"
BRANCH_EXAMPLE = "give a branch name such as gh-pages"
FORCE_EXAMPLE = "give FORCE=1 to deploy uncommitted changes anyway, or leave FORCE out"
SIZES = ("small", "medium", "large")
SIZES_EXAMPLE = f"choose from {', '.join(SIZES)}, separated by commas, e.g. BENCH_SIZES=small"
TIMEOUT_EXAMPLE = "give the seconds each build may take, e.g. BENCH_TIMEOUT=240"
FORCE_WORDS = ("", "0", "1", "no", "yes", "false", "true", "off", "on")
# A remote may be a URL (user@host:path, %-escapes, ?= in a query); the rest of UNSAFE still refused.
UNSAFE_REMOTE = UNSAFE - {"=", "%"}
REMOTE_SCHEMES = ("http", "https", "ssh", "git", "file", "git+ssh", "ssh+git")
# What a SITEURL may hold: every character of an address that the shell and HTML leave alone.
SITEURL_CHARACTERS = re.compile(r"[A-Za-z0-9._~:/%+,=\[\]-]*")
HOST_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
MAX_PORT = 65535  # the highest TCP port number
MAX_TIMEOUT = 86400  # BENCH_TIMEOUT's limit: a day, in seconds


def given(name, value):
    """`NAME=value` as a message shows it: quoted (escapes visible) when it has white space or control characters."""
    if value.isprintable() and not any(character.isspace() for character in value):
        return f"{name}={value}"
    return f"{name}={value!r}"


def character_names(characters):
    """Each character with its code point and Unicode name, so a message names what the eye cannot see."""
    named = ((character, unicodedata.name(character, "")) for character in characters)
    return ", ".join(f"{character!r} (U+{ord(character):04X}{' ' + name if name else ''})" for character, name in named)


def check_invisible(name, value, advice):
    """Control characters (an escape, a newline) and white space, which a message shows escaped."""
    control = sorted({character for character in value if unicodedata.category(character).startswith("C")})
    if control:
        raise Refusal(f"{given(name, value)} has the control character {character_names(control)} — {advice}")
    if any(character.isspace() or not character.isprintable() for character in value):
        raise Refusal(f"{given(name, value)} has white space — {advice}")


def check_characters(name, value, advice, unsafe=UNSAFE, ascii_only=True):
    """Control characters, shell characters, white space and look-alike letters, in that order."""
    control = sorted({character for character in value if unicodedata.category(character).startswith("C")})
    if control:
        check_invisible(name, value, advice)
    bad = sorted({character for character in value if character in unsafe})
    if bad:
        raise Refusal(f"{given(name, value)} has {' '.join(bad)}, which the shell would interpret — {advice}")
    check_invisible(name, value, advice)
    foreign = sorted({character for character in value if not character.isascii()})
    if ascii_only and foreign:
        raise Refusal(
            f"{given(name, value)} has {character_names(foreign)}, not an ASCII character (a look-alike?) "
            f"— type it in plain ASCII; {advice}"
        )


def check_settings(value, required=True):
    """SETTINGS: an existing, readable .py file that no command could read as an option. Never empty."""
    if not value:
        raise Refusal(f"SETTINGS is empty — {SETTINGS_EXAMPLE}")
    check_characters("SETTINGS", value, SETTINGS_EXAMPLE, ascii_only=False)
    if value.startswith("-"):
        raise Refusal(
            f"SETTINGS={value} starts with -, which would be read as an option — {SETTINGS_EXAMPLE}, or write ./{value}"
        )
    if value.startswith("~"):
        raise Refusal(f"SETTINGS={value} starts with ~, which make does not expand — write the full path, or {SETTINGS_EXAMPLE}")
    path = ROOT / value
    if not path.exists():
        raise Refusal(f"SETTINGS={value} does not exist — {SETTINGS_EXAMPLE}")
    if path.is_dir():
        raise Refusal(f"SETTINGS={value} is a folder, not a settings file — {SETTINGS_EXAMPLE}")
    if not path.is_file():
        raise Refusal(f"SETTINGS={value} is not a regular file — {SETTINGS_EXAMPLE}")
    if path.suffix in (".pyc", ".pyo"):
        raise Refusal(
            f"SETTINGS={value} is compiled Python, not a settings file — give the .py file it came from, "
            f"e.g. SETTINGS=pelicanconf.py"
        )
    if path.suffix != ".py":
        raise Refusal(f"SETTINGS={value} is not a Python file (.py) — {SETTINGS_EXAMPLE}")
    if not os.access(path, os.R_OK):
        raise Refusal(f"SETTINGS={value} cannot be read (permissions) — make it readable, or {SETTINGS_EXAMPLE}")


def check_port(value, required=True):
    """PORT: a whole number of ASCII digits from 1 to 65535. Never empty."""
    if not value:
        raise Refusal(f"PORT is empty — {PORT_EXAMPLE}")
    check_characters("PORT", value, PORT_EXAMPLE)
    if not re.fullmatch(r"[0-9]+", value):
        raise Refusal(f"PORT={value} is not a whole number — {PORT_EXAMPLE}")
    if not 1 <= int(value) <= MAX_PORT:
        raise Refusal(f"PORT={value} is not a port (they go from 1 to 65535) — {PORT_EXAMPLE}")


def check_host(value, host, bracketed):
    """The host of SITEURL `value`: an IPv6 address when it was in brackets, else a host name."""
    if bracketed:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise Refusal(f"SITEURL={value} has [{host}], which is not an IPv6 address — {SITEURL_EXAMPLE}") from None
        return
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    if not all(HOST_LABEL.fullmatch(label) for label in labels):
        raise Refusal(
            f"SITEURL={value} has the host {host!r}, which is not a host name (letters, digits and "
            f"hyphens between dots) — {SITEURL_EXAMPLE}"
        )


def check_siteurl(value, required=False):
    """SITEURL: an http:// or https:// address every link of the site can start with (no credentials, query or
    fragment, ASCII only); empty only where not `required`."""
    if not value:
        if required:
            raise Refusal(f"SITEURL is not set — {SITEURL_EXAMPLE}")
        return
    check_invisible("SITEURL", value, SITEURL_EXAMPLE)
    foreign = sorted({character for character in value if not character.isascii()})
    if foreign:
        raise Refusal(
            f"SITEURL={value} has {character_names(foreign)}, not an ASCII character (a look-alike?) — "
            "write a host in its ASCII (xn--…) form and escape the path (%…); " + SITEURL_EXAMPLE
        )
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", value)
    if value.startswith("//"):
        raise Refusal(f"SITEURL={value} has no scheme — write https:{value} (or http:); {SITEURL_EXAMPLE}")
    if not scheme:
        raise Refusal(f"SITEURL={value} is not an http:// or https:// address — {SITEURL_EXAMPLE}")
    if scheme[1].lower() not in ("http", "https"):
        raise Refusal(
            f"SITEURL={value} is a {scheme[1]}: address, not a web address: every link of the site would "
            f"start with it — {SITEURL_EXAMPLE}"
        )
    if not value[scheme.end() :].startswith("//"):
        raise Refusal(f"SITEURL={value} lacks the // after {scheme[0]} — write {scheme[0]}//{value[scheme.end() :].lstrip('/')}")
    try:
        parts = urlsplit(value)
    except ValueError as error:  # a bracketed host that is no IP address
        raise Refusal(f"SITEURL={value} is not a valid address ({error}) — {SITEURL_EXAMPLE}") from None
    if "@" in parts.netloc:
        raise Refusal(
            f"SITEURL={value} has credentials (…@) that every page would publish — give the address "
            f"without them, e.g. SITEURL={parts.scheme}://{parts.netloc.rsplit('@', 1)[1]}{parts.path}"
        )
    if "?" in value or "#" in value:
        what = "a query (?…)" if "?" in value else "a fragment (#…)"
        base = value.split("?", 1)[0].split("#", 1)[0]
        raise Refusal(
            f"SITEURL={value} has {what}, which would land in the middle of every link — give the base "
            f"address alone, e.g. SITEURL={base}"
        )
    if not SITEURL_CHARACTERS.fullmatch(value):
        bad = sorted({character for character in value if not SITEURL_CHARACTERS.fullmatch(character)})
        raise Refusal(f"SITEURL={value} has {' '.join(bad)}, which the shell or a page would interpret — {SITEURL_EXAMPLE}")
    if not parts.hostname:
        raise Refusal(f"SITEURL={value} has no host — {SITEURL_EXAMPLE}")
    check_host(value, parts.hostname, parts.netloc.startswith("["))
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or (parts.netloc.endswith(":") and port is None):
        raise Refusal(f"SITEURL={value} has a port that is not a number from 1 to 65535 — {SITEURL_EXAMPLE}")


def check_deploy(value, required=False):
    """DEPLOY: git or rsync; empty only where not `required`."""
    if not value:
        if required:
            raise Refusal(f"DEPLOY is not set — {DEPLOY_EXAMPLE}")
        return
    check_characters("DEPLOY", value, DEPLOY_EXAMPLE)
    if value not in ("git", "rsync"):
        raise Refusal(f"DEPLOY={value} is not a deploy method — {DEPLOY_EXAMPLE}")


def branch_problem(name):
    """What `git check-ref-format --branch` would object to in `name`, in words, or None."""
    forbidden = sorted({character for character in name if character in "~^:?*[\\"})
    # (objection found, what it is), in the order they are told: the first found is the one reported.
    objections = [
        (name.startswith("-"), "starts with -, which git would read as an option"),
        (name in ("@", "HEAD"), f"is {name}, which git reads as the current commit"),
        (name.startswith("/") or name.endswith("/") or "//" in name, "starts or ends with / or has // (an empty part)"),
        (".." in name, "has .., which git reads as a range of commits"),
        ("@{" in name, "has @{, which git reads as a reflog entry"),
        (name.endswith("."), "ends with ."),
    ]
    for part in name.split("/"):
        objections.append((part.startswith("."), f"has a part starting with . ({part})"))
        objections.append((part.endswith(".lock"), f"has a part ending with .lock ({part}), the name of git's lock files"))
    objections.append((bool(forbidden), f"has {' '.join(forbidden)}, which git does not allow in a branch name"))
    return next((objection for found, objection in objections if found), None)


def check_deploy_branch(value, required=True):
    """DEPLOY_BRANCH: a branch name git accepts (see branch_problem). Never empty."""
    if not value:
        raise Refusal(f"DEPLOY_BRANCH is empty — {BRANCH_EXAMPLE}")
    check_invisible("DEPLOY_BRANCH", value, BRANCH_EXAMPLE)
    problem = branch_problem(value)
    if problem:
        raise Refusal(f"DEPLOY_BRANCH={value} {problem} — {BRANCH_EXAMPLE}")
    check_characters("DEPLOY_BRANCH", value, BRANCH_EXAMPLE)


def check_deploy_remote(value, required=True):
    """DEPLOY_REMOTE: a remote name, a path or a URL of a git transport; never an option or a remote helper,
    which can run commands. Never empty."""
    if not value:
        raise Refusal(f"DEPLOY_REMOTE is empty — {REMOTE_EXAMPLE}")
    if value.startswith("-"):
        raise Refusal(f"{given('DEPLOY_REMOTE', value)} starts with -, which git would read as an option — {REMOTE_EXAMPLE}")
    if "::" in value:
        helper = given("", value.split("::", 1)[0])[1:]
        raise Refusal(
            f"{given('DEPLOY_REMOTE', value)} names a remote helper ({helper}::), which can run commands — {REMOTE_EXAMPLE}"
        )
    check_invisible("DEPLOY_REMOTE", value, REMOTE_EXAMPLE)
    if value.startswith("~"):
        raise Refusal(
            f"DEPLOY_REMOTE={value} starts with ~, which make does not expand — write the full path, "
            f"e.g. DEPLOY_REMOTE={Path.home() / 'site.git'}"
        )
    check_characters("DEPLOY_REMOTE", value, REMOTE_EXAMPLE, unsafe=UNSAFE_REMOTE)
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", value)
    if scheme and scheme[1].lower() not in REMOTE_SCHEMES:
        raise Refusal(
            f"DEPLOY_REMOTE={value} uses {scheme[0]}, which is not a git transport for a deploy — "
            f"give an https://, ssh:// or git@host: address, a path or a remote name"
        )
    if not scheme and "/" not in value and ":" not in value and value not in (".", ".."):
        problem = branch_problem(value)  # a remote's name obeys the same rules (refs/remotes/NAME)
        if problem:
            raise Refusal(f"DEPLOY_REMOTE={value} {problem} — {REMOTE_EXAMPLE}")


def check_force(value, required=False):
    """FORCE: yes or no in one of the usual spellings, or empty (no)."""
    check_characters("FORCE", value, FORCE_EXAMPLE)
    if value.lower() not in FORCE_WORDS:
        raise Refusal(f"FORCE={value} is neither yes nor no — {FORCE_EXAMPLE}")


def check_bench_sizes(value, required=True):
    """BENCH_SIZES: small, medium and large, separated by commas or spaces. Never empty."""
    if not value.strip(" ,"):
        raise Refusal(f"BENCH_SIZES is empty — {SIZES_EXAMPLE}")
    check_characters("BENCH_SIZES", value.replace(" ", ","), SIZES_EXAMPLE)
    unknown = [name for name in re.split(r"[, ]+", value.strip(" ,")) if name not in SIZES]
    if unknown:
        raise Refusal(f"BENCH_SIZES={value} names {', '.join(unknown)}, which is not a size — {SIZES_EXAMPLE}")


def check_bench_timeout(value, required=True):
    """BENCH_TIMEOUT: a number of seconds from 1 to a day. Never empty."""
    if not value:
        raise Refusal(f"BENCH_TIMEOUT is empty — {TIMEOUT_EXAMPLE}")
    check_characters("BENCH_TIMEOUT", value, TIMEOUT_EXAMPLE)
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", value):
        raise Refusal(f"BENCH_TIMEOUT={value} is not a number of seconds — {TIMEOUT_EXAMPLE}")
    if not 1 <= float(value) <= MAX_TIMEOUT:
        raise Refusal(f"BENCH_TIMEOUT={value} is not from 1 second to a day (86400) — {TIMEOUT_EXAMPLE}")


# --check name: (the make variable, its check). Each value is read from MK_<VARIABLE> in the environment.
CHECKS = {
    "settings": ("SETTINGS", check_settings),
    "port": ("PORT", check_port),
    "siteurl": ("SITEURL", check_siteurl),
    "deploy": ("DEPLOY", check_deploy),
    "deploy-remote": ("DEPLOY_REMOTE", check_deploy_remote),
    "deploy-branch": ("DEPLOY_BRANCH", check_deploy_branch),
    "force": ("FORCE", check_force),
    "bench-sizes": ("BENCH_SIZES", check_bench_sizes),
    "bench-timeout": ("BENCH_TIMEOUT", check_bench_timeout),
}


def main(argv=None):
    """Check the values named by --check before a make target uses them; 1 and one line when one is refused."""
    parser = argparse.ArgumentParser(prog="python3 -m tools.variables", description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default="build", help="the make target, for the message")
    parser.add_argument(
        "--check",
        nargs="*",
        default=[],
        choices=sorted(CHECKS),
        help="which values to check, each read from MK_<NAME> in the environment (so that the shell never parses them)",
    )
    parser.add_argument(
        "--require",
        nargs="*",
        default=[],
        choices=sorted(CHECKS),
        help="which of them must not be empty (SITEURL for publish, DEPLOY for deploy)",
    )
    args = parser.parse_args(argv)
    try:
        for name in args.check:
            variable, check = CHECKS[name]
            check(os.environ.get(f"MK_{variable}", ""), required=name in args.require)
    except Refusal as refusal:
        return refused(args.target, refusal)
    return 0


if __name__ == "__main__":
    sys.exit(main())
