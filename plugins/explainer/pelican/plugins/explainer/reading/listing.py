"""The content folder's files, listed once per build.

The build asks what the content folder holds several times: before Pelican opens a file (pipes, links out of
the folder, files too large), for each kind of entity (the registry, then the entity generator), for the files
nothing reads, and for the static files the site serves. One walk, made when the build starts and kept in its
state (state.py), answers all of them, so they agree on what the folder holds and it is read once.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Mapping
from typing import Any

Entry = tuple[str, list[str], list[str]]  # (folder, its folders, its files), as os.walk gives them


class Listing:
    """The content folder as Pelican reads it: links not followed, nothing IGNORE_FILES names, in name order."""

    def __init__(self, content_path: str, settings: Mapping[str, Any]) -> None:
        self.content_path = os.path.normpath(content_path)
        ignored = settings.get("IGNORE_FILES", [])

        def read(name: str) -> bool:
            return not any(fnmatch.fnmatch(name, pattern) for pattern in ignored)

        self.entries: list[Entry] = []
        for directory, folders, files in os.walk(self.content_path):
            folders[:] = sorted(filter(read, folders))
            self.entries.append((directory, list(folders), sorted(filter(read, files))))

    def walk(self, top: str | None = None) -> Iterator[Entry]:
        """The folders under `top` (by default the content folder), in the order walking it would give them."""
        top = os.path.normpath(top or self.content_path)
        for directory, folders, files in self.entries:
            if directory == top or directory.startswith(top + os.sep):
                yield directory, folders, files

    def under(self, folder: str) -> Iterator[Entry]:
        """The folders under `folder` of the content (STATIC_PATHS' "images", a kind's "glossary")."""
        return self.walk(os.path.join(self.content_path, folder))

    def entity_files(self, folder: str) -> list[str]:
        """Every Markdown file under `folder` of the content, hidden files and folders left out, in a stable order."""
        base = os.path.normpath(os.path.join(self.content_path, folder))
        return [
            os.path.join(directory, name)
            for directory, _, files in self.walk(base)
            if not any(part.startswith(".") for part in os.path.relpath(directory, base).split(os.sep) if part != ".")
            for name in files
            if not name.startswith(".") and name.endswith(".md")
        ]
