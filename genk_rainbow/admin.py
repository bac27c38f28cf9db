from django.contrib import admin, messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .bounds import FIRST_YEAR, LAST_YEAR, query_dates_in_range
from .models import Page


class BoundedDatesAdminMixin:
    """The admin's date filters and drill-down convert or add to the chosen date, which
    overflows at the ends of the calendar (a 500 for ?start__year=9999&start__month=12&
    start__day=31 or ?sent_at__gte=0001-01-01): such a list gets a message and no filter."""

    def changelist_view(self, request, extra_context=None):
        if not query_dates_in_range(request.GET):
            messages.error(
                request,
                _("Choose a year between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return redirect(request.path)
        return super().changelist_view(request, extra_context)


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "key", "updated_at"]
    search_fields = ["title_nl", "title_en", "body_nl", "body_en"]
