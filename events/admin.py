from django import forms
from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from genk_rainbow import languages
from genk_rainbow.admin import BoundedDatesAdminMixin
from genk_rainbow.forms import DateListField
from genk_rainbow.images import CleanImageField

from .forms import EXCEPTION_DATES_HELP
from .models import LANGUAGES_SPOKEN, Event, Facility, OccurrenceOverride, Place


@admin.register(Facility)
class FacilityAdmin(TranslationAdmin):
    list_display = ["name", "code", "order"]


@admin.register(Place)
class PlaceAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "street_address", "locality", "is_listed"]
    list_filter = ["kind", "is_listed"]
    search_fields = ["street_address", *languages.fields("name")]
    prepopulated_fields = languages.prepopulated("slug", "name")
    autocomplete_fields = ["partner", "related_action"]
    readonly_fields = ["added_by"]
    formfield_overrides = {models.ImageField: {"form_class": CleanImageField}}


class OccurrenceOverrideInline(TranslationTabularInline):
    model = OccurrenceOverride
    extra = 0


@admin.register(Event)
class EventAdmin(BoundedDatesAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "start", "recurrence", "publication", "status", "organiser"]
    list_filter = [
        "publication",
        "status",
        "recurrence",
        "attendance",
        "is_free",
        "target_groups",
        "facilities",
    ]
    search_fields = languages.fields("title", "summary")
    date_hierarchy = "start"
    list_select_related = ["organiser"]
    autocomplete_fields = ["organiser", "related_action", "place"]
    filter_horizontal = ["target_groups", "facilities"]
    prepopulated_fields = languages.prepopulated("slug", "title")
    inlines = [OccurrenceOverrideInline]
    formfield_overrides = {
        models.ImageField: {"form_class": CleanImageField},
        models.URLField: {"assume_scheme": "https"},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """No JSON for people: dates without the event are date pickers, languages boxes."""
        if db_field.name == "exception_dates":
            return DateListField(
                label=db_field.verbose_name, required=False, help_text=EXCEPTION_DATES_HELP
            )
        if db_field.name == "languages":
            return forms.MultipleChoiceField(
                label=db_field.verbose_name,
                choices=LANGUAGES_SPOKEN,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(revision_of__isnull=True)

    def save_model(self, request, obj, form, change):
        if change:
            obj.save_direct_edit()  # the model decides the SEQUENCE
        else:
            super().save_model(request, obj, form, change)
