"""Bar charts drawn by the server as inline SVG; the page shows the same figures in a table."""

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
