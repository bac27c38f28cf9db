from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from genk_rainbow import languages
from genk_rainbow.admin import BoundedDatesAdminMixin

from .models import (
    Action,
    ActionPartner,
    Objective,
    Plan,
    PolicyAim,
    ProgressUpdate,
    Reminder,
    TargetGroup,
    YearFocus,
    YearFocusItem,
)


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Translated fields side by side, plus the 'History' button of django-simple-history."""


@admin.register(TargetGroup)
class TargetGroupAdmin(TranslationAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["code", *languages.fields("name")]


@admin.register(PolicyAim)
class PolicyAimAdmin(TranslationAdmin):
    list_display = ["text", "order"]
    list_editable = ["order"]


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["number", "title", "slug"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Plan)
class PlanAdmin(HistoryTranslationAdmin):
    list_display = ["title", "start_year", "end_year", "state"]
    list_filter = ["state"]
    search_fields = languages.fields("title")
    prepopulated_fields = languages.prepopulated("slug", "title")
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(HistoryTranslationAdmin):
    list_display = ["number", "title", "plan"]
    list_display_links = ["number", "title"]
    list_filter = ["plan"]
    search_fields = languages.fields("title", "description")
    prepopulated_fields = languages.prepopulated("slug", "title")


class ActionPartnerInline(TranslationTabularInline):
    model = ActionPartner
    autocomplete_fields = ["partner"]
    extra = 0


class ProgressUpdateInline(TranslationTabularInline):
    """Recorded updates are read-only; a new row is saved through Action.record_progress."""

    model = ProgressUpdate
    fields = ["date", "status", "progress", "progress_reason", "text", "internal_note", "author"]
    readonly_fields = ["author"]
    extra = 1
    can_delete = False
    verbose_name = _("progress update")
    verbose_name_plural = _("progress updates (add a row to record progress)")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(HistoryTranslationAdmin):
    list_display = ["identifier", "title", "objective", "status", "progress", "is_public"]
    list_display_links = ["identifier", "title"]
    list_filter = [
        "status",
        "objective__plan",
        "objective",
        "is_public",
        "recurring",
        "target_groups",
    ]
    search_fields = ["identifier", *languages.fields("title", "summary")]
    list_select_related = ["objective__plan"]
    readonly_fields = ["status", "progress"]
    autocomplete_fields = ["lead_partner"]
    raw_id_fields = ["responsible"]
    filter_horizontal = ["other_objectives", "target_groups"]
    prepopulated_fields = languages.prepopulated("slug", "title")
    inlines = [ActionPartnerInline, ProgressUpdateInline]
    fieldsets = [
        (None, {"fields": ["objective", "identifier", "title", "slug", "summary", "description"]}),
        (_("Responsible"), {"fields": ["responsible"]}),
        (_("Current state (change it by adding a progress update below)"),
         {"fields": ["status", "progress"]}),
        (_("Period"), {"fields": ["start_year", "end_year", "recurring"]}),
        (_("Who and for whom"),
         {"fields": ["lead_partner", "target_groups", "other_objectives", "is_public"]}),
    ]  # fmt: skip

    def save_formset(self, request, form, formset, change):
        if formset.model is not ProgressUpdate:
            return super().save_formset(request, form, formset, change)
        for update_form in formset.extra_forms:
            if not update_form.has_changed():
                continue
            data = update_form.cleaned_data
            form.instance.record_progress(
                status=data["status"],
                progress=data["progress"],
                date=data["date"],
                text={code: data.get(f"text_{code}", "") for code, _name in settings.LANGUAGES},
                internal_note=data.get("internal_note", ""),
                progress_reason=data.get("progress_reason", ""),
                author=request.user,
            )
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class YearFocusItemInline(admin.TabularInline):
    model = YearFocusItem
    autocomplete_fields = ["action"]
    extra = 0


@admin.register(YearFocus)
class YearFocusAdmin(HistoryTranslationAdmin):
    list_display = ["year", "plan"]
    list_filter = ["plan"]
    inlines = [YearFocusItemInline]


@admin.register(Reminder)
class ReminderAdmin(BoundedDatesAdminMixin, admin.ModelAdmin):
    """What the reminder command sent (read-only)."""

    list_display = ["action", "recipient", "sent_at"]
    list_filter = ["sent_at"]
    list_select_related = ["action", "recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
