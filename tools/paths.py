"""Checks the folders a make target is given — OUTPUT, CONTENT, DEPLOY_PATH — before the target does anything.

`make build` replaces OUTPUT (through the siblings OUTPUT.partial and OUTPUT.previous), `make clean` deletes
it, `make deploy DEPLOY=rsync` mirrors the site into DEPLOY_PATH: a folder of the project given there would
be destroyed or littered. The Makefile runs this module first (stdlib only, with the system python3, so it
works before .venv exists); it refuses, in one line saying why and what to do, and exits 1:

- a value that is empty, has white space or a character the shell would interpret, or starts with ~;
- a folder that is, contains or lies inside content/ (or CONTENT), theme/, plugins/, tools/, tests/,
  deploy/, .git, .venv or node_modules, or that is or contains the project folder or your home folder
  (symbolic links are followed);
- an OUTPUT ending in /. or /.. (its .partial sibling would land inside it), a file, or a folder that holds
  files but no index.html (not a site a build made, so nothing of the build's to replace or delete);
- a CONTENT that is not an existing folder.

A trailing slash is fine: the Makefile strips it (OUTPUT=output/ is output), and so does this module.

    CHECK_OUTPUT=output/ CHECK_CONTENT=content python3 -m tools.paths --target build --check content output
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FOLDERS = ("content", "theme", "plugins", "tools", "tests", "deploy", ".git", ".venv", "node_modules")
# Characters the shell or make would interpret inside "$(OUTPUT)" in a recipe.
UNSAFE = set("\"'`$\\!*?[]{}()<>|&;#%=")
UNSAFE_REMOTE = UNSAFE - {"="}


class Refusal(Exception):
    """A value make must not use; the message says why and what to give instead."""


def strip_slashes(value):
    """`output/` → `output`; `/` stays `/` (the Makefile's strip_slashes does the same)."""
    stripped = value.rstrip("/")
    return stripped if stripped else ("/" if value else "")


def check_text(name, value, example, unsafe=UNSAFE):
    """Refuse a path the Makefile cannot pass safely: empty, with spaces or characters the shell or make would
    interpret, starting with ~ (never expanded) or - (read as an option)."""
    if not value:
        raise Refusal(f"{name} is empty — give a folder, e.g. {name}={example}")
    if any(character.isspace() for character in value):
        raise Refusal(f"{name}={value!r} has white space — give one folder whose path has no spaces, e.g. {name}={example}")
    bad = sorted({character for character in value if character in unsafe or not character.isprintable()})
    if bad:
        shown_value, shown_bad = (value, " ".join(bad)) if value.isprintable() else (repr(value), repr("".join(bad)))
        raise Refusal(
            f"{name}={shown_value} has {shown_bad}, which the shell would interpret — give a path of "
            f"letters, digits, '.', '-', '_' and '/', e.g. {name}={example}"
        )
    if value.startswith("~"):
        raise Refusal(
            f"{name}={value} starts with ~, which make does not expand — write the full path, e.g. {name}={Path.home() / 'site'}"
        )
    if value.startswith("-"):
        raise Refusal(
            f"{name}={value} starts with -, which a command would read as an option — write ./{value}, "
            f"or give another folder, e.g. {name}={example}"
        )


def resolve(value):
    """`value` as an absolute path with links followed, relative to the project as make runs there."""
    return (ROOT / value).resolve()


def relation(folder, protected):
    """'is', 'contains' or 'lies inside' when `folder` and `protected` overlap, else None."""
    if folder == protected:
        return "is"
    if folder in protected.parents:
        return "contains"
    if protected in folder.parents:
        return "lies inside"
    return None


def shown(path):
    """`path` as a message shows it: relative to the project when it is inside it."""
    try:
        relative = path.relative_to(ROOT)
    except ValueError:
        return str(path)
    return f"{relative}/" if relative.parts else "the project folder"


def check_not_project(name, value, folder, content, example):
    """Refuse a folder that overlaps the project's own folders, the project itself or the home folder."""
    where = f" ({folder})" if strip_slashes(value) not in (str(folder), os.path.relpath(folder, ROOT)) else ""
    if folder == ROOT or folder in ROOT.parents:
        what = "is the project folder" if folder == ROOT else "contains the project folder"
        raise Refusal(f"{name}={value}{where} {what} — give a folder of its own, e.g. {name}={example}")
    protected = [ROOT / item for item in PROJECT_FOLDERS]
    if content is not None:
        protected.insert(0, content)
    for item in protected:
        item_resolved = item.resolve()
        overlap = relation(folder, item_resolved)
        if overlap:
            what = shown(item_resolved)
            if item is content and item_resolved != (ROOT / "content").resolve():
                what = f"CONTENT ({what})"
            raise Refusal(
                f"{name}={value}{where} {overlap} {what} — the build would overwrite or delete it; "
                f"give a folder of its own, e.g. {name}={example}"
            )
    home = Path.home().resolve()
    if folder == home or folder in home.parents:
        raise Refusal(
            f"{name}={value}{where} {'is' if folder == home else 'contains'} your home folder — "
            f"give a folder of its own, e.g. {name}={example}"
        )


def check_output(value, content):
    """The OUTPUT folder, resolved; refused when the build would overwrite something that is not a site, or
    when OUTPUT.partial or OUTPUT.previous would."""
    check_text("OUTPUT", value, "output")
    value = strip_slashes(value)
    folder = resolve(value)
    check_not_project("OUTPUT", value, folder, content, "output")
    last = value.rsplit("/", 1)[-1]
    if last in (".", ".."):
        raise Refusal(
            f"OUTPUT={value} ends in {last!r}, so OUTPUT.partial would land inside a folder instead of "
            f"beside it — name the folder itself, e.g. OUTPUT={os.path.normpath(value)}"
        )
    for sibling in (folder.with_name(folder.name + ".partial"), folder.with_name(folder.name + ".previous")):
        check_not_project("OUTPUT", value, sibling.resolve(), content, "output")
    if folder.exists() and not folder.is_dir():
        raise Refusal(f"OUTPUT={value} is a file, not a folder — give a folder, e.g. OUTPUT=output")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / "index.html").is_file():
        raise Refusal(
            f"OUTPUT={value} is a folder that holds files but no site (no index.html): the build would "
            "replace it and make clean would delete it — give an empty or new folder, e.g. OUTPUT=output"
        )
    return folder


