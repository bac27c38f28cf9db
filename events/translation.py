import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Event, Facility, OccurrenceOverride, Place


@register(Facility)
class FacilityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Place)
class PlaceTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "where", "description", "accessibility_notes", "photo_alt")
    empty_values = {"slug": None}  # unique column: an empty translation is NULL, not ""


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description", "price", "image_alt")
    empty_values = {"slug": None}  # unique column: an empty translation is NULL, not ""


@register(OccurrenceOverride)
class OccurrenceOverrideTranslationOptions(TranslationOptions):
    fields = ("note",)


# History models are made after the translation fields exist, so every language is recorded.
simple_history.register(Event)
simple_history.register(Place)
