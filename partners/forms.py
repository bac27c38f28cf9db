from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from genk_rainbow import languages
from genk_rainbow.forms import CrispyMixin
from genk_rainbow.images import CleanImageField

from .models import Activity, Invitation, Partner, Role

TITLE_IN = _("Title ({language})")
DESCRIPTION_IN = _("Description ({language})")


class ActivityForm(CrispyMixin, forms.ModelForm):
    language_tabs = ("title", "description")
    photo = CleanImageField(
        label=_("Photo"),
        required=False,
        help_text=_(
            "Optional. JPEG, PNG or WebP, at most 5 MB. Location and camera data are removed."
        ),
    )

    class Meta:
        model = Activity
        fields = [
            "partner",
            *languages.fields("title", "description"),
            "date",
            "related_action",
            "target_groups",
            "participants_count",
            "place",
            "photo",
            "photo_alt",
            "is_public",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **dict.fromkeys(languages.fields("description"), forms.Textarea(attrs={"rows": 6})),
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language's text, as staff write the plan; Dutch (the default) is required.
        for code, name in languages.published_names().items():
            for field, label in [("title", TITLE_IN), ("description", DESCRIPTION_IN)]:
                self.fields[languages.column(field, code)].label = languages.labelled(label, name)
            self.fields[languages.column("description", code)].help_text = ""
        for field in ["title", "description"]:
            self.fields[languages.default_field(field)].required = True
        self.fields[languages.default_field("description")].help_text = _(
            "What happened, for whom, with what result. Markdown."
        )
        self.fields["partner"].queryset = Partner.objects.of_member(user)
        self.fields["partner"].empty_label = None
        if self.instance.pk:  # an activity stays with the partner it was logged for
            self.fields["partner"].disabled = True
        actions = self.fields["related_action"].queryset
        self.fields["related_action"].queryset = actions.public().select_related("objective")
        self.fields["related_action"].label_from_instance = lambda action: (
            f"{action.objective.number}. {action.title}"
        )
        self.fields["participants_count"].widget.attrs["min"] = 0


class InvitationForm(CrispyMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.partner.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of %(partner)s.") % {
                "partner": self.partner.name
            })  # fmt: skip
        if Invitation.objects.pending().filter(partner=self.partner, email=email).exists():
            raise forms.ValidationError(_("An invitation to this address is still open."))
        return email


class AcceptInvitationForm(CrispyMixin, SetPasswordForm):
    """Choose a password for the new account; the email address is the invited one."""

    def __init__(self, invitation, *args, **kwargs):
        User = get_user_model()
        user = User(username=invitation.email[:150], email=invitation.email)
        super().__init__(user, *args, **kwargs)
