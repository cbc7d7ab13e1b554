"""The timeline page (a page with `Template: timeline`, EXPLAINER_TIMELINE_TEMPLATE), worked out from its Markdown before anything is
written.

The author writes one era per `## heading` and, under it, a numbered list with one event per item:
`1. **25 June 1950** — what happened.[^source] []({filename}/articles/explainer.md)`. From that the build
makes what a reader uses: each date becomes a `<time datetime>`, an empty link to an explainer gets the
explainer's title (the `{filename}` link stays the one source of truth), each event carries the countries
its text names (a country's own names, or a person or organisation whose glossary entry names the country;
`{: data-countries="north-korea" }` under an item adds one its words do not name), the first event of each
year shows a year marker, and the events inside the page's `Highlight:` dates are marked. Events out of
date order, unreadable dates and unknown countries are author mistakes, reported as `path:line: message`.
"""

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString
from pelican.contents import Article

from pelican.plugins.explainer.checks.errors import AuthorMistake, display_path, metadata_line, text_line
from pelican.plugins.explainer.checks.validate import resolve
from pelican.plugins.explainer.extras import of
from pelican.plugins.explainer.reading.registry import current

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
# "25 June 1950", "25–28 March 2018" (an en dash or a hyphen between the days), "January 2020".
_DATE = re.compile(r"^(?:(?P<day>\d{1,2})(?:\s*[–-]\s*(?P<last>\d{1,2}))?\s+)?(?P<month>[A-Z][a-z]+)\s+(?P<year>\d{4})$")
_FILENAME = re.compile(r"^\{filename\}(?P<target>[^#?]+)")
_SEPARATOR = re.compile(r"^\s*[—–-]\s*")  # the dash between an event's date and what happened
DATE_HELP = "write it as 25 June 1950, 25–28 March 2018 or January 2020"


@dataclass(frozen=True)
class When:
    """An event's date as written, the days it covers, and its `datetime` value (a day or a month)."""

    text: str
    start: dt.date
    end: dt.date
    machine: str


def parse_date(text):
    """A When for "25 June 1950", "25–28 March 2018" or "January 2020"; None when it is none of those."""
    found = _DATE.match(" ".join(text.split()))
    if not found or found["month"] not in MONTHS:
        return None
    year, month = int(found["year"]), MONTHS[found["month"]]
    try:
        if found["day"] is None:
            last = calendar.monthrange(year, month)[1]
            return When(text, dt.date(year, month, 1), dt.date(year, month, last), f"{year:04d}-{month:02d}")
        start = dt.date(year, month, int(found["day"]))
        end = dt.date(year, month, int(found["last"] or found["day"]))
    except ValueError:
        return None
    return When(text, start, end, start.isoformat()) if end >= start else None


@dataclass(frozen=True)
class Highlight:
    """The page's `Highlight: 25–27 July 2023, parade days`: the dates to mark and the label they get."""

    when: When
    label: str

    def covers(self, when):
        """Whether every day of `when` lies within the highlighted dates."""
        return self.when.start <= when.start and when.end <= self.when.end


