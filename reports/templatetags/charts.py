"""Bar charts drawn by the server as inline SVG; the page shows the same figures in a table."""

from itertools import pairwise

from django import template

register = template.Library()

# Each row: its label on a line of its own above the bar, so no label is cut however long
# it is (a label column of fixed width cut "Mensen met een migratieachtergrond" on paper).
BAR_HEIGHT, GAP, LABEL_HEIGHT, CHART_WIDTH = 18, 10, 18, 600
LONGEST_LABEL = 80  # characters at font size 13 within CHART_WIDTH; the table has them all


def _label(text):
    text = str(text)
    return text if len(text) <= LONGEST_LABEL else text[: LONGEST_LABEL - 1] + "…"


@register.inclusion_tag("reports/bar_chart.svg")
def bar_chart(rows, title_id, maximum=None, unit=""):
    """rows: [(label, value)]; a horizontal bar per row, scaled to `maximum` (default: largest)."""
    values = [value or 0 for _label, value in rows]
    top = maximum or max(values, default=0) or 1
    bar_space = CHART_WIDTH - 60
    row_height = LABEL_HEIGHT + BAR_HEIGHT + GAP
    bars = [
        {
            "label": _label(label),
            "value": value,
            "label_y": index * row_height + 13,
            "y": index * row_height + LABEL_HEIGHT,
            "text_y": index * row_height + LABEL_HEIGHT + 14,
            "width": round(bar_space * (value or 0) / top),
            "text_x": round(bar_space * (value or 0) / top) + 6,
        }
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "title_id": title_id,
        "unit": unit,
        "height": max(len(bars) * row_height, row_height),
        "width": CHART_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


# The trend chart: a line over the years, each point with its value written above it and its
# year under the axis (years are short: no label is cut). A year without a figure has no
# point, a dash on the axis and a gap in the line (nothing reported is not 0 %).
TREND_HEIGHT, TREND_LEFT, TREND_TOP, TREND_BOTTOM = 220, 48, 26, 30


@register.inclusion_tag("reports/trend_chart.svg")
def trend_chart(rows, title_id, maximum=100, unit="%"):
    """rows: [(year, value or None)]; a line from year to year, scaled to `maximum`."""
    plot_width = CHART_WIDTH - TREND_LEFT - 12
    plot_height = TREND_HEIGHT - TREND_TOP - TREND_BOTTOM
    step = plot_width / max(len(rows), 1)
    base = TREND_TOP + plot_height

    def y_of(value):
        return round(base - plot_height * min(value, maximum) / maximum)  # ints: "87,3" in Dutch

    points = [
        {
            "label": str(label),
            "value": value,
            "x": round(TREND_LEFT + step * (index + 0.5)),
            "y": None if value is None else y_of(value),
        }
        for index, (label, value) in enumerate(rows)
    ]
    for point in points:
        point["text_y"] = base - 6 if point["y"] is None else point["y"] - 9
    segments = [(a, b) for a, b in pairwise(points) if None not in (a["y"], b["y"])]
    grid = [
        {"y": y_of(value), "label": f"{value}{unit}", "text_y": y_of(value) + 4}
        for value in (0, maximum // 2, maximum)
    ]
    return {
        "points": points,
        "segments": segments,
        "grid": grid,
        "title_id": title_id,
        "unit": unit,
        "width": CHART_WIDTH,
        "height": TREND_HEIGHT,
        "left": TREND_LEFT,
        "right": CHART_WIDTH - 12,
        "axis_text_y": base + 20,
    }
