"""The relations graph on the countries index: an inline SVG drawn at build time, no JavaScript.

Countries sit on a circle in alphabetical order, so the same content always gives the same picture.
Each relation type has its own line pattern as well as its own colour, and the legend shows both, so
the graph does not rely on colour alone; a title and description carry the same facts for screen readers.
"""

import math
from html import escape

from .entities import sort_key

WIDTH, HEIGHT, RADIUS = 640, 440, 165


def unique_pairs(countries):
    """One edge per pair of countries: the relation declared by the alphabetically first side."""
    edges = {}
    for country in countries:
        for relation in country.relations:
            pair = tuple(sorted((country.slug, relation.other_slug)))
            if pair not in edges or country.slug == pair[0]:
                edges[pair] = relation
    return [edges[pair] for pair in sorted(edges)]


def positions(countries):
    ordered = sorted(countries, key=sort_key)
    centre_x, centre_y = WIDTH / 2, HEIGHT / 2 - 10
    result = {}
    for index, country in enumerate(ordered):
        angle = -math.pi / 2 + 2 * math.pi * index / max(len(ordered), 1)
        result[country.slug] = (round(centre_x + RADIUS * math.cos(angle), 1), round(centre_y + RADIUS * math.sin(angle), 1))
    return result


def render(countries, styles):
    """The SVG markup for `countries` and their relations; `styles` is EXPLAINER_RELATIONS (type → its
    dash pattern, width and words), so a site's own relation types are drawn too."""
    titles = {country.slug: str(country.title) for country in countries}
    places = positions(countries)
    edges = unique_pairs(countries)
    description = "; ".join(f"{titles[r.country.slug]} and {titles[r.other_slug]}: {styles[r.type]['label']} since {r.since}"
                            for r in edges if r.other_slug in titles) or "No relations are recorded."
    parts = [f'<svg class="relations-graph" viewBox="0 0 {WIDTH} {HEIGHT + 40}" role="img" aria-labelledby="graph-title graph-desc" xmlns="http://www.w3.org/2000/svg">',
             '<title id="graph-title">Relations between the countries in the story</title>',
             f'<desc id="graph-desc">{escape(description)}.</desc>']
    for relation in edges:
        if relation.other_slug not in places:
            continue
        (x1, y1), (x2, y2) = places[relation.country.slug], places[relation.other_slug]
        dash, width = styles[relation.type]["dash"], styles[relation.type]["width"]
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line class="edge edge-{relation.type}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{width}"{dash_attribute}/>')
    for country in sorted(countries, key=sort_key):
        x, y = places[country.slug]
        anchor = "middle" if abs(x - WIDTH / 2) < 20 else "start" if x > WIDTH / 2 else "end"
        dx = 0 if anchor == "middle" else 14 if anchor == "start" else -14
        dy = -16 if y < HEIGHT / 2 - 10 and anchor == "middle" else 26 if anchor == "middle" else 5
        parts.append(f'<g class="node" data-country="{escape(country.slug)}"><circle cx="{x}" cy="{y}" r="9"/>'
                     f'<text x="{x + dx}" y="{y + dy}" text-anchor="{anchor}">{escape(str(country.title))}</text></g>')
    legend_y = HEIGHT + 10
    used = sorted({relation.type for relation in edges}, key=list(styles).index)
    for index, kind in enumerate(used):
        dash, width, words = styles[kind]["dash"], styles[kind]["width"], styles[kind]["label"]
        x = 10 + index * 126
        dash_attribute = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g class="legend"><line class="edge edge-{kind}" x1="{x}" y1="{legend_y}" x2="{x + 30}" y2="{legend_y}" stroke-width="{width}"{dash_attribute}/>'
                     f'<text x="{x + 36}" y="{legend_y + 4}">{escape(words)}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts)
