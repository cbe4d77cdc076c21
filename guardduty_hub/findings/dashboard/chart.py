"""Findings over time as a server-rendered SVG: stacked bars per day and band, each a link.

Pure geometry: takes the counts, returns what the template draws (no JavaScript, no CDN).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from guardduty_hub.findings.choices import SeverityBand
from guardduty_hub.findings.dashboard import links

WIDTH, HEIGHT = 900, 220
LEFT, RIGHT, BOTTOM, TOP = 44, 24, 22, 8  # room for the axis labels


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


def _nice_max(value: int) -> int:
    """1, 2, 5, 10, 20, 50, ... at or above value: round gridlines."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= value:
                return step * m
        step *= 10


def findings_over_time(series: dict[date, dict[int, int]]) -> Chart:
    days = sorted(series)
    plot_h = HEIGHT - BOTTOM - TOP
    plot_w = WIDTH - LEFT - RIGHT
    top_value = _nice_max(max((sum(v.values()) for v in series.values()), default=0) or 1)
    slot = plot_w / max(len(days), 1)
    bar_w = max(slot * 0.8, 1.0)
    bars: list[Bar] = []
    total = 0
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
                    url=links.finding_list_url(
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
    ticks = [
        Tick(round(TOP + plot_h - plot_h * f, 2), f"{round(top_value * f):,}") for f in (0, 0.5, 1)
    ]
    every = 7 if len(days) <= 31 else 14
    labels = [
        DayLabel(round(LEFT + i * slot + slot / 2, 2), f"{day:%d %b}")
        for i, day in enumerate(days)
        if (len(days) - 1 - i) % every == 0
    ]
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP + plot_h, bars, ticks, labels, total)
