"""The open-data API: read-only, public objects only, no cookies, the same for every visitor."""

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from actionplan.models import Action, Objective, Plan, ProgressUpdate, Status, TargetGroup
from events.models import Event, Place, PlaceKind
from events.occurrences import with_overrides
from genk_rainbow.bounds import FIRST_YEAR, LAST_YEAR
from genk_rainbow.identity import SiteIdentity
from indicators.models import Direction, Indicator, IndicatorValue, Kind
from partners.models import Partner

from . import serializers

LONGEST_WINDOW = datetime.timedelta(days=2 * 366)


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    pagination_class = Pages


class PlanViewSet(ReadOnly):
    queryset = Plan.objects.published().order_by("start_year", "pk")  # never a draft
    serializer_class = serializers.PlanSerializer


class ObjectiveFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id")

    class Meta:
        model = Objective
        fields = ["plan"]


class ObjectiveViewSet(ReadOnly):
    queryset = Objective.objects.filter(plan__in=Plan.objects.published()).order_by(
        "plan_id", "number"
    )
    serializer_class = serializers.ObjectiveSerializer
    filterset_class = ObjectiveFilter


class ActionFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="objective__plan_id")
    objective = django_filters.NumberFilter(field_name="objective_id")
    status = django_filters.ChoiceFilter(choices=Status.choices)
    updated_since = django_filters.DateFilter(
        field_name="last_update_on", lookup_expr="gte", label="Progress recorded on or after"
    )

    class Meta:
        model = Action
        fields = ["plan", "objective", "status", "updated_since"]


class ActionViewSet(ReadOnly):
    """Public actions with their progress timeline (the public texts; never internal notes)."""

    serializer_class = serializers.ActionSerializer
    filterset_class = ActionFilter
    queryset = (
        Action.objects.public()
        .filter(objective__plan__in=Plan.objects.published())
        .select_related("objective")
        .prefetch_related(
            "target_groups",
            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("date", "pk")),
        )
        .order_by("objective__plan_id", "objective__number", "identifier")
    )


class IndicatorFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id")
    objective = django_filters.NumberFilter(field_name="objectives", distinct=True)
    action = django_filters.NumberFilter(field_name="actions", distinct=True)
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    direction = django_filters.ChoiceFilter(choices=Direction.choices)
    updated_since = django_filters.DateFilter(
        method="recorded_since", label="A value recorded on or after"
    )

    class Meta:
        model = Indicator
        fields = ["plan", "objective", "action", "kind", "direction", "updated_since"]

    def recorded_since(self, queryset, name, day):
        recorded = IndicatorValue.objects.filter(
            indicator=OuterRef("pk"), created_at__date__gte=day
        )
        return queryset.filter(Exists(recorded))


class IndicatorViewSet(ReadOnly):
    """Public indicators of published plans, with their yearly targets and measured values."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilter
    queryset = (
        Indicator.objects.public()
        .with_series()
        .prefetch_related(
            "objectives", Prefetch("actions", queryset=Action.objects.public().only("pk"))
        )
        .order_by("plan_id", "order", "code", "pk")
    )


class PartnerViewSet(ReadOnly):
    queryset = Partner.objects.order_by("name", "pk")
    serializer_class = serializers.PartnerSerializer


class TargetGroupViewSet(ReadOnly):
    queryset = TargetGroup.objects.order_by("order", "code")
    serializer_class = serializers.TargetGroupSerializer
    lookup_field = "code"


class PlaceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=PlaceKind.choices)

    class Meta:
        model = Place
        fields = ["kind"]


class PlaceViewSet(ReadOnly):
    """The places a visitor sees on the map page: the plan's rainbow elements, help points
    and the venues of published events (never a place only a proposed event uses)."""

    queryset = Place.objects.public().select_related("partner").order_by("name", "pk")
    serializer_class = serializers.PlaceSerializer
    filterset_class = PlaceFilter


def _moment(request, name, default):
    text = request.query_params.get(name)
    if not text:
        return default
    value = parse_datetime(text) if "T" in text else None
    if value is None:
        try:
            value = datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time())
        except ValueError:
            raise ValidationError({name: "Give a date (2026-05-17) or date-time."}) from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError({name: f"Choose a date between {FIRST_YEAR} and {LAST_YEAR}."})
    return value if timezone.is_aware(value) else timezone.make_aware(value)


WINDOW = [
    OpenApiParameter("start", str, description="Window start (date or date-time); default now."),
    OpenApiParameter("end", str, description="Window end; default a year later, at most 2 years."),
]


@extend_schema(parameters=WINDOW)
class EventViewSet(ReadOnly):
    """Published events that have a date in the window, each with its dates in that window
    (a repeating event's repetitions, cancelled and moved dates included)."""

    serializer_class = serializers.EventSerializer
    queryset = Event.objects.none()  # for the schema; get_queryset gives the real one

    def window(self):
        start = _moment(self.request, "start", timezone.now())
        end = _moment(self.request, "end", start + datetime.timedelta(days=366))
        if not start < end <= start + LONGEST_WINDOW:
            raise ValidationError({"end": "The window must end after its start, within 2 years."})
        return start, end

    def get_queryset(self):
        events = Event.objects.published().prefetch_related("target_groups", "facilities")
        if self.action == "list":
            events = events.overlapping(*self.window())
        return events.order_by("start", "pk")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else with_overrides(page)  # changed dates: one query

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["window"] = self.window()
        return context


def documentation(request):
    """A readable page of the OpenAPI document, made on the server: no script, no other host."""
    schema = SchemaGenerator(patterns=None).get_schema(request=None, public=True)
    return render(
        request,
        "api/documentation.html",
        {"schema": schema, "licence": SiteIdentity.current().licence},
    )
