"""Where a map's names go: each name at the first of its candidate spots whose box stays inside the map and
clear of every name and marker already placed, with a leader line when it sits away from what it names.

A name's box is worked out from its font size and length (GLYPH ems a character, wider than most fonts
draw), so the layout needs no font and gives the same map on every machine. Sizes are in SVG units.
"""

import math
from dataclasses import dataclass

GLYPH = {False: 0.63, True: 0.69}  # a character's width in ems, regular and bold: a little wider than DejaVu Sans draws
# Of the font size, above and below the baseline: the line box a browser measures (DejaVu Sans: 0.93, 0.24).
ASCENT, DESCENT = 0.95, 0.25
DIRECTIONS = 16  # directions tried around a point
GAP = 0.35  # ems between a marker and its name


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Label:
    """A placed name: its text, the middle of its baseline, its size and weight, and its leader line
    (from what it names to the box's nearest edge) or None."""

    text: str
    x: float
    y: float
    size: float
    bold: bool
    leader: tuple[float, float, float, float] | None = None

    @property
    def box(self) -> Box:
        """The box the name covers."""
        return text_box(self.text, self.x, self.y, self.size, self.bold)


def text_box(text: str, x: float, y: float, size: float, bold: bool) -> Box:
    """The box of `text` drawn with text-anchor="middle" at (x, y)."""
    half = len(text) * size * GLYPH[bold] / 2
    return (x - half, y - size * ASCENT, x + half, y + size * DESCENT)


def overlap(one: Box, other: Box, margin: float = 0) -> bool:
    """Whether two boxes share more than a line, `margin` apart."""
    return min(one[2], other[2]) + margin > max(one[0], other[0]) and min(one[3], other[3]) + margin > max(one[1], other[1])


class Layout:
    """The names and markers placed on one map so far, in a width × height frame."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.taken: list[Box] = []
        self.labels: list[Label] = []

    def block(self, box: Box) -> None:
        """Keep names off `box` (a marker)."""
        self.taken.append(box)

    def free(self, box: Box, margin: float) -> bool:
        """Whether `box` lies inside the frame and clear of everything placed."""
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= self.width and box[3] <= self.height
        return inside and not any(overlap(box, other, margin) for other in self.taken)

    def put(self, label: Label, margin: float) -> Label | None:
        """Place `label` if its box is free; None if it is not."""
        if not self.free(label.box, margin):
            return None
        self.taken.append(label.box)
        self.labels.append(label)
        return label

    def near_point(self, text: str, x: float, y: float, size: float, *, bold: bool = False, clear: float = 0) -> Label | None:
        """`text` beside the point (x, y), `clear` units from it: right, left, above, below, then round it
        further out with a leader line; None when no spot is free."""
        half_width = len(text) * size * GLYPH[bold] / 2
        gap = size * GAP + clear
        beside = [
            (x + gap + half_width, y + size * 0.3),
            (x - gap - half_width, y + size * 0.3),
            (x, y - gap - size * DESCENT),
            (x, y + gap + size * ASCENT),
        ]
        for spot_x, spot_y in beside:
            placed = self.put(Label(text, spot_x, spot_y, size, bold), margin=size * 0.1)
            if placed:
                return placed
        return self.around(text, x, y, size, bold=bold, start=gap + size * 1.5)

    def around(self, text: str, x: float, y: float, size: float, *, bold: bool, start: float) -> Label | None:
        """`text` at increasing distances round (x, y) in DIRECTIONS directions, with a leader line back."""
        distance = start
        reach = math.hypot(self.width, self.height)
        while distance < reach:
            for step in range(DIRECTIONS):
                angle = 2 * math.pi * step / DIRECTIONS - math.pi / 2
                spot_x, spot_y = x + distance * math.cos(angle), y + distance * math.sin(angle) + size * 0.3
                candidate = Label(text, spot_x, spot_y, size, bold, leader_to(x, y, text_box(text, spot_x, spot_y, size, bold)))
                if self.put(candidate, margin=size * 0.15):
                    return candidate
            distance += size
        return None


def leader_to(x: float, y: float, box: Box) -> tuple[float, float, float, float]:
    """A line from (x, y) to the nearest point of `box`'s edge."""
    return (x, y, min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3]))
