"""Form pieces every app uses."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from crispy_forms.utils import render_field
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import languages
from .bounds import validate_year_range


class LanguageTabs:
    """The texts of a form in one tab per language (Bootstrap tabs). Without JavaScript every
    language is a fieldset with its legend, one below the other; static/js/language-tabs.js
    turns them into tabs. The first language with an error opens first."""

    template = "includes/language_tabs.html"

    def __init__(self, *names):
        self.names = names

    def columns(self, form, code):
        columns = [languages.column(name, code) for name in self.names]
        return [column for column in columns if column in form.fields]

    def render(self, form, context, template_pack=None, **kwargs):
        panes = []
        for code, name in languages.published_names().items():
            columns = self.columns(form, code)
            html = mark_safe(  # crispy's rendered fields, escaped by their templates
                "".join(
                    render_field(c, form, context, template_pack=template_pack) for c in columns
                )
            )
            panes.append(
                {
                    "code": code,
                    "name": name,
                    "html": html,
                    "errors": any(form[c].errors for c in columns),
                }
            )
        active = next((pane for pane in panes if pane["errors"]), panes[0])
        active["active"] = True
        prefix = f"{form.prefix or form.__class__.__name__.lower()}-texts"
        return render_to_string(self.template, {"panes": panes, "prefix": prefix})


def drop_unpublished_languages(fields):
    """A form asks for the texts of the languages the city publishes: a field of another
    language (title_fr beside title_nl) is left out, and what it holds stays as it is."""
    default, published = languages.codes()[0], set(languages.published())
    for name in list(fields):
        base, _sep, code = name.rpartition("_")
        if code not in published and code in languages.names() and f"{base}_{default}" in fields:
            del fields[name]


class CrispyMixin:
    """Render with crispy-forms' Bootstrap 5 layout; the template supplies <form> and buttons.
    A form naming `language_tabs` (translated fields, e.g. ("title", "description")) shows
    those in language tabs, where the first of them stands in the field order."""

    language_tabs = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_unpublished_languages(self.fields)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        names = languages.names()
        for field in self.fields.values():
            # modeltranslation labels a column "Title [nl]": people read "Title (Dutch)".
            label, _space, code = str(field.label or "").rpartition(" [")
            if label and code.rstrip("]") in names and code.endswith("]"):
                field.label = f"{label} ({names[code.rstrip(']')]})"
        if self.language_tabs:
            tabs = LanguageTabs(*self.language_tabs)
            in_tabs = set(languages.fields(*self.language_tabs))
            items = []
            for name in self.fields:
                if name not in in_tabs:
                    items.append(name)
                elif tabs not in items:
                    items.append(tabs)
            self.helper.layout = Layout(*items)


class DateListWidget(forms.Widget):
    """A list of dates as date pickers: one `<input type="date">` per date and `extra` empty
    ones to add more (an empty one removes nothing; clearing a date removes it). No JSON."""

    def __init__(self, attrs=None, extra=2):
        super().__init__(attrs)
        self.extra = extra

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])

    def value_omitted_from_data(self, data, files, name):
        return False  # no date sent is an empty list, not "left as it was"

    def format_value(self, value):
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in value or []]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.pop("id", f"id_{name}")
        attrs.pop("class", None)
        values = [*self.format_value(value), *[""] * self.extra]
        items = []
        for index, date in enumerate(values):
            item_attrs = {
                **attrs,
                "id": base_id if index == 0 else f"{base_id}_{index}",
                "aria-label": _("Date %(number)s") % {"number": index + 1},
            }
            items.append(
                format_html(
                    '<li><input type="date" class="form-control" name="{}" value="{}"{}></li>',
                    name,
                    date,
                    flatatt(item_attrs),
                )
            )
        return format_html('<ul class="list-unstyled date-list">{}</ul>', mark_safe("".join(items)))


class DateListField(forms.Field):
    """Dates typed or picked one by one, cleaned to sorted ISO strings (a JSON list field's
    value), each within the site's date bounds."""

    widget = DateListWidget
    default_error_messages = {"invalid": _("“%(value)s” is not a date (day, month, year).")}

    def to_python(self, value):
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = [value]
        dates = set()
        for text in value:
            if not str(text).strip():
                continue
            try:
                date = datetime.date.fromisoformat(str(text).strip())
            except ValueError:
                raise ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": text}
                ) from None
            validate_year_range(date)
            dates.add(date)
        return [date.isoformat() for date in sorted(dates)]

    def prepare_value(self, value):
        return value or []

    def has_changed(self, initial, data):
        return sorted(initial or []) != sorted(self.to_python(data) if data else [])
