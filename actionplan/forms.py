import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PROGRESS_VALIDATORS, Status


class ProgressForm(forms.Form):
    """The quick 'record progress' form of the staff board; saved by Action.record_progress."""

    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    progress = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, validators=PROGRESS_VALIDATORS
    )
    date = forms.DateField(
        label=_("Date"),
        initial=datetime.date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    text_nl = forms.CharField(
        label=_("Public text (Dutch)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("Public text (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    internal_note = forms.CharField(
        label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, action, **kwargs):
        kwargs.setdefault("prefix", f"action-{action.pk}")
        kwargs.setdefault("initial", {"status": action.status, "progress": action.progress})
        super().__init__(*args, **kwargs)
        self.action = action
        self.helper = FormHelper(self)
        self.helper.form_tag = False

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > datetime.date.today():
            raise forms.ValidationError(_("Progress is recorded for today or a day in the past."))
        return date

    def save(self, author):
        data = self.cleaned_data
        return self.action.record_progress(
            status=data["status"],
            progress=data["progress"],
            date=data["date"],
            text={"nl": data["text_nl"], "en": data["text_en"]},
            internal_note=data["internal_note"],
            author=author,
        )


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
