import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Activity, Partner, PartnerKindIntro


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "slug", "summary", "description")
    empty_values = {"slug": None}  # unique column: an empty translation is NULL, not ""


@register(PartnerKindIntro)
class PartnerKindIntroTranslationOptions(TranslationOptions):
    fields = ("intro",)


# A partner writes an activity in each language, as staff write the plan.
@register(Activity)
class ActivityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


# History models are made after the translation fields exist, so every language is recorded.
simple_history.register(Partner)
simple_history.register(Activity)
