"""`Template: timeline` in a site that has nothing but the plugin and Pelican's default theme: the template and
its country filter's script ship with the plugin, so the timeline page is laid out and published."""

import re

from pelican_site import PLAIN_FILES, PLAIN_SETTINGS, make_site, pelican, soup, write

TIMELINE = """Title: Timeline
Template: timeline
Summary: What happened, in order.
Highlight: 1–2 May 2024, launch days

## The quarrel, 1990–2024

1. **March 1990** — Borduria and Ruritania fall out.
2. **1 May 2024** — Ruritania tests an ICBM. []({filename}/news/launch.md)
"""


def test_a_timeline_page_builds_with_the_default_theme(tmp_path):
    content = make_site(tmp_path, {**PLAIN_FILES, "pages/timeline.md": TIMELINE})
    settings = write(tmp_path / "pelicanconf.py", PLAIN_SETTINGS + 'EXPLAINER_RELATION_TYPES = {"rival": {}}\n')
    code, log = pelican(content, settings, tmp_path / "output")
    assert code == 0 and "ERROR" not in log and "Traceback" not in log, log
    page = soup(tmp_path / "output/pages/timeline.html")
    era = page.select_one("section.era")
    assert era.select_one("h2").get_text() == "The quarrel, 1990–2024"
    events = era.select("ol.timeline > li")
    assert [event.select_one("time.event-date")["datetime"] for event in events] == ["1990-03", "2024-05-01"]
    assert [event["data-countries"] for event in events] == ["borduria ruritania", "ruritania"]
    assert events[1].select_one(".event-explainer a").get_text() == "The launch"  # the empty link gets the title
    assert "event-highlight" in events[1]["class"] and events[1].select_one(".event-badge").get_text() == "Launch days"
    buttons = [button["data-country"] for button in page.select("#timeline-filter button")]
    assert buttons == ["", "borduria", "ruritania"]
    assert page.select_one("section#content.body article.explainer-page section.era")  # in the theme's column
    # the filter's script is loaded from the page's body, so it reaches a theme with no head block too
    script = page.select_one('article script[src^="/theme/explainer/timeline."]')["src"]
    assert re.fullmatch(r"/theme/explainer/timeline\.[0-9a-f]{8}\.js", script), script
    assert (tmp_path / "output" / script.lstrip("/")).is_file()
