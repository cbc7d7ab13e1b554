"""Images authors add: each carries a caption, a credit and a licence in the metadata, one line per image,
and an image alone in its paragraph is shown as a figure with them.

    Images: images/drones.jpg | Drones towed through Kim Il Sung Square | KCNA | Public domain
        images/stand.jpg | The reviewing stand | Jane Doe | CC BY 4.0

written in the text as `![what it shows]({static}/images/drones.jpg)` in a paragraph of its own. The
build stops, naming the image and what to add, when an entry lacks a part, an entry names an image the
page does not show, or an image with an entry shares its paragraph with text (its caption, credit and
licence would not be shown); on a site that asks for credits (EXPLAINER_IMAGE_CREDITS), also when an
image has no entry.

It needs nothing from Pelican: `Markdown(extensions=["meta", FiguresExtension()])` makes the figures of a text
whose metadata has `Images:` lines, and the `images` option gives lines to a text without metadata.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict
from xml.etree.ElementTree import Element

import html5lib
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor

from pelican.plugins.explainer.checks.errors import mistake
from pelican.plugins.explainer.checks.published import from_this_site

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from pelican.plugins.explainer.checks.errors import AuthorMistake
    from pelican.plugins.explainer.reading.document import DocumentFacts

PARTS = ("path", "caption", "credit", "licence")
PRIORITY = 11  # after inline markup (20) and the footnotes; before the linker (4), so captions are linked
FIGURE_CLASS = "explainer-figure explainer-image"


def image_key(src: str) -> str:
    """`{static}/images/x.jpg`, `/images/x.jpg` and `images/x.jpg` all name images/x.jpg."""
    for prefix in ("{static}", "{attach}", "|static|", "|attach|"):
        if src.startswith(prefix):
            src = src[len(prefix) :]
    return src.lstrip("/")


def entries(lines: object) -> dict[str, list[str]]:
    """{image path: [path, caption, credit, licence]} (parts as written, maybe fewer) from Images lines."""
    found: dict[str, list[str]] = {}
    for line in lines if isinstance(lines, (list, tuple)) else [lines]:
        parts = [part.strip() for part in str(line).split("|")]
        if parts and parts[0]:
            found[image_key(parts[0])] = parts
    return found


class FigureTreeprocessor(Treeprocessor):
    """<p><img></p> becomes <figure><img><figcaption>caption <span>Credit: …. Licence: ….</span></figcaption></figure>."""

    def __init__(self, md: Markdown, extension: FiguresExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.config = extension.getConfigs()  # FiguresExtension's options
        self.with_meta = "meta" in md.preprocessors

    def run(self, root: Element) -> None:
        """Make a figure of every image alone in its paragraph whose Images line is complete, and keep on the
        extension (`shown`) every image the page shows inside a figure, its own or one the author wrote."""
        self.make_figures(root)
        if self.with_meta and "meta" not in self.md.preprocessors:
            return  # a formatted field (FORMATTED_FIELDS), which Pelican converts with its meta preprocessor taken out
        unescape = UnescapeTreeprocessor(self.md).unescape  # sources as the page will have them ("\." is ".")
        self.extension.shown = {
            image_key(unescape(image.get("src", ""))) for figure in root.iter("figure") for image in figure.iter("img")
        }
        raw = [piece for piece in self.md.htmlStash.rawHtmlBlocks if isinstance(piece, str) and "<" in piece]
        if raw:  # a figure the author wrote in raw HTML: its markup is in the stash, not the tree
            self.extension.shown |= shown_as_figures("".join(raw))

    def make_figures(self, root: Element) -> None:
        """<p><img></p> becomes a figure where the image's Images line is complete."""
        known = {**entries(self.config["images"]), **entries(getattr(self.md, "Meta", {}).get("images", []))}
        for paragraph in root.iter("p"):
            children = list(paragraph)
            if (
                len(children) != 1
                or children[0].tag != "img"
                or (paragraph.text or "").strip()
                or (children[0].tail or "").strip()
            ):
                continue
            parts = known.get(image_key(children[0].get("src", "")))
            if not parts or len(parts) < len(PARTS) or not all(parts[: len(PARTS)]):
                continue  # the build reports it; nothing half-credited is shown as a figure
            _, caption, credit, licence = parts[: len(PARTS)]
            paragraph.tag = "figure"
            paragraph.set("class", self.config["figure_class"])
            children[0].tail = None
            figcaption = ET.SubElement(paragraph, "figcaption")
            figcaption.text = caption + " "
            source = ET.SubElement(figcaption, "span", {"class": "figure-source"})
            source.text = f"Credit: {credit}. Licence: {licence}."


