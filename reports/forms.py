from django import forms
from django.utils.translation import gettext_lazy

from genk_rainbow.forms import CrispyMixin

from .snapshots import check_freeze


class ImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV or XLSX file in the format of the progress export."),
    )


class FreezeForm(CrispyMixin, forms.Form):
    """Freeze a closed year's report (again); the rules are reports.snapshots.check_freeze."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required when the year was frozen before; kept in the history."),
    )

    def __init__(self, *args, plan, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.year = plan, year

    def clean(self):
        cleaned = super().clean()
        if "reason" in cleaned:
            try:
                check_freeze(self.plan, self.year, cleaned["reason"])
            except forms.ValidationError as error:
                self.add_error(None, error)  # a dict of errors goes to its fields
        return cleaned


class IndicatorImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV or XLSX file in the format of the measured-values export."),
    )
