import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actionplan.models import Objective, Plan, TargetGroup
from genk_rainbow import languages
from genk_rainbow.bounds import DATE_VALIDATORS

from .models import Attendance, Event, EventStatus, Facility


class EventFilter(django_filters.FilterSet):
    """The agenda's filters; every value lives in the query string, so a filtered view is a link."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        to_field_name="code",
        queryset=TargetGroup.objects.all(),
        empty_label=_("All target groups"),
    )
    objective = django_filters.ModelChoiceFilter(
        label=_("Objective"),
        field_name="related_action__objective",
        queryset=Objective.objects.none(),
        empty_label=_("All objectives"),
    )
    facility = django_filters.ModelChoiceFilter(
        label=_("Accessibility"),
        field_name="facilities",
        to_field_name="code",
        queryset=Facility.objects.all(),
        empty_label=_("Any"),
    )
    month = django_filters.DateFilter(
        label=_("Month"),
        method="in_month",  # the view narrows the window of occurrences
        input_formats=["%Y-%m"],
        validators=DATE_VALIDATORS,
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    day = django_filters.DateFilter(
        label=_("Day"),
        method="in_month",  # the view narrows the window of occurrences
        validators=DATE_VALIDATORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    free = django_filters.BooleanFilter(
        label=_("Free only"), method="only_free", widget=forms.CheckboxInput
    )
    online = django_filters.BooleanFilter(
        label=_("Online only"), method="only_online", widget=forms.CheckboxInput
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = Plan.objects.current()
        objectives = Objective.objects.filter(plan=plan).order_by("number")
        self.filters["objective"].queryset = objectives
        self.form.fields["objective"].queryset = objectives
        self.form.fields["objective"].label_from_instance = str

    @property
    def active_count(self):
        """How many filters the visitor has set (shown on the phone's filter button)."""
        data = self.data or {}
        return sum(1 for name in self.filters if str(data.get(name, "")).strip())

    def search(self, queryset, name, value):
        return queryset.filter(
            languages.contains_any(["title", "summary", "description"], value.strip())
        )

    def in_month(self, queryset, name, value):
        return queryset  # month and day narrow the window in the view, not the events

    def only_free(self, queryset, name, value):
        return queryset.filter(is_free=True) if value else queryset

    def only_online(self, queryset, name, value):
        if not value:
            return queryset
        online = Q(attendance__in=[Attendance.ONLINE, Attendance.MIXED]) | Q(
            status=EventStatus.MOVED_ONLINE
        )
        return queryset.filter(online)