class FiguresOptions(TypedDict, total=False):
    """FiguresExtension's options (its `config`)."""

    images: Sequence[str]
    figure_class: str


class FiguresExtension(Extension):
    """Shows each image that stands alone in its paragraph and has a complete Images line as a figure."""

    def __init__(self, **kwargs: Unpack[FiguresOptions]) -> None:
        self.config = {
            "images": [[], "Images lines (`path | caption | credit | licence`) beside the text's own `Images:` metadata"],
            "figure_class": [FIGURE_CLASS, "the class of each figure made"],
        }
        super().__init__(**kwargs)
        # The images the last text converted shows inside a figure (image_key); not a formatted field's (a Summary
        # Pelican converts after the text). Nothing here refers to the Markdown: Pelican pickles its reader's settings,
        # the extensions among them, with every Category, Tag and Author.
        self.shown: set[str] = set()

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the figure maker after the inline markup and before the linker, so captions are linked."""
        md.treeprocessors.register(FigureTreeprocessor(md, self), "explainer-figures", PRIORITY)


def makeExtension(**kwargs: Any) -> FiguresExtension:
    """The extension by name, as Python-Markdown loads one."""
    return FiguresExtension(**kwargs)


def shown_as_figures(html: str) -> set[str]:
    """The image paths a piece of the author's raw HTML shows inside a figure."""
    tree = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return {image_key(image.get("src", "")) for figure in tree.iter("figure") for image in figure.iter("img")}


def mistakes(content: Any, facts: DocumentFacts | None, credits: bool = True) -> list[AuthorMistake]:
    """A partial entry, an entry for no image, an image with an entry inside running text, and, when `credits`
    (EXPLAINER_IMAGE_CREDITS), an image with no entry (`facts`: the document's DocumentFacts)."""
    written = content.metadata.get("images", [])
    if facts is None or (not facts.images and not written):
        return []
    path, found = content.source_path, []
    known = entries(written)
    shown = {image_key(src): src for src, _ in facts.images if from_this_site(src, "")}  # published.py names the rest
    if not credits:
        shown = {key: src for key, src in shown.items() if key in known}  # only the images the author gave lines to
    if not facts.markdown:  # reStructuredText or an HTML page: no figure is made, so no credit would be shown
        return [
            mistake(
                path,
                f"the image {key} is in a page the plugin does not convert from Markdown, so its caption, credit and licence cannot be shown — write the page in Markdown, with the image in a paragraph of its own and a line `Images: {key} | caption | credit | licence`",
                needle=src,
            )
            for key, src in sorted(shown.items())
        ]
    in_figures = set(facts.figures)
    for key, src in sorted(shown.items()):
        parts = known.get(key)
        if parts is None:
            found.append(
                mistake(
                    path,
                    f"the image {key} has no caption, credit or licence — add a line to the metadata: `Images: {key} | what it shows | who made it | its licence`",
                    needle=src,
                )
            )
            continue
        missing = [name for name, part in zip(PARTS, parts + [""] * len(PARTS)) if not part][:3]
        if missing or len(parts) > len(PARTS):
            what = f"has no {' and no '.join(missing)}" if missing else f"has {len(parts)} parts"
            found.append(
                mistake(path, f"the Images entry for {key} {what} — write `{key} | caption | credit | licence`", needle=parts[0])
            )
        elif key not in in_figures:
            found.append(
                mistake(
                    path,
                    f"the image {key} shares its paragraph with text, so its caption, credit and licence would not be shown — give it a paragraph of its own",
                    needle=src,
                )
            )
    for key, parts in sorted(known.items()):
        if key not in shown and ".." in key.split("/"):
            found.append(
                mistake(
                    path,
                    f"Images names {key}, which is outside the content folder — put the image in content/images/ and name it images/<name>",
                    needle=parts[0],
                )
            )
        elif key not in shown:
            found.append(
                mistake(
                    path,
                    f"Images names {key}, which this page does not show — remove the entry, or show the image with ![what it shows]({{static}}/{key})",
                    needle=parts[0],
                )
            )
    return found