class Timeline:
    """One timeline page: its eras, the countries of its events and the mistakes found on the way."""

    def __init__(self, page, titles, country_of, countries, matcher):
        self.page, self.path = page, page.source_path
        self.titles = titles  # absolute source path → title of the explainer there
        self.country_of = country_of  # entity key → country slug
        self.countries = countries  # country slug → title
        self.matcher = matcher
        self.mistakes = []
        self.counts = {}  # country slug → number of events
        self.highlight = self.read_highlight()

    def mistake(self, message, needle=None, key=None):
        """Record a mistake, on the line of metadata `key` or else the line where `needle` is written."""
        line = metadata_line(self.path, key) if key else None
        if needle and not line:
            line = text_line(self.path, f"**{needle}**") or text_line(self.path, needle)
        self.mistakes.append(AuthorMistake(display_path(self.path), line, message))

    def read_highlight(self):
        """The page's Highlight, or None when it has none or it cannot be read (a mistake is then recorded)."""
        value = " ".join(str(self.page.metadata.get("highlight", "")).split())
        if not value:
            return None
        dates, _, label = value.partition(",")
        when = parse_date(dates)
        if when is None or not label.strip():
            self.mistake(
                f"Highlight is {value!r} — write the dates to mark and their label: `Highlight: 25–27 July 2023, parade days` (the dates as 25 June 1950, 25–28 March 2018 or January 2020)",
                key="highlight",
            )
            return None
        return Highlight(when, label.strip()[:1].upper() + label.strip()[1:])

    def rewrite(self, html):
        """The page's HTML with every era and event marked up; the mistakes are in self.mistakes."""
        soup = BeautifulSoup(html, "html.parser")
        heading, previous = None, None
        for element in list(soup.find_all(recursive=False)):
            if element.name == "h2":
                heading = element
            elif element.name in ("ol", "ul"):
                if heading is None:
                    first = element.find("li")
                    self.mistake(
                        "the timeline's events need an era heading above them — write `## The Korean War, 1950–53` before the list",
                        needle=item_needle(first) if first else None,
                    )
                    continue
                previous = self.era(soup, heading, element, previous)
                heading = None
        return str(soup)

    def era(self, soup, heading, events, previous):
        """Wrap one era (its heading and its list) in a section, and mark up each of its events."""
        section = soup.new_tag("section", attrs={"class": "era"})
        if heading.get("id"):
            section["aria-labelledby"] = heading["id"]
        heading.insert_before(section)
        section.append(heading.extract())
        if events.name == "ul":
            events.name = "ol"  # the events come in order: an ordered list says so
        events["class"] = "timeline"
        section.append(events.extract())
        years = set()
        for item in events.find_all("li", recursive=False):
            when = self.event(soup, item)
            if when is None:
                continue
            if previous is not None and when.start < previous.start:
                self.mistake(
                    f"the event of {when.text} comes after the one of {previous.text} — list the timeline's events in date order",
                    needle=when.text,
                )
            previous = when
            # Every event has its year marker; only the first of each year shows it (the country filter
            # shows the first of those left in view).
            marker = soup.new_tag("span", attrs={"class": "event-year", "aria-hidden": "true", "data-pagefind-ignore": ""})
            marker.string = str(when.start.year)
            if when.start.year in years:
                marker["hidden"] = ""
            years.add(when.start.year)
            item.insert(0, marker)
        return previous

    def event(self, soup, item):
        """Mark up one event: its date, its text, its explainer links and its countries."""
        for paragraph in item.find_all("p", recursive=False):  # a list with blank lines between its items
            paragraph.unwrap()
        date = next((node for node in item.contents if not isinstance(node, NavigableString) or node.strip()), None)
        if getattr(date, "name", None) != "strong":
            self.mistake(
                "a timeline event starts with its date in bold — write `1. **25 June 1950** — what happened`",
                needle=item_needle(item),
            )
            return None
        when = parse_date(date.get_text())
        if when is None:
            self.mistake(f"the date {date.get_text()!r} is not one the timeline can read — {DATE_HELP}", needle=date.get_text())
            return None
        time = soup.new_tag("time", attrs={"class": "event-date", "datetime": when.machine})
        time.string = date.get_text()
        date.replace_with(time)
        text = soup.new_tag("p", attrs={"class": "event-text"})
        for node in list(time.next_siblings):
            text.append(node.extract())
        if text.contents and isinstance(text.contents[0], NavigableString):
            text.contents[0].replace_with(_SEPARATOR.sub("", str(text.contents[0])))
        explainers = self.explainer_links(text, when)
        item.append(text)
        if explainers:
            more = soup.new_tag("p", attrs={"class": "event-explainer"})
            more.append("Explainers: " if len(explainers) > 1 else "Explainer: ")
            for index, link in enumerate(explainers):
                more.append(", " if index else "")
                more.append(link)
            item.append(more)
        self.mark_countries(item, text, when)
        if self.highlight and self.highlight.covers(when):
            item["class"] = [*item.get("class", []), "event-highlight"]
            badge = soup.new_tag("strong", attrs={"class": "event-badge"})
            badge.string = self.highlight.label
            time.insert_after(badge)
            time.insert_after(" ")
        return when

    def explainer_of(self, link):
        """The source path of the explainer a `{filename}` link opens, or None."""
        target = _FILENAME.match(link.get("href", ""))
        path = resolve(self.path, self.page.settings["PATH"], target["target"]) if target else None
        return path if path in self.titles else None

    def explainer_links(self, text, when):
        """Give each link with no text its explainer's title; the links the event ends with move out of
        its text, so they can stand on a line of their own."""
        for link in text.find_all("a"):
            if link.get_text(strip=True):
                continue
            path = self.explainer_of(link)
            if path:
                link.string = self.titles[path]
            else:
                self.mistake(
                    f"the event of {when.text} has a link with no text to {link.get('href', '')!r} — an empty link shows the title of the explainer it opens, so it must open one: []({{filename}}/articles/name.md)",
                    needle=when.text,
                )
        trailing = []
        while text.contents:
            last = text.contents[-1]
            if isinstance(last, NavigableString) and not last.strip():
                last.extract()
            elif getattr(last, "name", None) == "a" and self.explainer_of(last):
                trailing.insert(0, last.extract())
            else:
                break
        return trailing

    def mark_countries(self, item, text, when):
        """`data-countries`: the countries the event's words name, and any the author added."""
        words = BeautifulSoup(str(text), "html.parser")
        for reference in words.select("sup, .footnote-ref"):
            reference.decompose()
        found = []
        for _, _, target in self.matcher.find(words.get_text()) if self.matcher else []:
            slug = self.country_of.get(target.key)
            if slug and slug not in found:
                found.append(slug)
        for slug in str(item.get("data-countries", "")).split():
            if slug not in self.countries:
                self.mistake(
                    f"the event of {when.text} names the country {slug!r} in data-countries, which is not in countries/ — use one of {', '.join(sorted(self.countries))}",
                    needle=slug,
                )
            elif slug not in found:
                found.append(slug)
        if found:
            item["data-countries"] = " ".join(found)
            for slug in found:
                self.counts[slug] = self.counts.get(slug, 0) + 1
        elif item.has_attr("data-countries"):
            del item["data-countries"]


