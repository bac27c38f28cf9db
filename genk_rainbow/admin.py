from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Page


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "key", "updated_at"]
    search_fields = ["title_nl", "title_en", "body_nl", "body_en"]
