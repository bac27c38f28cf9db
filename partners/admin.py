from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Partner, PartnerKindIntro


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "in_rainbow_network"]
    list_filter = ["kind", "in_rainbow_network"]
    search_fields = ["name_nl", "name_en", "summary_nl", "summary_en"]
    prepopulated_fields = {"slug_nl": ["name_nl"], "slug_en": ["name_en"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(PartnerKindIntro)
class PartnerKindIntroAdmin(TranslationAdmin):
    list_display = ["kind"]