def check_content(value):
    """The CONTENT folder, resolved; refused unless it is a folder outside the project's own folders."""
    check_text("CONTENT", value, "content")
    value = strip_slashes(value)
    folder = resolve(value)
    if not folder.is_dir():
        raise Refusal(f"CONTENT={value} is not a folder — give the folder holding the Markdown sources, e.g. CONTENT=content")
    if folder == ROOT or folder in ROOT.parents:
        raise Refusal(
            f"CONTENT={value} {'is' if folder == ROOT else 'contains'} the project folder, .venv and "
            "output/ included — give the folder holding the Markdown sources, e.g. CONTENT=content"
        )
    for item in PROJECT_FOLDERS[1:]:
        overlap = relation(folder, (ROOT / item).resolve())
        if overlap:
            raise Refusal(
                f"CONTENT={value} {overlap} {item}/, which holds no Markdown sources — give the folder "
                "holding them, e.g. CONTENT=content"
            )
    return folder


def is_remote(path):
    """Rsync's rule: `host:path` (a colon before any slash) or rsync://."""
    head = path.split("/", 1)[0]
    return path.startswith("rsync://") or ":" in head


def check_deploy_path(value, content, output):
    """Refuse a DEPLOY_PATH that is unsafe to pass to the shell or that overlaps the project, CONTENT or OUTPUT."""
    if not value:
        return  # DEPLOY=git needs none; tools/deploy.py refuses DEPLOY=rsync without one
    if is_remote(value):
        check_text("DEPLOY_PATH", value, "user@host:/var/www/site", unsafe=UNSAFE_REMOTE)
        return
    check_text("DEPLOY_PATH", value, "/var/www/site")
    value = strip_slashes(value)
    folder = resolve(value)
    check_not_project("DEPLOY_PATH", value, folder, content, "/var/www/site")
    if output is not None:
        overlap = relation(folder, output)
        if overlap:
            raise Refusal(
                f"DEPLOY_PATH={value} {overlap} OUTPUT ({shown(output)}) — give a folder of its own, "
                "e.g. DEPLOY_PATH=/var/www/site"
            )


def refused(target, refusal):
    """Print the one line of a refusal (tools/variables.py's too) and return the exit status, 1."""
    target = target.split()[0] if target.split() else "build"
    suffix = " Nothing was published." if target == "deploy" else ""
    print(f"make {target}: refused: {refusal}.{suffix}", file=sys.stderr)
    return 1


ENVIRONMENT = {"output": "CHECK_OUTPUT", "content": "CHECK_CONTENT", "deploy-path": "CHECK_DEPLOY_PATH"}


def main(argv=None):
    """Check the folders the Makefile is given before any recipe uses them; 1 and one line when one is refused."""
    parser = argparse.ArgumentParser(prog="python3 -m tools.paths", description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default="build", help="the make target, for the message")
    parser.add_argument(
        "--check",
        nargs="*",
        default=[],
        choices=sorted(ENVIRONMENT),
        help="which values to check, read from CHECK_OUTPUT, CHECK_CONTENT and CHECK_DEPLOY_PATH "
        "in the environment (so that the shell never parses them)",
    )
    args = parser.parse_args(argv)
    values = {name: os.environ.get(variable, "") for name, variable in ENVIRONMENT.items()}
    try:
        content = check_content(values["content"]) if "content" in args.check else None
        output = check_output(values["output"], content) if "output" in args.check else None
        if "deploy-path" in args.check:
            check_deploy_path(values["deploy-path"], content, output)
    except Refusal as refusal:
        return refused(args.target, refusal)
    return 0


if __name__ == "__main__":
    sys.exit(main())
