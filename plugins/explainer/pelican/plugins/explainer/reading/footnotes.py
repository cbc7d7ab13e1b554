"""Footnotes a reader can use, and links a reader can tell apart, shaped while the document is a tree.

Python-Markdown's footnotes extension numbers the notes and links them both ways (with its
USE_DEFINITION_ORDER option off, in the order they are first cited). This Treeprocessor runs after it
and before smarty, so the words it writes get the same typography as the rest of the text:

- a note that follows the site's EXPLAINER_FOOTNOTE_PATTERN and names a URL reads "Publication, Headline,
  date." with the headline as the link (nobody reads a 150-character URL); any other note, and every note of
  a site without a pattern, stays as written;
- each number is a `doc-noteref` with a name ("Source 3"), each back-link a `doc-backlink` with words
  ("Back to the text", or "Back to the text: a b c" for a note cited three times, one letter a citation);
- the list of notes is the page's `doc-endnotes`;
- one source is one note: notes naming the same URL become the first of them, numbered once, with a
  back-link for every place either is cited (the others' ids stay on it as anchors, so links to them land);
- every marker is a `<sup class="footnote-marker">`; markers side by side ("…said.[^a][^b]") are one
  marker, a `<sup>` holding a link per note ("2,8"),
  named as a group ("Sources 2 and 8"); every marker starts with a word joiner (U+2060), so it never
  starts a line of its own;
- a link the author wrote to another explainer (an article, `{filename}/articles/…`) gets the class
  `explainer-link`, so a theme can make it look unlike a term link.

It needs nothing from Pelican: `Markdown(extensions=["meta", "footnotes", SourceNotesExtension()])` shapes a
text's notes; the plugin's reader gives each document the site's words, pattern and folders.
"""

from __future__ import annotations

import os
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor

from pelican.plugins.explainer.model.i18n import DEFAULT_STRINGS
from pelican.plugins.explainer.settings import CITATION_PATTERN

from .text import single_line

if TYPE_CHECKING:
    from typing_extensions import Unpack

PRIORITY = 12  # after the footnotes' order (19) and repeats (15); before abbr (7), smarty (6) and the linker (4)
NOTES_CLASS = "footnote"  # the class Python-Markdown gives the notes' <div>
EXPLAINER_LINK_CLASS = "explainer-link"
MARKER_CLASS = "footnote-marker"  # every marker's <sup>: text a reader does not read as prose (document.py)
GROUP_CLASS = "footnote-group"  # a marker holding more than one note
WORD_JOINER = "\u2060"  # no line break between a marker and the word before it


@dataclass
class Citation:
    """One footnote's source, as the Sources page and the source policy read it."""

    publication: str  # who published it, e.g. "Agence France-Presse via Dawn"
    title: str
    details: str  # what follows the title: the date, as written
    url: str
    origin: str  # the publication that wrote it
    carrier: str  # where it was read, for "X via Y" footnotes; empty otherwise
    cited_in: list[tuple[Any, str]] = field(default_factory=list)  # (content, footnote id)


def parse_footnote(text: str, settings: Mapping[str, Any]) -> Citation:
    """A Citation (without its places) from one footnote's text, read with the site's pattern and separators."""
    return read_citation(text, settings["EXPLAINER_FOOTNOTE_PATTERN"], settings["EXPLAINER_VIA"])


def read_citation(text: str, pattern: str | None, via: Sequence[str]) -> Citation:
    """A Citation (without its places) from one footnote's text; one that does not follow `pattern` (or every
    one, when there is none) is listed whole, under the publication named before its first comma, with no URL."""
    text = " ".join(text.split())
    found = re.match(pattern, text) if pattern else None
    if not found:
        publication = text.split(",", 1)[0].strip()
        return Citation(publication, text, "", "", publication, "")
    parts = {key: (value or "").strip() for key, value in found.groupdict().items()}
    publication = parts.get("publication", "")
    origin, carrier = publication, ""
    for separator in via:
        if separator in publication:
            origin, carrier = (piece.strip() for piece in publication.split(separator, 1))
            break
    return Citation(
        publication,
        parts.get("title", ""),
        parts.get("date", "").strip(" ,."),
        parts.get("url", "").rstrip(".,"),
        origin,
        carrier,
    )


def letters(count: int) -> list[str]:
    """Labels "a", "b", … "z", "aa", "ab", … "zz", "aaa", …: one label per citation of a note cited `count` times
    (as spreadsheet columns are named, so a note cited 703 times or more still gets a label for each)."""
    return [letter_label(index) for index in range(count)]


