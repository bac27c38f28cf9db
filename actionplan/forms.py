import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.bounds import DATE_VALIDATORS
from genk_rainbow.forms import CrispyMixin
from genk_rainbow.light_forms import light_unbound
from genk_rainbow.roles import CITY_STAFF_GROUP

from .models import PROGRESS_VALIDATORS, Action, ProgressUpdate, Status


class ProgressForm(CrispyMixin, forms.Form):
    """The quick 'record progress' form of the staff board; saved by Action.record_progress."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, validators=PROGRESS_VALIDATORS
    )
    date = forms.DateField(
        label=_("Date"),
        validators=DATE_VALIDATORS,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    progress_reason = forms.CharField(
        label=_("Reason for progress on a planned action"), required=False
    )
    # text_nl, text_en, ...: one per language of settings.LANGUAGES, added below the class.
    internal_note = forms.CharField(
        label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault("prefix", f"action-{action.pk}")
        kwargs.setdefault("initial", {"status": action.status, "progress": action.progress})
        super().__init__(*args, **kwargs)
        self.action = action

    @classmethod
    def board_fields(cls, action, form=None):
        """The unbound form for `action` as crispy renders it, built in Python
        (genk_rainbow/light_forms.py); `form`, any ProgressForm, lends its fields, so one
        serves a page of the board. A bound form (with its errors) is rendered by crispy."""
        form = form or cls(action=action)
        initial = {"status": action.status, "progress": action.progress}
        # Kept per version of all it shows (0.35 ms a row made afresh): the fields, the
        # language of their labels, the row's values and the day (the date's initial value).
        seconds = settings.FRAGMENT_CACHE_SECONDS
        version = repr((action.pk, initial, get_language(), timezone.localdate(), [*form.fields]))
        key = "board-fields:" + hashlib.md5(version.encode(), usedforsecurity=False).hexdigest()
        fields = caches["fragments"].get(key) if seconds else None
        if fields is None:
            fields = light_unbound(form, f"action-{action.pk}", initial)
            if seconds:
                caches["fragments"].set(key, fields, seconds)
        return fields

    def clean(self):
        """The model's progress rules (ProgressUpdate.clean), each message on its field."""
        data = super().clean()
        if all(name in data for name in ("status", "progress", "date")):
            update = ProgressUpdate(
                action=self.action,
                status=data["status"],
                progress=data["progress"],
                date=data["date"],
                progress_reason=data.get("progress_reason", ""),
            )
            try:
                update.clean()
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
        return data

    def save(self, author):
        data = self.cleaned_data
        return self.action.record_progress(
            status=data["status"],
            progress=data["progress"],
            date=data["date"],
            text={code: data[f"text_{code}"] for code in languages.published()},
            internal_note=data["internal_note"],
            progress_reason=data["progress_reason"],
            author=author,
        )


def public_text_field(language_name):
    return forms.CharField(
        label=languages.labelled(PUBLIC_TEXT, language_name),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


PUBLIC_TEXT = _("Public text ({language})")
_fields = dict(ProgressForm.base_fields)
_note = _fields.pop("internal_note")
ProgressForm.base_fields = {
    **_fields,
    **{f"text_{code}": public_text_field(name) for code, name in languages.names().items()},
    "internal_note": _note,
}


class BoardFilterForm(forms.Form):
    """The progress board's GET filters: one objective, and/or only actions needing attention.

    `objectives` are those of the plan on the board (already read for its summary table)."""

    objective = forms.TypedChoiceField(
        label=_("Objective"), required=False, coerce=int, empty_value=None
    )
    attention = forms.BooleanField(label=_("Only actions needing attention"), required=False)

    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].choices = [
            ("", _("All objectives")),
            *[(objective.number, str(objective)) for objective in objectives],
        ]

    def filters(self):
        """The valid filters as {name: value}; invalid or empty ones are left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in self.fields
            if name not in self.errors and data.get(name) not in (None, False, "")
        }


class ActionPeopleForm(CrispyMixin, forms.ModelForm):
    """Who answers for an action: the responsible staff member (gets the reminders) and the
    lead partner. The loaded plan names neither; staff fill them in here."""

    class Meta:
        model = Action
        fields = ["responsible", "lead_partner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = get_user_model().objects.filter(groups__name=CITY_STAFF_GROUP, is_active=True)
        self.fields["responsible"].queryset = staff.distinct().order_by("email")
        self.fields["responsible"].label_from_instance = lambda u: u.get_full_name() or u.email
