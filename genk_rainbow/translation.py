import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "body")


# History models are made after the translation fields exist, so every language is recorded.
simple_history.register(Page)
