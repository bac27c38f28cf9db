"""Bar charts drawn by the server as inline SVG; the page shows the same figures in a table."""

from django import template

register = template.Library()

BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH = 22, 8, 200, 600


@register.inclusion_tag("reports/bar_chart.svg")
def bar_chart(rows, title_id, maximum=None, unit=""):
    """rows: [(label, value)]; a horizontal bar per row, scaled to `maximum` (default: largest)."""
    values = [value or 0 for _label, value in rows]
    top = maximum or max(values, default=0) or 1
    bar_space = CHART_WIDTH - LABEL_WIDTH - 60
    bars = [
        {
            "label": str(label)[:28],
            "value": value,
            "y": index * (BAR_HEIGHT + GAP),
            "width": round(bar_space * (value or 0) / top),
            "text_x": LABEL_WIDTH + round(bar_space * (value or 0) / top) + 6,
        }
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "title_id": title_id,
        "unit": unit,
        "height": max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }
