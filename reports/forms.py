from django import forms
from django.utils.translation import gettext_lazy

from genk_rainbow.forms import CrispyMixin


class ImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV or XLSX file in the format of the progress export."),
    )


class IndicatorImportForm(CrispyMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV or XLSX file in the format of the measured-values export."),
    )
