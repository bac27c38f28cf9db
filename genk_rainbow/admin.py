from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import languages, privacy, security_log
from .bounds import FIRST_YEAR, LAST_YEAR, query_dates_in_range
from .images import CleanImageField
from .models import Page, SiteIdentity
from .workspace import zip_response


class BoundedDatesAdminMixin:
    """The admin's date filters and drill-down convert or add to the chosen date, which
    overflows at the ends of the calendar (a 500 for ?start__year=9999&start__month=12&
    start__day=31 or ?sent_at__gte=0001-01-01): such a list gets a message and no filter."""

    def changelist_view(self, request, extra_context=None):
        if not query_dates_in_range(request.GET):
            messages.error(
                request,
                _("Choose a year between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return redirect(request.path)
        return super().changelist_view(request, extra_context)


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "key", "updated_at"]
    search_fields = languages.fields("title", "body")


@admin.register(SiteIdentity)
class SiteIdentityAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """One row: the portal's names and the city's contact block (footer, contact page)."""

    formfield_overrides = {models.ImageField: {"form_class": CleanImageField}}

    def has_add_permission(self, request):
        return not SiteIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class PersonalDataUserAdmin(UserAdmin):
    """Deleting an account here is the erasure of GDPR art. 17 (genk_rainbow.privacy.erase):
    a plain delete would leave invitations to the address, history rows and the admin's log
    naming the person. The export action answers a request under art. 15."""

    actions = ["export_personal_data"]

    def delete_model(self, request, obj):
        security_log.account_erased(request, obj)
        privacy.erase(obj)

    def delete_queryset(self, request, queryset):
        for user in queryset:
            self.delete_model(request, user)

    @admin.action(description=_("Download the person's data (ZIP)"), permissions=["view"])
    def export_personal_data(self, request, queryset):
        if len(queryset) != 1:
            self.message_user(request, _("Select exactly one account."), messages.WARNING)
            return None
        user = queryset.get()
        security_log.personal_data_exported(request, user)
        return zip_response(user)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), PersonalDataUserAdmin)


class ReadOnlySecretAuthenticatorAdmin(AuthenticatorAdmin):
    """allauth's admin offered an authenticator's `data` (its encrypted secret, as JSON) for
    editing: nobody types or reads it here. Removing a lost authenticator stays possible."""

    exclude = ["data"]


admin.site.unregister(Authenticator)
admin.site.register(Authenticator, ReadOnlySecretAuthenticatorAdmin)
