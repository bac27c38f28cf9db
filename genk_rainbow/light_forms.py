"""Form fields as crispy-forms' Bootstrap 5 pack renders them, built in Python.

crispy renders each field through a dozen templates: ~5 ms for the progress board's form and
~6 ms for the agenda's filters, on pages that show them to every visitor. `light_fields(form)`
gives the same HTML (tests compare it with crispy's, bound and unbound) for the widgets those
forms use: text-like inputs, a select, a textarea and a checkbox, with their errors. A form
with anything else (help texts, other widgets) is rendered by crispy as before.
"""

from django import forms
from django.forms.widgets import Input
from django.template import Context, Template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")
CHECKED = mark_safe(" checked")
REQUIRED = mark_safe(" required")
ASTERISK = mark_safe('<span class="asteriskField">*</span>')
INVALID = mark_safe(" is-invalid")
ARIA_INVALID = ' aria-invalid="true" aria-describedby="{}_error"'
SUPPORTED = (forms.Select, forms.Textarea, forms.CheckboxInput, Input)
UNSUPPORTED = (
    forms.SelectMultiple,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.FileInput,
)


def light_fields(form):
    fields = [form[name] for name in form.fields]
    if any(not _supported(field) for field in fields):
        return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
            Context({"form": form})
        )
    return mark_safe(
        "\n".join(
            _field(f.field, f.html_name, f.auto_id, f.value(), f.errors, _required_attribute(f))
            for f in fields
        )
    )


def light_unbound(form, prefix, initial):
    """The fields of `form` (its fields as its class chose them: the published languages'),
    unbound, under another `prefix` with `initial` values: what light_fields gives for a new
    form made so, without making one. One form serves the board's page of them (a form a
    row doubled the board's cost)."""
    parts = []
    for name, field in form.fields.items():
        value = initial.get(name, field.initial)
        value = field.prepare_value(value() if callable(value) else value)
        html_name = f"{prefix}-{name}"
        required = (
            field.required
            and form.use_required_attribute
            and field.widget.use_required_attribute(value)
        )
        parts.append(_field(field, html_name, f"id_{html_name}", value, [], required))
    return mark_safe("\n".join(parts))


def _supported(field):
    widget = field.field.widget
    return (
        isinstance(widget, SUPPORTED)
        and not isinstance(widget, UNSUPPORTED)
        and not field.help_text
        and not field.field.disabled
        and not widget.is_hidden
    )


def _required_attribute(field):
    """Django's rule (BoundField.build_widget_attrs): a select whose first option is a real
    choice carries no `required`."""
    return (
        field.field.required
        and field.form.use_required_attribute
        and field.field.widget.use_required_attribute(field.initial)
    )


def _errors(auto_id, errors):
    return format_html(
        ' <div id="{}_error" class="invalid-feedback">{}</div>',
        auto_id,
        format_html_join(
            " ",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((n, auto_id, error) for n, error in enumerate(errors, 1)),
        ),
    )


def _field(field, html_name, auto_id, value, errors, required_attribute):
    """One field's HTML from plain values: its form field, names, value and errors."""
    widget = field.widget
    css = type(widget).__name__.lower()  # crispy's class: textinput, dateinput, ...
    invalid = INVALID if errors else ""
    # After the class: the error's description, then `required`, as Django's widgets order them.
    required = mark_safe(
        (format_html(ARIA_INVALID, auto_id) if errors else "")
        + (REQUIRED if required_attribute else "")
    )
    error_list = _errors(auto_id, errors) if errors else ""
    if isinstance(widget, forms.CheckboxInput):
        checked = CHECKED if widget.check_test(value) else ""
        return format_html(
            '<div class="mb-3"> <div id="div_{id}" class="form-check"> <input type="checkbox" '
            'name="{name}" class="checkboxinput form-check-input{invalid}"{required} id="{id}"'
            '{checked}> <label for="{id}" class="form-check-label">{label}</label>{errors} '
            "</div> </div>",
            id=auto_id, name=html_name, invalid=invalid, required=required,
            checked=checked, label=field.label, errors=error_list,
        )  # fmt: skip
    if isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            " ",
            '<option value="{}"{}>{}</option>',
            (
                (choice, SELECTED if str(choice) == chosen else "", label)
                for choice, label in field.choices
            ),
        )
        control = format_html(
            '<select name="{}" class="select form-select{}"{} id="{}"> {}\n</select>',
            html_name, invalid, required, auto_id, options,
        )  # fmt: skip
    elif isinstance(widget, forms.Textarea):
        control = format_html(
            '<textarea name="{}" cols="{}" rows="{}" class="textarea form-control{}"{} id="{}">'
            "\n{}</textarea>",
            html_name, widget.attrs.get("cols", 40), widget.attrs.get("rows", 10),
            invalid, required, auto_id, "" if value is None else value,
        )  # fmt: skip
    else:
        shown = widget.format_value(value)
        # The field's own attributes (min, max, maxlength) are in widget.attrs since its init.
        attrs = {k: v for k, v in widget.attrs.items() if k not in ("type", "class", "required")}
        control = format_html(
            '<input type="{}" name="{}"{}{} class="{} form-control{}"{} id="{}">',
            widget.attrs.get("type", widget.input_type),
            html_name,
            "" if shown in (None, "") else format_html(' value="{}"', shown),
            format_html_join("", ' {}="{}"', attrs.items()),
            css,
            invalid,
            required,
            auto_id,
        )
    label = format_html(
        '<label for="{}" class="form-label{}">{}{}</label>',
        auto_id,
        " requiredField" if field.required else "",
        field.label,
        ASTERISK if field.required else "",
    )
    wrapper = '<div id="div_{}" class="mb-3">{} {}{}</div>'
    return format_html(wrapper, auto_id, label, control, error_list)
