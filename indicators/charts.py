"""The line chart of an indicator, drawn by the server as inline SVG (as the report's bar
charts): the measured values as a solid line, the yearly targets as a dashed one, against a
time axis in years. The page shows the same figures in tables beside it."""

import datetime
import math
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from .models import plain

WIDTH, HEIGHT = 600, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 40, 32  # room for the value axis, the legend, the years
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass
class Point:
    x: float
    y: float
    label: str  # "17 May 2023: 120 people", for the point's own <title>

    @property
    def corner(self):
        """The top left corner of the 8 by 8 square marking a target."""
        return round(self.x - 4, 1), round(self.y - 4, 1)


def nice_top(largest):
    """The top of the value axis: a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power
    of ten) at least `largest`, so its fifths are round too."""
    if largest <= 0:
        return 1
    power = 10 ** math.floor(math.log10(largest))
    steps = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
    return next(step * power for step in steps if step * power >= largest)


def _year_fraction(day):
    first = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - first).days
    return day.year + (day - first).days / length


def line_chart(indicator, until=None, date_format=str):
    """The geometry of the chart of `indicator` (values up to `until`, every target), or None
    when there is nothing to draw. `date_format` writes a date as the page does."""
    values = indicator.series(until=until)
    targets = indicator.target_list()
    if not values and not targets:
        return None
    years = [v.date.year for v in values] + [t.year for t in targets]
    first = min([indicator.plan.start_year, *years])
    last = max([indicator.plan.end_year, *years])
    span = last + 1 - first
    top = nice_top(float(max([v.value for v in values] + [t.value for t in targets])))

    def x(year_fraction):
        return round(LEFT + (year_fraction - first) / span * PLOT_WIDTH, 1)

    def y(value):
        return round(TOP + PLOT_HEIGHT - float(value) / top * PLOT_HEIGHT, 1)

    value_points = [
        Point(
            x(_year_fraction(v.date)),
            y(v.value),
            f"{date_format(v.date)}: {indicator.display(v.value)}",
        )
        for v in values
    ]
    # A target is for the end of its year.
    target_points = [
        Point(
            x(t.year + 1),
            y(t.value),
            _("Target for %(year)s: %(value)s")
            % {"year": t.year, "value": indicator.display(t.value)},
        )
        for t in targets
    ]
    ticks = [
        {
            "y": y(top * step / 5),
            "label": formats.number_format(plain(str(top * step / 5)), use_l10n=True),
        }
        for step in range(6)
    ]
    every = max(1, math.ceil(span / 10))  # at most ten year labels
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": TOP + PLOT_HEIGHT,
        "ticks": ticks,
        "years": [
            {
                "x": x(year),
                "label_x": x(year + 0.5),
                "label": year if (year - first) % every == 0 else "",
            }
            for year in range(first, last + 1)
        ]
        + [{"x": x(last + 1), "label_x": None, "label": ""}],
        "values": value_points,
        "value_line": " ".join(f"{p.x},{p.y}" for p in value_points),
        "targets": target_points,
        "target_line": " ".join(f"{p.x},{p.y}" for p in target_points),
    }
