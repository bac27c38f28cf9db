import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, IndicatorValue


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "unit", "description")
    empty_values = {"slug": None}  # unique column: an empty translation is NULL, not ""


@register(IndicatorValue)
class IndicatorValueTranslationOptions(TranslationOptions):
    fields = ("source", "note")


# History models are made after the translation fields exist, so every language is recorded.
# A value is a recorded fact with its author and time; targets are few and shown whole.
simple_history.register(Indicator)