def letter_label(index: int) -> str:
    """The label of citation number `index` (from 0): "a" … "z", then "aa", "ab" …"""
    label = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        label = string.ascii_lowercase[remainder] + label
    return label


def source_key(written: str, pattern: str) -> str:
    """What makes two notes one source: the URL a note names, else its whole text (whitespace folded)."""
    citation = read_citation(written, pattern, via=())
    return citation.url or " ".join(written.split())


def note_numbers(order: Sequence[str], written: Mapping[str, str], pattern: str) -> dict[str, tuple[str, int]]:
    """Label → (the label of the note that shows it, its number), for the notes in `order` (the order they are
    numbered in): a note naming the same source as an earlier one is shown as that one, under its number."""
    first: dict[str, tuple[str, int]] = {}
    numbers: dict[str, tuple[str, int]] = {}
    for label in order:
        key = source_key(written.get(label, ""), pattern)
        if key not in first:
            first[key] = (label, len(first) + 1)
        numbers[label] = first[key]
    return numbers


class SourceNotesTreeprocessor(Treeprocessor):
    """Shapes each note (publication, headline link, date, labelled back-links) and names the note numbers."""

    def __init__(self, md: Markdown, config: dict[str, Any]) -> None:
        super().__init__(md)
        self.config = config  # SourceNotesExtension's options

    def words(self, text: str, **values: object) -> str:
        """The English `text` in the document's language (its `Lang:`, else the `lang` option), with `values` filled in."""
        meta = getattr(self.md, "Meta", {})
        lang = single_line(" ".join(meta.get("lang", [])) or self.config["lang"]).lower()
        words = str(self.config["strings"].get(lang, {}).get(text, text))
        return words.format(**values) if values else words

    def run(self, root: Element) -> None:
        """Mark links to articles, then name the note numbers and shape every note."""
        self.mark_explainer_links(root)
        extension = self.md.treeprocessors["footnote"].footnotes if "footnote" in self.md.treeprocessors else None
        if extension is None:
            return
        separator = extension.get_separator()
        anchors = self.one_note_per_source(root, extension)
        for link in root.iter("a"):
            if link.get("class") == "footnote-ref":
                link.set("role", "doc-noteref")
                link.set("aria-label", self.words("Source {n}", n=link.text))
        self.group_markers(root)
        cited_at = {
            f"#{element.get('id')}": place
            for place, element in enumerate(root.iter())
            if element.tag in ("sup", "span") and element.get("id")
        }
        for notes in [div for div in root.iter("div") if div.get("class") == NOTES_CLASS]:
            notes.set("role", "doc-endnotes")
            notes.set("aria-label", self.words("Sources"))
            for note in notes.iter("li"):
                footnote_id = (note.get("id") or "").split(separator, 1)[-1]
                self.shape_note(note, extension.footnotes.get(footnote_id, ""), cited_at)
                for anchor in anchors.get(note.get("id") or "", []):
                    note.insert(0, ET.Element("span", {"id": anchor}))

    def one_note_per_source(self, root: Element, extension: Any) -> dict[str, list[str]]:
        """Folds every note naming the same source as an earlier one into that one: its citations link there,
        its back-links move there, and every note is numbered again. Returns kept note id → ids folded into it."""
        folded: dict[str, list[str]] = {}
        for notes in [div for div in root.iter("div") if div.get("class") == NOTES_CLASS]:
            listing = notes.find("ol")
            if listing is None:
                continue
            items = {str(item.get("id")): item for item in listing.findall("li") if item.get("id")}
            labels = {note_id: note_id.split(extension.get_separator(), 1)[-1] for note_id in items}
            numbers = note_numbers(list(labels.values()), extension.footnotes, self.config["pattern"])
            shown = {f"#{note_id}": extension.makeFootnoteId(numbers[label][0]) for note_id, label in labels.items()}
            for note_id, item in items.items():
                kept = shown[f"#{note_id}"]
                if kept != note_id:
                    items[kept].extend(link for link in item.iter("a") if link.get("class") == "footnote-backref")
                    listing.remove(item)
                    folded.setdefault(kept, []).append(note_id)
            for link in root.iter("a"):
                href = link.get("href") or ""
                if link.get("class") == "footnote-ref" and href in shown:
                    link.set("href", f"#{shown[href]}")
                    link.text = str(numbers[labels[href[1:]]][1])
        return folded

    def group_markers(self, root: Element) -> None:
        """Joins markers side by side into one `<sup>` (a link per note, "2,8"; a note twice keeps one link) named
        as a group, and starts every marker with a word joiner so that it stays on the line of its word."""
        for parent in list(root.iter()):
            group: Element | None = None
            for child in list(parent):
                if not is_marker(child):
                    group = None
                elif group is not None and not (group.tail or "").strip():
                    self.join(parent, group, child)
                else:
                    group = child
                    child.text = WORD_JOINER + (child.text or "")
                    child.set("class", MARKER_CLASS)

    def join(self, parent: Element, group: Element, marker: Element) -> None:
        """Moves `marker` into the marker before it, `group`: its link with its id on a `<span>`, so that the
        note's back-link still lands (nothing when the group links that note already); names the group."""
        parent.remove(marker)
        group.tail = marker.tail
        numbers = [str(a.text) for a in group.iter("a") if a.get("class") == "footnote-ref"]
        link = marker.find("a")
        if link is None or str(link.text) in numbers:
            return  # the same note twice in one place: one link, and one back-link to it
        holder = ET.SubElement(group, "span", {"id": str(marker.get("id"))} if marker.get("id") else {})
        holder.text = ","
        holder.append(link)
        numbers.append(str(link.text))
        if len(numbers) > 1:
            group.set("class", f"{MARKER_CLASS} {GROUP_CLASS}")
            group.set("role", "group")
            group.set("aria-label", self.words("Sources {list} and {last}", list=", ".join(numbers[:-1]), last=numbers[-1]))

    def shape_note(self, note: Element, written: str, cited_at: Mapping[str, int]) -> None:
        """One note: its words (when they follow the pattern), then its labelled back-links, one for each place
        the text cites it (`cited_at`: a note cited only in a Relations: or Role: line has none to go back to)."""
        backlinks = [link for link in note.iter("a") if link.get("class") == "footnote-backref"]
        for parent in list(note.iter()):
            for child in list(parent):
                if child in backlinks:
                    parent.remove(child)
            if parent.text:
                parent.text = parent.text.replace(NBSP_PLACEHOLDER, "")
            if parent.tail:
                parent.tail = parent.tail.replace(NBSP_PLACEHOLDER, "")
        citation = read_citation(written, self.config["pattern"], via=())  # a note shows the publication as written
        if citation.url:  # it follows the pattern and names its URL
            for child in list(note):
                note.remove(child)
            note.text = None
            paragraph = ET.SubElement(note, "p")
            publication = ET.SubElement(paragraph, "span", {"class": "source-publication"})
            publication.text, publication.tail = citation.publication, ", "
            headline = ET.SubElement(paragraph, "a", {"class": "source-headline", "href": citation.url})
            headline.text, headline.tail = citation.title, "."
            if citation.details:
                headline.tail = ", "
                date = ET.SubElement(paragraph, "span", {"class": "source-date"})
                date.text, date.tail = citation.details, "."
        targets = sorted((str(link.get("href")) for link in backlinks if link.get("href") in cited_at), key=cited_at.__getitem__)
        if targets:
            self.add_backlinks(note, targets)

    def add_backlinks(self, note: Element, targets: list[str]) -> None:
        """Adds "Back to the text" after the note's last paragraph; a note cited more than once gets a letter
        per citation, each named for screen readers ("Back to the text: citation b")."""
        holder = note[-1] if len(note) and note[-1].tag == "p" else ET.SubElement(note, "p")
        label = self.words("Back to the text")
        if len(targets) == 1:
            back = ET.Element("a", {"href": targets[0], "class": "footnote-backref", "role": "doc-backlink"})
            back.text = label
        else:
            back = ET.Element("span", {"class": "footnote-backrefs"})
            back.text = label + ": "
            for letter, target in zip(letters(len(targets)), targets):
                link = ET.SubElement(
                    back,
                    "a",
                    {
                        "href": target,
                        "class": "footnote-backref",
                        "role": "doc-backlink",
                        "aria-label": self.words("Back to the text: citation {letter}", letter=letter),
                    },
                )
                link.text, link.tail = letter, " "
            link.tail = None
        if len(holder):
            holder[-1].tail = (holder[-1].tail or "").rstrip() + " "
        else:
            holder.text = (holder.text or "").rstrip() + " "
        holder.append(back)

    def mark_explainer_links(self, root: Element) -> None:
        """Class `explainer-link` on every `{filename}` link to an article (not a page or an entity file)."""
        for link in root.iter("a"):
            href = link.get("href") or ""
            marker = next((marker for marker in ("{filename}", "|filename|") if href.startswith(marker)), None)
            target = href[len(marker) :].split("#", 1)[0].split("?", 1)[0] if marker else ""
            if target and self.is_article(target):
                link.set("class", " ".join([*(link.get("class") or "").split(), EXPLAINER_LINK_CLASS]))

    def is_article(self, target: str) -> bool:
        """Whether a `{filename}` target (from the content folder with a leading /, else from this file) is
        in `article_paths` and not in `non_article_paths`."""
        content = os.path.abspath(self.config["content_path"])
        here = os.path.dirname(os.path.join(content, self.config["source_path"]))
        path = os.path.join(content, target.lstrip("/")) if target.startswith("/") else os.path.join(here, target)
        relative = os.path.relpath(os.path.normpath(path), content).replace(os.sep, "/")

        def within(folders: list[str]) -> bool:
            return any(relative == folder or relative.startswith(folder + "/") or not folder for folder in folders)

        others = self.config["non_article_paths"]
        return within([folder.strip("/") for folder in self.config["article_paths"]]) and not within(
            [folder.strip("/") for folder in others if folder.strip("/")]
        )


