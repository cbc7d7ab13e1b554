"""Metadata values as plain text: titles, summaries and aliases are text, whatever an author typed."""

from typing import Any

import html5lib


def split_list(value: object) -> list[str]:
    """`a, b, c` (or a list of such lines) as a list of stripped, non-empty items."""
    lines = value if isinstance(value, list) else [value]
    return [item.strip() for line in lines for item in str(line).split(",") if item.strip()]


def single_line(value: object) -> str:
    """A metadata value as one line; a value continued on indented lines (a list) is one string."""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(item) for item in value)
    return " ".join(str(value).split())


def plain_text(value: object, formatted: bool = False) -> str:
    """A metadata value as plain text. A formatted value (a key in Pelican's FORMATTED_FIELDS) is HTML
    and is read by a real parser; any other value is text already, and markup typed into it stays text."""
    value = single_line(value)
    if not formatted or ("<" not in value and "&" not in value):
        return value
    tree = html5lib.parseFragment(value, treebuilder="etree", namespaceHTMLElements=False)
    return " ".join("".join(tree.itertext()).split())


def metadata_text(content: Any, key: str) -> str:
    """`content`'s metadata `key` as one line of plain text ("" when absent)."""
    return plain_text(content.metadata.get(key, ""), key in content.settings.get("FORMATTED_FIELDS", ()))


def repeated(items: list[Any]) -> list[Any]:
    """The items of a list given more than once, sorted."""
    return sorted({item for item in items if items.count(item) > 1})
