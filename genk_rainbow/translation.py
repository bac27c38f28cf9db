import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Page, SiteIdentity


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "body")


@register(SiteIdentity)
class SiteIdentityTranslationOptions(TranslationOptions):
    fields = ("city_name", "site_name", "tagline", "intro", "service_name", "opening_hours")


# History models are made after the translation fields exist, so every language is recorded.
simple_history.register(Page)
simple_history.register(SiteIdentity)