def item_needle(item):
    """Text to find an event's line by: its date in bold, else the words it starts with."""
    date = item.find("strong")
    return date.get_text() if date else " ".join(item.get_text().split())[:30]


def country_links(generators):
    """(entity key → country slug, country slug → title): a country stands for itself, and any other
    entity for the country its metadata names (Kim Jong Un's `Country: north-korea`)."""
    entities = [entity for generator in generators for entity in getattr(generator, "entities", [])]
    country_kinds = {entity.entity_type.name for entity in entities if entity.entity_type.article_key}
    countries = {entity.slug: str(entity.title) for entity in entities if entity.kind in country_kinds and entity.in_default_lang}
    country_of = {}
    for entity in entities:
        if entity.kind in country_kinds:
            country_of[entity.key] = entity.slug
            continue
        for key, kind in entity.entity_type.references.items():
            slug = str(entity.metadata.get(key, "")).strip().lower()
            if kind in country_kinds and slug in countries:
                country_of[entity.key] = slug
    return country_of, countries


def lay_out(generators):
    """Mark up each timeline page; return the mistakes found on the way, which the site's checks report with
    their own (site.py), so an author sees every mistake of a build in one round."""
    pages = [
        page
        for generator in generators
        for page in getattr(generator, "pages", []) + getattr(generator, "hidden_pages", [])
        if page.template == page.settings["EXPLAINER_TIMELINE_TEMPLATE"]
    ]
    if not pages:
        return []
    articles = [
        article
        for generator in generators
        for article in getattr(generator, "articles", []) + getattr(generator, "translations", [])
        if isinstance(article, Article)
    ]
    titles = {os.path.abspath(article.source_path): str(article.title) for article in articles}
    country_of, countries = country_links(generators)
    registry = current()
    mistakes = []
    for page in pages:
        matcher = registry.matchers.get(page.lang) if registry else None
        timeline = Timeline(page, titles, country_of, countries, matcher)
        page._content = timeline.rewrite(page._content)
        extras = of(page)
        extras.timeline_countries = sorted(
            ((slug, countries[slug], count) for slug, count in timeline.counts.items()), key=lambda item: item[1]
        )
        extras.timeline_highlight = timeline.highlight
        mistakes += timeline.mistakes
    return mistakes