def is_marker(element: Element) -> bool:
    """Whether `element` is a footnote marker: a `<sup>` holding a note's number."""
    return element.tag == "sup" and any(link.get("class") == "footnote-ref" for link in element.iter("a"))


class EmptyNoteTreeprocessor(Treeprocessor):
    """Gives a note with no words (`[^e]:` and nothing after it) the back-link every other note has.
    Python-Markdown adds none to an empty note, and its reordering by citation (USE_DEFINITION_ORDER
    off) then fails on it; the check reports the empty note to its author with its line."""

    PRIORITY = 30  # after the notes are made (50), before they are reordered (19)

    def run(self, root: Element) -> None:
        """Give every empty note its back-link."""
        footnotes = self.md.treeprocessors["footnote"].footnotes if "footnote" in self.md.treeprocessors else None
        for div in root.iter("div"):
            if "footnote" not in (div.get("class") or "").split() or footnotes is None:
                continue
            for item in div.iter("li"):
                if len(item) == 0 and item.get("id"):
                    note = str(item.get("id")).split(footnotes.get_separator(), 1)[-1]
                    back = ET.SubElement(
                        ET.SubElement(item, "p"),
                        "a",
                        {"href": "#" + footnotes.makeFootnoteRefId(note), "class": "footnote-backref"},
                    )
                    back.text = "\u21a9"


class SourceNotesOptions(TypedDict, total=False):
    """SourceNotesExtension's options (its `config`)."""

    lang: str
    strings: Mapping[str, Mapping[str, str]]
    pattern: str | None
    content_path: str
    source_path: str
    article_paths: Sequence[str]
    non_article_paths: Sequence[str]


class SourceNotesExtension(Extension):
    """Shapes the notes of Python-Markdown's footnotes extension (listed before this one) for readers, and marks
    links to articles. The options say in which words, how a note names its source, and where articles are."""

    def __init__(self, **kwargs: Unpack[SourceNotesOptions]) -> None:
        self.config = {
            "lang": ["en", "the language of the words added (`Source 3`) when the text's metadata names none"],
            "strings": [DEFAULT_STRINGS, "{lang: {English: translation}} for the words added"],
            "pattern": [
                CITATION_PATTERN,
                "the regular expression of a note naming its source: groups publication, title, date and url (None: none)",
            ],
            "content_path": ["", "the content folder, where a `{filename}/…` link starts; by default the working one"],
            "source_path": ["", "the text's file, beside which a `{filename}…` link starts; by default in content_path"],
            "article_paths": [[""], "the folders of content_path that hold articles; by default all of it"],
            "non_article_paths": [[], "the folders of content_path that hold no article (pages, entity files)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the note shaper and the empty notes' back-links to Python-Markdown's footnotes."""
        md.treeprocessors.register(SourceNotesTreeprocessor(md, self.getConfigs()), "explainer-notes", PRIORITY)
        md.treeprocessors.register(EmptyNoteTreeprocessor(md), "explainer-empty-notes", EmptyNoteTreeprocessor.PRIORITY)


def makeExtension(**kwargs: Any) -> SourceNotesExtension:
    """The extension by name, as Python-Markdown loads one."""
    return SourceNotesExtension(**kwargs)
