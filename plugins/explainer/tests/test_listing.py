"""The content folder is walked once per build, and that one listing answers what each walk used to."""

import os
import sys

from pelican_site import PLAIN_FILES, PLAIN_SETTINGS, make_site, pelican, write

from pelican.plugins.explainer.reading.listing import Listing


def test_a_build_walks_the_content_folder_once(tmp_path, monkeypatch):
    content = make_site(tmp_path, {**PLAIN_FILES, "images/a.png": "not really a picture"})
    settings = write(
        tmp_path / "pelicanconf.py",
        PLAIN_SETTINGS + 'EXPLAINER_RELATION_TYPES = {"rival": {}}\nSTATIC_PATHS = ["images"]\n',
    )
    walks = []
    walk = os.walk

    def counted(top, *args, **kwargs):
        if sys._getframe(1).f_globals.get("__name__", "").startswith("pelican.plugins.explainer"):
            walks.append(str(top))
        return walk(top, *args, **kwargs)

    monkeypatch.setattr(os, "walk", counted)
    code, log = pelican(content, settings, tmp_path / "output")
    assert code == 0 and "ERROR" not in log, log
    assert walks == [str(content)]


def test_a_folder_of_the_listing_is_what_walking_it_gives(tmp_path):
    content = make_site(
        tmp_path,
        {
            "glossary/icbm.md": "x",
            "glossary/b/deeper.md": "x",
            "glossary/.hidden/secret.md": "x",
            "glossary/.dot.md": "x",
            "glossary/notes.txt": "x",
            "glossary/.#lock.md": "x",
            "images/a.png": "x",
        },
    )
    listing = Listing(str(content), {"IGNORE_FILES": [".#*"]})
    walked = [(d, sorted(f), sorted(n for n in files if n != ".#lock.md")) for d, f, files in os.walk(content / "glossary")]
    for entry in walked:
        entry[1].sort()
    assert list(listing.under("glossary")) == sorted(walked)
    assert listing.entity_files("glossary") == [str(content / "glossary/icbm.md"), str(content / "glossary/b/deeper.md")]
    assert [files for _, _, files in listing.under("images")] == [["a.png"]]
    assert listing.entity_files("countries") == []  # a kind whose folder is missing has no files
