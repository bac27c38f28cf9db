"""The indicator's chart and figures in any page: {% load indicators %}."""

from django import template
from django.utils.formats import date_format

from ..charts import line_chart
from ..models import plain

register = template.Library()


@register.filter(name="plain")
def plain_number(value):
    """A value as a machine reads it (data-value): 162.5, 150; "" for none."""
    return "" if value in (None, "") else str(plain(value))


@register.filter
def indicator_value(value, indicator):
    """{{ value|indicator_value:indicator }}: “120 people”, “reached” (in the active language)."""
    return indicator.display(value)


@register.inclusion_tag("indicators/line_chart.svg")
def indicator_chart(indicator, until=None):
    """The line chart of a quantitative indicator (values up to `until`) against its targets."""
    chart = None
    if not indicator.is_milestone:
        chart = line_chart(
            indicator,
            until=until,
            date_format=lambda day: date_format(day, "DATE_FORMAT"),
        )
    return {"chart": chart, "indicator": indicator, "chart_id": f"indicator-{indicator.pk}-chart"}


@register.simple_tag
def indicator_values(indicator, until=None):
    """{% indicator_values indicator until as values %}: its values dated up to `until`."""
    return indicator.series(until=until)


@register.filter
def target_of_year(indicator, year):
    """{{ indicator|target_of_year:2025 }}: the target of that year, or None."""
    try:
        return indicator.target_for(int(year))
    except (TypeError, ValueError):
        return None
