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
    return mark_safe("\n".join(_field(field) for field in fields))


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


def _errors(field):
    return format_html(
        ' <div id="{}_error" class="invalid-feedback">{}</div>',
        field.auto_id,
        format_html_join(
            " ",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((n, field.auto_id, error) for n, error in enumerate(field.errors, 1)),
        ),
    )


def _field(field):
    widget = field.field.widget
    css = type(widget).__name__.lower()  # crispy's class: textinput, dateinput, ...
    invalid = INVALID if field.errors else ""
    # After the class: the error's description, then `required`, as Django's widgets order them.
    required = mark_safe(
        (format_html(ARIA_INVALID, field.auto_id) if field.errors else "")
        + (REQUIRED if _required_attribute(field) else "")
    )
    errors = _errors(field) if field.errors else ""
    if isinstance(widget, forms.CheckboxInput):
        checked = CHECKED if widget.check_test(field.value()) else ""
        return format_html(
            '<div class="mb-3"> <div id="div_{id}" class="form-check"> <input type="checkbox" '
            'name="{name}" class="checkboxinput form-check-input{invalid}"{required} id="{id}"'
            '{checked}> <label for="{id}" class="form-check-label">{label}</label>{errors} '
            "</div> </div>",
            id=field.auto_id, name=field.html_name, invalid=invalid, required=required,
            checked=checked, label=field.label, errors=errors,
        )  # fmt: skip
    value = field.value()
    if isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            " ",
            '<option value="{}"{}>{}</option>',
            (
                (choice, SELECTED if str(choice) == chosen else "", label)
                for choice, label in field.field.choices
            ),
        )
        control = format_html(
            '<select name="{}" class="select form-select{}"{} id="{}"> {}\n</select>',
            field.html_name, invalid, required, field.auto_id, options,
        )  # fmt: skip
    elif isinstance(widget, forms.Textarea):
        control = format_html(
            '<textarea name="{}" cols="{}" rows="{}" class="textarea form-control{}"{} id="{}">'
            "\n{}</textarea>",
            field.html_name, widget.attrs.get("cols", 40), widget.attrs.get("rows", 10),
            invalid, required, field.auto_id, "" if value is None else value,
        )  # fmt: skip
    else:
        shown = widget.format_value(value)
        # The field's own attributes (min, max, maxlength) are in widget.attrs since its init.
        attrs = {k: v for k, v in widget.attrs.items() if k not in ("type", "class", "required")}
        control = format_html(
            '<input type="{}" name="{}"{}{} class="{} form-control{}"{} id="{}">',
            widget.attrs.get("type", widget.input_type),
            field.html_name,
            "" if shown in (None, "") else format_html(' value="{}"', shown),
            format_html_join("", ' {}="{}"', attrs.items()),
            css,
            invalid,
            required,
            field.auto_id,
        )
    label = format_html(
        '<label for="{}" class="form-label{}">{}{}</label>',
        field.auto_id,
        " requiredField" if field.field.required else "",
        field.label,
        ASTERISK if field.field.required else "",
    )
    return format_html(
        '<div id="div_{}" class="mb-3">{} {}{}</div>', field.auto_id, label, control, errors
    )
