"""A row of people from the glossary, drawn as an inline SVG figure: who stood beside whom (on a
reviewing stand, at a signing, in a photograph), with each person's office and the source that says so.

An article writes, in its metadata:

    People-row: sergei-shoigu, kim-jong-un, li-hongzhong
    People-row-source: afp-nation
    People-row-caption: Kim Jong Un stood between Shoigu and Li; the report does not say who stood on which side.

People-row names glossary slugs in the order the source gives; each entry needs an `Office:` line (what
the figure prints under the name). People-row-source is the label of one of the article's own
footnotes: the figure's source line is that footnote's publication and headline, linked. The caption is
the author's, since only the author knows what the source does not say (here: left and right).
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from pelican.plugins.explainer.checks.errors import mistake
from pelican.plugins.explainer.extras import facts_of, of
from pelican.plugins.explainer.model.schema import suggestion
from pelican.plugins.explainer.reading.footnotes import parse_footnote
from pelican.plugins.explainer.reading.text import repeated, single_line, split_list

FEWEST_PEOPLE = 2  # a row of one person is a portrait, not a row
KEYS = ("people-row", "people-row-source", "people-row-caption")
BOX_WIDTH, GAP, FONT = 132, 8, 15  # SVG units: three boxes keep 12 px text on a 360 px phone


@dataclass(frozen=True)
class PeopleRow:
    """What a template needs to show an article's row of people: the drawing, its text alternative, the caption
    and the source line."""

    people: tuple  # (entity, office), in the source's order
    svg: str
    alt: str
    caption: str
    publication: str
    title: str
    url: str


def mistakes(content, glossary):
    """An unknown slug, a person with no Office, a source that is none of the article's footnotes, and a
    row with no caption or no source."""
    if not content.metadata.get("people-row") and not any(content.metadata.get(key) for key in KEYS[1:]):
        return []
    path, found = content.source_path, []
    slugs = [slug.lower() for slug in split_list(content.metadata.get("people-row", ""))]
    if len(slugs) < FEWEST_PEOPLE:
        found.append(
            mistake(
                path,
                "People-row needs two or more glossary slugs, in the order the source gives — e.g. `People-row: sergei-shoigu, kim-jong-un, li-hongzhong`",
                key="people-row" if slugs else KEYS[1],
            )
        )
    for slug in slugs:
        if slug not in glossary:
            found.append(
                mistake(
                    path, f"People-row names {slug!r}, which is not in glossary/ — {suggestion(slug, glossary)}", key="people-row"
                )
            )
        elif not glossary[slug].value("office"):
            found.append(
                mistake(
                    path,
                    f"People-row names {slug!r}, whose glossary entry has no Office — add `Office: …` to {glossary[slug].relative_source_path}",
                    key="people-row",
                )
            )
    found += [
        mistake(path, f"People-row names {slug!r} twice — list each person once, in the order the source gives", key="people-row")
        for slug in repeated(slugs)
    ]
    label = single_line(content.metadata.get("people-row-source", ""))
    facts = facts_of(content)
    labels = facts.footnotes if facts else {}
    if not label:
        found.append(
            mistake(
                path,
                "a People-row needs its source — add `People-row-source: <footnote label>` naming one of this article's footnotes",
                key="people-row",
            )
        )
    elif label not in labels:
        found.append(
            mistake(
                path,
                f"People-row-source names [^{label}], which is not a footnote of this article — {suggestion(label, labels)}",
                key="people-row-source",
            )
        )
    if not single_line(content.metadata.get("people-row-caption", "")):
        found.append(
            mistake(
                path,
                "a People-row needs a caption that says what the source tells (and what it does not, e.g. left and right) — add `People-row-caption: …`",
                key="people-row",
            )
        )
    return found


def attach(contents, glossary, settings):
    """Give each article with a People-row its figure (content.explainer.people_row)."""
    for content in contents:
        slugs = [slug.lower() for slug in split_list(content.metadata.get("people-row", ""))]
        if not slugs:
            continue
        people = tuple((glossary[slug], glossary[slug].value("office")) for slug in slugs)
        label = single_line(content.metadata["people-row-source"])
        citation = parse_footnote(facts_of(content).footnotes[label], settings)
        names = [str(person.title) for person, _ in people]
        alt = (
            f"{len(names)} people in a row, in the order the source gives: "
            + "; ".join(f"{name}, {office}" for name, (_, office) in zip(names, people))
            + "."
        )
        of(content).people_row = PeopleRow(
            people,
            draw(people, alt),
            alt,
            single_line(content.metadata["people-row-caption"]),
            citation.publication,
            citation.title,
            citation.url,
        )


def wrap(text, width):
    """Lines of at most about `width` characters, broken between words."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def draw(people, alt):
    """The SVG: one box per person (name in bold, office under it), in order. Its own presentation attributes
    (outlined boxes, text in the page's colour) make it readable with no stylesheet; a site's CSS restyles it."""
    office_lines = [wrap(office, 16) for _, office in people]
    name_lines = [wrap(str(person.title), 13) for person, _ in people]
    rows = max(len(n) + len(o) for n, o in zip(name_lines, office_lines))
    box_height = 24 + rows * (FONT + 5)
    width = len(people) * BOX_WIDTH + (len(people) - 1) * GAP
    parts = [
        (
            f'<svg class="people-row-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {box_height + 4}" '
            f'width="{width}" height="{box_height + 4}" role="img" aria-label="{escape(alt, {chr(34): "&quot;"})}">'
        )
    ]
    for index, (names, offices) in enumerate(zip(name_lines, office_lines)):
        x = index * (BOX_WIDTH + GAP)
        parts.append(
            f'<rect class="people-row-box" x="{x + 1}" y="2" width="{BOX_WIDTH - 2}" height="{box_height}" rx="6" '
            'fill="none" stroke="currentColor" stroke-width="2"/>'
        )
        y = 24
        for line in names:
            parts.append(
                f'<text class="people-row-name" x="{x + BOX_WIDTH // 2}" y="{y}" font-size="{FONT}" font-weight="bold" '
                f'text-anchor="middle" fill="currentColor">{escape(line)}</text>'
            )
            y += FONT + 5
        for line in offices:
            parts.append(
                f'<text class="people-row-office" x="{x + BOX_WIDTH // 2}" y="{y}" font-size="{FONT - 2}" '
                f'text-anchor="middle" fill="currentColor">{escape(line)}</text>'
            )
            y += FONT + 5
    parts.append("</svg>")
    return "".join(parts)
