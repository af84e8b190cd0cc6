"""Scales and ticks: days onto x with tick labels (days, months or years) spaced to fit,
as the estimates chart and the chronology strip draw them; a day range to plot, and a round
step for a value axis."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class TimeScale:
    """Days (ordinals, fractional) onto x."""

    lo: float
    hi: float
    x0: float
    x1: float

    def x(self, ordinal: float) -> float:
        """Where a day (an ordinal, fractional) goes on x."""
        return self.x0 + (ordinal - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)


def _month_starts(lo: float, hi: float, step: int) -> list[dt.date]:
    """First days of the months within [lo, hi] whose number fits the step (Jan, Apr...)."""
    day = dt.date.fromordinal(math.ceil(lo))
    index = day.year * 12 + day.month - 1 + (day.day > 1)
    out = []
    while (first := dt.date(index // 12, index % 12 + 1, 1)).toordinal() <= hi:
        if (first.month - 1) % step == 0:
            out.append(first)
        index += 1
    return out


def time_ticks(scale: TimeScale, gap: float) -> list[tuple[float, str]]:
    """Tick positions (ordinals) and labels: days, months or years, ``gap`` units apart."""
    room = scale.x1 - scale.x0
    for step in (1, 2, 7, 14):
        days = range(math.ceil(scale.lo), math.floor(scale.hi - 0.5) + 1, step)
        if len(days) * gap <= room:
            return [(d + 0.5, _day_tick(dt.date.fromordinal(d))) for d in days]
    for step in (1, 2, 3, 6):
        months = _month_starts(scale.lo, scale.hi, step)
        if len(months) * gap <= room:
            return [(m.toordinal(), _month_tick(m, i)) for i, m in enumerate(months)]
    return _year_ticks(scale, gap)


def _year_ticks(scale: TimeScale, gap: float) -> list[tuple[float, str]]:
    day = dt.date.fromordinal(math.ceil(scale.lo))
    first = day.year + (day.timetuple().tm_yday > 1)
    last = dt.date.fromordinal(math.floor(scale.hi)).year
    for step in (1, 2, 5, 10, 20, 50, 100, 1000):
        years = [y for y in range(first, last + 1) if y % step == 0]
        if len(years) * gap <= scale.x1 - scale.x0:
            break
    return [(dt.date(y, 1, 1).toordinal(), str(y)) for y in years]


def _day_tick(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _month_tick(month: dt.date, index: int) -> str:
    return f"{month:%b %Y}" if index == 0 or month.month == 1 else f"{month:%b}"


def nice_step(top: float) -> int:
    """A round tick step giving about four intervals up to ``top``."""
    raw = max(top, 4.0) / 4
    power = 10 ** math.floor(math.log10(raw))
    factor = next(f for f in (1, 2, 2.5, 3, 5, 10) if f * power >= raw)
    return max(1, round(factor * power))


def day_domain(days: Sequence[dt.date]) -> tuple[float, float]:
    """Ordinals from the day before the first to the day after the last; 7 days at least."""
    lo, hi = min(days).toordinal() - 1.0, max(days).toordinal() + 2.0
    short = max(0.0, 7.0 - (hi - lo))
    return lo - short / 2, hi + short / 2


@dataclass(frozen=True)
class PiecewiseScale:
    """Days (ordinals, fractional) onto x through ``knots``, (ordinal, x) pairs in order:
    linear between two knots, held at the ends; a broken axis gives each stretch of time
    its own scale (a long empty one, a break, little width)."""

    knots: tuple[tuple[float, float], ...]

    def x(self, ordinal: float) -> float:
        """Where a day (an ordinal, fractional) goes on x."""
        knots = self.knots
        if ordinal <= knots[0][0]:
            return knots[0][1]
        for (a, xa), (b, xb) in itertools.pairwise(knots):
            if ordinal <= b:
                return xa if b == a else xa + (ordinal - a) / (b - a) * (xb - xa)
        return knots[-1][1]
