import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Action,
    ActionPartner,
    Objective,
    Plan,
    PolicyAim,
    ProgressUpdate,
    TargetGroup,
    YearFocus,
)


@register(TargetGroup)
class TargetGroupTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Plan)
class PlanTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "intro")
    empty_values = {"slug": None}  # unique column: an empty translation is NULL, not ""


@register(PolicyAim)
class PolicyAimTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Objective)
class ObjectiveTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "description")


@register(Action)
class ActionTranslationOptions(TranslationOptions):
    fields = ("title", "slug", "summary", "description")
    empty_values = {"slug": None}  # unique column: an empty translation is NULL, not ""


@register(ActionPartner)
class ActionPartnerTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(ProgressUpdate)
class ProgressUpdateTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(YearFocus)
class YearFocusTranslationOptions(TranslationOptions):
    fields = ("intro",)


# History models are made after the translation fields exist, so every language is recorded.
simple_history.register(Plan)
simple_history.register(Objective)
simple_history.register(
    Action, excluded_fields=["status", "progress", "last_update_on"]
)  # see ProgressUpdate
simple_history.register(YearFocus)
