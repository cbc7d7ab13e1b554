"""A "what we know / what we do not know" block, written in plain Markdown and recognised on the element tree.

Newsroom explainers set apart what is established from what is not. An author marks the two headings with an
attribute list (Python-Markdown's attr_list, part of `extra`), in any words and at any level:

    ## What we know {: .known }

    - The parade showed the Hwasong-18.[^yna]

    ## What we do not know {: .unknown }

    - Whether it has flown since.

Each marked heading starts a part that runs to the next heading of its level or higher (or to the list of
notes); the part becomes a
`<div class="known">` (or `unknown`) holding its heading, and parts that follow each other are held in one
`<div class="known-unknown">`, which the plugin's stylesheet sets side by side on a wide screen. A marked
heading inside a part of a higher level is a heading of that part, not a part of its own. Nothing else changes:
the headings keep their ids, so the table of contents still lists them.

It needs nothing from Pelican: `Markdown(extensions=["attr_list", KnownUnknownExtension()])`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .footnotes import NOTES_CLASS

PRIORITY = 7.5  # after attr_list (8) has set the headings' classes, before toc (5) reads them
PART_CLASSES = ("known", "unknown")
BLOCK_CLASS = "known-unknown"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def part_of(element: Element) -> str | None:
    """The part ("known" or "unknown") a heading the author marked starts (the class leaves the heading), else None."""
    if element.tag not in HEADINGS:
        return None
    classes = (element.get("class") or "").split()
    return next((name for name in PART_CLASSES if name in classes), None)


def is_notes(element: Element) -> bool:
    """Whether `element` is the list of notes Python-Markdown's footnotes add at the end: never part of a part."""
    return element.tag == "div" and NOTES_CLASS in (element.get("class") or "").split()


class KnownUnknownTreeprocessor(Treeprocessor):
    """Wraps each marked heading and what follows it in a part, and parts side by side in one block."""

    def run(self, root: Element) -> None:
        """Make the parts and blocks of every element that holds marked headings, outermost first."""
        self.wrap(root)

    def wrap(self, parent: Element) -> None:
        """Rebuild `parent`'s children with its marked headings' parts and blocks, or look further down."""
        children = list(parent)
        if not any(part_of(child) for child in children):
            for child in children:
                self.wrap(child)
            return
        for child in children:
            parent.remove(child)
        block: Element | None = None
        part: Element | None = None
        level = 0
        for child in children:
            kind = part_of(child)
            ends = (child.tag in HEADINGS and int(child.tag[1]) <= level) or is_notes(child)
            if kind is not None and (part is None or ends):
                if block is None:
                    block = ET.SubElement(parent, "div", {"class": BLOCK_CLASS})
                    block.text, block.tail = "\n", "\n"
                classes = [name for name in (child.get("class") or "").split() if name != kind]
                if classes:
                    child.set("class", " ".join(classes))
                else:
                    del child.attrib["class"]
                part = ET.SubElement(block, "div", {"class": kind})
                part.text, part.tail = "\n", "\n"
                level = int(child.tag[1])
                part.append(child)
            elif part is not None and not ends:
                part.append(child)
            else:
                block = part = None
                level = 0
                parent.append(child)
                self.wrap(child)


class KnownUnknownExtension(Extension):
    """Recognises `{: .known }` and `{: .unknown }` headings (see the module's docstring); it has no options."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the block maker after attr_list and before the table of contents."""
        md.treeprocessors.register(KnownUnknownTreeprocessor(md), "explainer-known-unknown", PRIORITY)


def makeExtension(**kwargs: Any) -> KnownUnknownExtension:
    """The extension by name, as Python-Markdown loads one."""
    return KnownUnknownExtension(**kwargs)
