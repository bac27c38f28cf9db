"""What the open-data API shows of each object: public fields only, every translated text as
{"nl": ..., "en": ...} for the languages of settings.LANGUAGES. Nothing internal (notes,
drafts, authors, reviewers, e-mail addresses) has a field here; tests/api walks every answer."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actionplan.models import Action, Objective, Plan, PlanState, ProgressUpdate, TargetGroup
from events.models import Event, Place
from genk_rainbow import languages
from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from partners.models import Partner


@extend_schema_field(
    {"type": "object", "additionalProperties": {"type": "string"}, "example": {"nl": "", "en": ""}}
)
class Translated(serializers.Field):
    """A translated model field as one object, a key per language."""

    def __init__(self, name, **kwargs):
        self.name = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return {
            code: getattr(obj, languages.column(self.name, code)) or ""
            for code in languages.published()
        }


class TargetGroupSerializer(serializers.ModelSerializer):
    name = Translated("name")

    class Meta:
        model = TargetGroup
        fields = ["code", "name"]


class PlanSerializer(serializers.ModelSerializer):
    title = Translated("title")
    slug = Translated("slug")
    intro = Translated("intro")
    state = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = ["id", "title", "slug", "start_year", "end_year", "state", "intro"]

    @extend_schema_field(serializers.ChoiceField(choices=PlanState.choices))
    def get_state(self, plan):
        """As shown on the portal today: a current plan whose last year is over has ended."""
        return plan.state_on(timezone.localdate())


class ObjectiveSerializer(serializers.ModelSerializer):
    title = Translated("title")
    slug = Translated("slug")
    description = Translated("description")

    class Meta:
        model = Objective
        fields = ["id", "plan", "number", "title", "slug", "description"]


class ProgressUpdateSerializer(serializers.ModelSerializer):
    text = Translated("text")

    class Meta:
        model = ProgressUpdate
        fields = ["date", "status", "progress", "text"]


class ActionSerializer(serializers.ModelSerializer):
    title = Translated("title")
    slug = Translated("slug")
    summary = Translated("summary")
    description = Translated("description")
    target_groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    timeline = ProgressUpdateSerializer(source="updates", many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id", "identifier", "objective", "title", "slug", "summary", "description", "status",
            "progress", "start_year", "end_year", "recurring", "lead_partner", "target_groups",
            "last_update_on", "timeline",
        ]  # fmt: skip


class IndicatorTargetSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)

    class Meta:
        model = IndicatorTarget
        fields = ["year", "value"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    """A measured value with its public source and note (never the internal note or who
    recorded it)."""

    value = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=False)
    source = Translated("source")
    note = Translated("note")

    class Meta:
        model = IndicatorValue
        fields = ["date", "value", "source", "note"]


class IndicatorSerializer(serializers.ModelSerializer):
    """An indicator with its yearly targets and its values in date order. A milestone's value
    is 1 (reached) or 0 (not reached). `actions` lists its public actions only."""

    name = Translated("name")
    slug = Translated("slug")
    unit = Translated("unit")
    description = Translated("description")
    url = serializers.SerializerMethodField()
    objectives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    actions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    targets = IndicatorTargetSerializer(many=True, read_only=True)
    values = IndicatorValueSerializer(source="recorded_values", many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = ["id", "plan", "code", "name", "slug", "url", "unit", "description", "kind",
                  "direction", "objectives", "actions", "targets", "values"]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, indicator):
        return self.context["request"].build_absolute_uri(indicator.get_absolute_url())


class PartnerSerializer(serializers.ModelSerializer):
    name = Translated("name")
    slug = Translated("slug")
    summary = Translated("summary")
    description = Translated("description")

    class Meta:
        model = Partner
        fields = ["id", "name", "slug", "kind", "summary", "description", "website",
                  "in_rainbow_network"]  # fmt: skip


class PlaceSerializer(serializers.ModelSerializer):
    name = Translated("name")
    slug = Translated("slug")
    where = Translated("where")
    description = Translated("description")
    accessibility_notes = Translated("accessibility_notes")
    photo = serializers.SerializerMethodField()
    photo_alt = Translated("photo_alt")
    latitude = serializers.FloatField(allow_null=True, read_only=True)
    longitude = serializers.FloatField(allow_null=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = ["id", "name", "slug", "kind", "url", "street_address", "postal_code",
                  "locality", "where", "latitude", "longitude", "description",
                  "accessibility_notes", "photo", "photo_alt", "photo_credit", "partner",
                  "related_action"]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, place):
        return self.context["request"].build_absolute_uri(place.get_absolute_url())

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_photo(self, place):
        if not place.photo:
            return None
        return self.context["request"].build_absolute_uri(place.photo.url)


class OccurrenceSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    status = serializers.CharField()
    original_date = serializers.DateField()


class EventSerializer(serializers.ModelSerializer):
    title = Translated("title")
    slug = Translated("slug")
    summary = Translated("summary")
    description = Translated("description")
    price = Translated("price")
    url = serializers.SerializerMethodField()
    target_groups = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    facilities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    occurrences = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "title", "slug", "summary", "description", "url", "start", "end", "all_day",
            "recurrence", "recurrence_until", "status", "attendance", "place", "online_url",
            "organiser", "related_action", "target_groups", "facilities", "languages",
            "is_free", "price", "registration_url", "is_example", "updated_at", "occurrences",
        ]  # fmt: skip

    @extend_schema_field(OccurrenceSerializer(many=True))
    def get_occurrences(self, event):
        window = self.context["window"]
        return OccurrenceSerializer(event.occurrences_between(*window), many=True).data

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, event):
        return self.context["request"].build_absolute_uri(event.get_absolute_url())
