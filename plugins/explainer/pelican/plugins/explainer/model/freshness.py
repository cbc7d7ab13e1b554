"""How fresh an explainer is, in the author's own words: `Covers:` (the last event it takes into
account) and `Corrections:` (one dated line per fact that was put right), which also feed the site's
corrections log.

    Covers: 2025-10-11
    Corrections: 2026-12-01 | The 1961 treaty is no longer described as renewed in 2001.
        2026-12-05 | The date of the first flight is 13 April, not 12 April.
"""

import datetime as dt
from dataclasses import dataclass

from pelican.plugins.explainer.checks.errors import mistake
from pelican.plugins.explainer.extras import of
from pelican.plugins.explainer.reading.text import single_line

from .relations import date_words
from .roles import line_values

ISO_DATE_LENGTH = len("2026-12-01")  # YYYY-MM-DD: shorter forms that fromisoformat() takes (20261201) are refused
EXAMPLE = "`Corrections: 2026-12-01 | What was wrong, and what it says now.`"


@dataclass(frozen=True)
class Correction:
    """One `Corrections:` line of an article or page: the date it was corrected and what changed."""

    content: object  # the article or page that was corrected
    date: dt.date
    text: str

    @property
    def date_words(self):
        """The correction's date as a reader says it ("1 December 2026")."""
        return date_words(self.date.isoformat())

    @property
    def anchor(self):
        """The id of this correction in the corrections log."""
        return f"correction-{self.content.slug}-{self.date.isoformat()}"


def iso_date(text):
    """The date `text` names, written as YYYY-MM-DD (ten characters), else None."""
    try:
        return dt.date.fromisoformat(text) if len(text) == ISO_DATE_LENGTH else None
    except ValueError:
        return None


def read(content):
    """Set `content.explainer.covers` (a date or None) and `.corrections` (oldest first); return the
    author's mistakes in those lines as path:line messages."""
    path, found, extras = content.source_path, [], of(content)
    covers = single_line(content.metadata.get("covers", ""))
    extras.covers = iso_date(covers)
    if covers and extras.covers is None:
        found.append(
            mistake(
                path,
                f"Covers is {covers!r} — write the date of the last event the page covers, e.g. `Covers: 2025-10-11`",
                key="covers",
            )
        )
    published = getattr(content, "date", None)
    written = getattr(content, "modified", None) or published
    if extras.covers and written and extras.covers > written.date():
        found.append(
            mistake(
                path,
                f"Covers is {covers}, after the page was last written ({written:%Y-%m-%d}) — a page can only cover events up to the day it was written: correct the date",
                key="covers",
            )
        )
    corrections = []
    for line in line_values(content, "corrections"):
        date_text, _, text = (part.strip() for part in line.partition("|"))
        date = iso_date(date_text)
        if date is None or not text:
            found.append(mistake(path, f"the correction {line!r} needs a date and what changed — {EXAMPLE}", needle=line))
        elif published and date < published.date():
            found.append(
                mistake(
                    path,
                    f"the correction of {date_text} is dated before the page was published ({published:%Y-%m-%d}) — check the date",
                    needle=line,
                )
            )
        else:
            corrections.append(Correction(content, date, text))
    extras.corrections = sorted(corrections, key=lambda c: c.date)
    modified = getattr(content, "modified", None)
    if corrections and (modified is None or modified.date() < extras.corrections[-1].date):
        found.append(
            mistake(
                path,
                f"the page was corrected on {extras.corrections[-1].date} but Modified is {'missing' if modified is None else f'{modified:%Y-%m-%d}'} — set `Modified:` to the day of the latest correction or later",
                key="modified" if modified else "corrections",
            )
        )
    return found


def log(contents):
    """Every correction of the published site, newest first (ties by page title): the corrections log."""
    every = [c for content in contents for c in of(content).corrections]
    return sorted(every, key=lambda c: (-c.date.toordinal(), str(c.content.title), c.content.slug))


def stale(articles, settings, today=None):
    """`make check` advice for each article whose `Covers:` is more than EXPLAINER_STALE_AFTER days old: a
    reader of an explainer expects it to know what has happened since."""
    days = settings["EXPLAINER_STALE_AFTER"]
    if days is None:
        return []
    today = today or dt.date.today()
    return [
        mistake(
            article.source_path,
            f"Covers is {covers.isoformat()}, more than {days} days ago (EXPLAINER_STALE_AFTER) — add what has happened since, then move Covers to the last event the page takes in",
            key="covers",
        )
        for article, covers in ((article, of(article).covers) for article in articles)
        if covers and (today - covers).days > days
    ]
