"""Signed-in pages about the person's own account: their data (GDPR art. 15) and closing the
account with erasure (art. 17). Both ask for the password again (allauth's reauthentication),
as changing the email address does: a borrowed signed-in browser must not hand them out."""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import privacy, security_log
from .forms import CrispyMixin
from .notifications import MailSettings


class MailSettingsForm(CrispyMixin, forms.ModelForm):
    language = forms.ChoiceField(label=gettext_lazy("Language of emails"))

    class Meta:
        model = MailSettings
        fields = ["language", "optional_mails"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


class EraseAccountForm(CrispyMixin, forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my account, my memberships and everything that names me will be "
            "deleted, and that this cannot be undone."
        ),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )


def _my_data_page(request, form, status=200):
    return render(request, "account/my_data.html", {"form": form}, status=status)


@login_required
def my_data(request):
    return _my_data_page(request, EraseAccountForm())


@require_POST
@login_required
@reauthentication_required
def my_data_download(request):
    security_log.personal_data_exported(request, request.user)
    return zip_response(request.user)


@require_POST
@login_required
@reauthentication_required
def erase_account(request):
    form = EraseAccountForm(request.POST)
    if not form.is_valid():
        return _my_data_page(request, form, status=400)
    user = request.user
    security_log.account_erased(request, user)
    logout(request)
    privacy.erase(user)
    messages.success(request, _("Your account and everything that named you have been deleted."))
    return redirect("home")


@login_required
def notifications(request):
    """The person's notifications, newest first (opening the page marks them read), and their
    email settings."""
    form = MailSettingsForm(request.POST or None, instance=MailSettings.of(request.user))
    if form.is_valid():
        form.save()
        messages.success(request, _("Your email settings were saved."))
        return redirect("notifications")
    mine = request.user.notifications.all()
    latest = list(mine[:50])
    mine.mark_read()
    return render(request, "account/notifications.html", {"form": form, "notifications": latest})


def zip_response(user):
    response = HttpResponse(privacy.export_zip(user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{privacy.export_filename(user)}"'
    return response
