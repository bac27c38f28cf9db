"""The workspace's forms: record a measured value, set a year's target. The rules are the
models' (IndicatorValue.clean, IndicatorTarget.clean); each message lands on its field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.bounds import DATE_VALIDATORS, FIRST_YEAR, LAST_YEAR
from genk_rainbow.forms import CrispyMixin

from .models import (
    NOT_REACHED,
    REACHED,
    VALUE_DECIMALS,
    VALUE_DIGITS,
    IndicatorTarget,
    IndicatorValue,
)


def _value_field(indicator, label):
    """A number, or for a milestone the choice reached / not reached (stored as 1 / 0)."""
    if indicator.is_milestone:
        return forms.TypedChoiceField(
            label=label,
            choices=[(str(REACHED), _("Reached")), (str(NOT_REACHED), _("Not reached"))],
            coerce=lambda text: REACHED if text == str(REACHED) else NOT_REACHED,
        )
    unit = f" ({indicator.unit})" if indicator.unit else ""
    return forms.DecimalField(
        label=f"{label}{unit}", max_digits=VALUE_DIGITS, decimal_places=VALUE_DECIMALS
    )


def _errors_on_fields(form, error):
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class ValueForm(CrispyMixin, forms.Form):
    date = forms.DateField(
        label=_("Date measured"),
        validators=DATE_VALIDATORS,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    # value: a number or reached / not reached, added per indicator in __init__.
    # source_nl, source_en, note_nl, note_en: one per language, added below the class.
    internal_note = forms.CharField(
        label=_("Internal note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, indicator, **kwargs):
        kwargs.setdefault("prefix", f"value-{indicator.pk}")
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        fields = dict(self.fields)
        self.fields = {
            "date": fields.pop("date"),
            "value": _value_field(indicator, _("Value")),
            **fields,
        }

    def clean(self):
        data = super().clean()
        if "date" in data and "value" in data:
            try:
                IndicatorValue(
                    indicator=self.indicator, date=data["date"], value=data["value"]
                ).clean()
            except ValidationError as error:
                _errors_on_fields(self, error)
        return data

    def save(self, recorded_by):
        data = self.cleaned_data
        return self.indicator.record_value(
            date=data["date"],
            value=data["value"],
            source={code: data[f"source_{code}"] for code in languages.published()},
            note={code: data[f"note_{code}"] for code in languages.published()},
            internal_note=data["internal_note"],
            recorded_by=recorded_by,
        )


SOURCE = _("Source ({language})")
NOTE = _("Public note ({language})")
_fields = dict(ValueForm.base_fields)
_note = _fields.pop("internal_note")
ValueForm.base_fields = {
    **_fields,
    **{
        f"source_{code}": forms.CharField(
            label=languages.labelled(SOURCE, name), required=False, max_length=300
        )
        for code, name in languages.names().items()
    },
    **{
        f"note_{code}": forms.CharField(
            label=languages.labelled(NOTE, name),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        for code, name in languages.names().items()
    },
    "internal_note": _note,
}


class TargetForm(CrispyMixin, forms.Form):
    """Set the target of one year: a year that has one gets the new value."""

    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def __init__(self, *args, indicator, **kwargs):
        kwargs.setdefault("prefix", f"target-{indicator.pk}")
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"] = _value_field(indicator, _("Target"))

    def clean(self):
        data = super().clean()
        if "year" in data and "value" in data:
            target = IndicatorTarget.objects.filter(
                indicator=self.indicator, year=data["year"]
            ).first() or IndicatorTarget(indicator=self.indicator, year=data["year"])
            target.value = data["value"]
            try:
                target.clean()
            except ValidationError as error:
                _errors_on_fields(self, error)
        return data

    def save(self):
        data = self.cleaned_data
        return self.indicator.set_target(year=data["year"], value=data["value"])
