"""Form pieces every app uses."""

from crispy_forms.helper import FormHelper


class CrispyMixin:
    """Render with crispy-forms' Bootstrap 5 layout; the template supplies <form> and buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
