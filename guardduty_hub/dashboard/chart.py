"""Findings over time as a server-rendered SVG: stacked bars per day and band, each a link.

Pure geometry: takes the counts, returns what the template draws (no JavaScript, no CDN).
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils.html import format_html_join

from guardduty_hub.dashboard import links
from guardduty_hub.findings.choices import SeverityBand

WIDTH, HEIGHT = 900, 220
LEFT, RIGHT, BOTTOM, TOP = 44, 24, 22, 8  # room for the axis labels
MAX_STEPS = 4  # gridlines above the baseline, at most


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    url: str
    title: str


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class DayLabel:
    x: float
    label: str


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: int
    plot_bottom: float
    bars: list[Bar]
    ticks: list[Tick]
    days: list[DayLabel]
    total: int

    @property
    def empty(self) -> bool:
        """Nothing first seen in the range: the page says so over a bare baseline."""
        return self.total == 0

    @property
    def bars_svg(self) -> str:
        """The bars as SVG, each a link with its title: built here in one pass rather than by
        the template (360 bars of a 90-day chart took the template longer than the counts)."""
        return format_html_join(
            "",
            '<a href="{}"><rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
            "<title>{}</title></rect></a>",
            ((b.url, b.x, b.y, b.width, b.height, b.colour, b.title) for b in self.bars),
        )

    @property
    def middle_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def middle_y(self) -> float:
        return (TOP + self.plot_bottom) / 2


def _axis(tallest: int) -> tuple[int, int]:
    """(top, step) of the y-axis: a step of 1, 2, 5, 10, 20, 50, ... and at most MAX_STEPS of
    them up to the first multiple at or over `tallest`, so every tick is a distinct whole
    number (a tallest day of 1 reads 0, 1; of 5 reads 0, 2, 4, 6)."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            steps = math.ceil(tallest / step)
            if steps <= MAX_STEPS:
                return steps * step, step
        magnitude *= 10


def findings_over_time(series: dict[date, dict[int, int]]) -> Chart:
    days = sorted(series)
    plot_h = HEIGHT - BOTTOM - TOP
    plot_w = WIDTH - LEFT - RIGHT
    tallest = max((sum(v.values()) for v in series.values()), default=0)
    top_value, step = _axis(tallest) if tallest else (1, 1)
    slot = plot_w / max(len(days), 1)
    bar_w = max(slot * 0.8, 1.0)
    bars: list[Bar] = []
    total = 0
    list_url = links.FindingListUrls()
    for i, day in enumerate(days):
        x = LEFT + i * slot + (slot - bar_w) / 2
        y = TOP + plot_h
        start = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
        for band in SeverityBand:  # Low at the bottom, Critical on top
            n = series[day].get(band.value, 0)
            if not n:
                continue
            total += n
            h = plot_h * n / top_value
            y -= h
            bars.append(
                Bar(
                    x=round(x, 2),
                    y=round(y, 2),
                    width=round(bar_w, 2),
                    height=round(h, 2),
                    colour=band.colour,
                    url=list_url(
                        **{
                            links.BAND: band.value,
                            links.FIRST_SEEN_AFTER: start,
                            # The range is inclusive: stop just before the next day.
                            links.FIRST_SEEN_BEFORE: start
                            + timedelta(days=1)
                            - timedelta(microseconds=1),
                        }
                    ),
                    title=f"{day:%d %b}: {n} {band.label}",
                )
            )
    # An empty chart keeps only its baseline: a scale of nothing would read "0, 0, 1".
    values = range(0, top_value + 1, step) if tallest else [0]
    ticks = [Tick(round(TOP + plot_h - plot_h * v / top_value, 2), f"{v:,}") for v in values]
    every = 7 if len(days) <= 31 else 14
    labels = [
        DayLabel(round(LEFT + i * slot + slot / 2, 2), f"{day:%d %b}")
        for i, day in enumerate(days)
        if (len(days) - 1 - i) % every == 0
    ]
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP + plot_h, bars, ticks, labels, total)
