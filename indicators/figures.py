"""An indicator's figures for a year, as the yearly report shows them: the value as at the
report's day (the latest measured on or before it, with its date) and that year's target."""

from dataclasses import dataclass

from .models import Indicator, IndicatorTarget, IndicatorValue


@dataclass
class YearFigure:
    indicator: Indicator
    value: IndicatorValue | None  # as at the report's day
    target: IndicatorTarget | None  # of the report's year

    @property
    def met(self):
        """Whether the value reaches the year's target (None when either is missing)."""
        return self.indicator.meets(
            self.value.value if self.value else None, self.target.value if self.target else None
        )


def year_figures(plan, year, day, *, internal=False):
    """The plan's indicators (internal ones too for the staff version) with their figures of
    `year` as at `day`; three queries whatever the number of indicators and values."""
    indicators = Indicator.objects.filter(plan=plan)
    indicators = indicators.order_by("order", "code", "pk") if internal else indicators.listed()
    return [
        YearFigure(indicator, indicator.value_on(day), indicator.target_for(year))
        for indicator in indicators.select_related("plan").with_series()
    ]
