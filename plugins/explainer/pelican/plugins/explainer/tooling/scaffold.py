"""`pelican-explainer-new-site FOLDER --title "…"`: lay out a new explainer site that builds green.

It writes content/ with one sample article, term and country, pelicanconf.py, a Makefile whose targets run
the plugin's command (`pelican-explainer`), a requirements.txt naming this version of the plugin, and a small
theme. Nothing in it names a path of this machine, so a colleague can clone the site and build it. It never
writes into a folder that already holds anything.
"""

import argparse
import os
import shutil
import sys
from importlib.metadata import version

SKELETON = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scaffold")  # beside the package's templates
# Files with {title} or {version} to fill in, and the name each is written as: the settings are kept as .in, so
# nothing compiles the template, and .gitignore as gitignore, since the package's data leaves dot-files out.
FILLED = {
    "pelicanconf.py.in": "pelicanconf.py",
    "requirements.txt.in": "requirements.txt",
    "README.md": "README.md",
    "gitignore": ".gitignore",
}


def create(folder: str, title: str) -> list[str]:
    """Copy the skeleton into `folder` (which must be new or empty); return the files written."""
    if os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
        raise FileExistsError(f"{folder} already exists and is not an empty folder — choose a new folder")
    shutil.copytree(SKELETON, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    for template, name in FILLED.items():
        with open(os.path.join(folder, template), encoding="utf-8") as source:
            text = source.read()
        os.remove(os.path.join(folder, template))
        with open(os.path.join(folder, name), "w", encoding="utf-8") as target:
            target.write(text.format(title=title, version=version("pelican-explainer")))
    return sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, files in os.walk(folder) for f in files)


def main(argv=None):
    """`pelican-explainer-new-site`: create the site, or say in one line why not; the exit status."""
    parser = argparse.ArgumentParser(prog="pelican-explainer-new-site", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="where to create the site (a new or empty folder)")
    parser.add_argument("--title", default="An explainer", help="the site's name")
    args = parser.parse_args(argv)
    try:
        files = create(args.folder, args.title)
    except FileExistsError as error:
        sys.stderr.write(f"pelican-explainer-new-site: {error}\n")
        return 1
    sys.stdout.write(
        f"Created {len(files)} files in {args.folder}. Next: cd {args.folder}, set it up as its README.md says, then make build\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
