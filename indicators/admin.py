from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from genk_rainbow import languages

from .models import Indicator, IndicatorTarget, IndicatorValue


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    fields = ["year", "value"]
    extra = 0


class ValueInline(TranslationTabularInline):
    """Values with the same rules as in the workspace (IndicatorValue.clean)."""

    model = IndicatorValue
    fields = ["date", "value", "source", "note", "internal_note", "recorded_by"]
    readonly_fields = ["recorded_by"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["code", "name", "plan", "kind", "direction", "is_public"]
    list_display_links = ["code", "name"]
    list_filter = ["plan", "kind", "is_public"]
    search_fields = ["code", *languages.fields("name", "description")]
    prepopulated_fields = languages.prepopulated("slug", "name")
    filter_horizontal = ["objectives", "actions"]
    inlines = [TargetInline, ValueInline]
    fieldsets = [
        (None, {"fields": ["plan", "code", "name", "slug", "unit", "description"]}),
        (_("Measure"), {"fields": ["kind", "direction"]}),
        (_("Linked to"), {"fields": ["objectives", "actions", "is_public", "order"]}),
    ]

    def save_formset(self, request, form, formset, change):
        if formset.model is IndicatorValue:
            for value_form in formset.forms:
                if value_form.has_changed() and not value_form.instance.pk:
                    value_form.instance.recorded_by = request.user
        super().save_formset(request, form, formset, change)
