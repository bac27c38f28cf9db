from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from genk_rainbow import languages
from genk_rainbow.admin import BoundedDatesAdminMixin, PersonalDataUserAdmin
from genk_rainbow.images import CleanImageField

from .models import Activity, Invitation, Membership, Partner, PartnerKindIntro


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "kind", "in_rainbow_network"]
    list_filter = ["kind", "in_rainbow_network"]
    search_fields = languages.fields("name", "summary")
    prepopulated_fields = languages.prepopulated("slug", "name")
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.ImageField: {"form_class": CleanImageField},  # pixels only, no metadata
    }


@admin.register(PartnerKindIntro)
class PartnerKindIntroAdmin(TranslationAdmin):
    list_display = ["kind"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partner", "role", "created_at"]
    list_filter = ["role", "partner"]
    search_fields = ["user__email", *languages.fields("partner__name")]
    autocomplete_fields = ["user", "partner"]


class MemberSearchUserAdmin(PersonalDataUserAdmin):
    """The core app's user admin (erasure on delete, data export), plus one narrow opening:
    whoever may add or change memberships may search users in the membership form's user
    field. The search answers only id and email; the user list and forms (password hashes)
    stay closed without auth's own view permission, which city staff deliberately lack."""

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or (
            obj is None and self._membership_user_search(request)
        )

    @staticmethod
    def _membership_user_search(request):
        match = request.resolver_match
        return (
            match is not None
            and match.view_name == "admin:autocomplete"
            and request.GET.get("app_label") == Membership._meta.app_label
            and request.GET.get("model_name") == Membership._meta.model_name
            and request.GET.get("field_name") == "user"
            and (
                request.user.has_perm("partners.add_membership")
                or request.user.has_perm("partners.change_membership")
            )
        )


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), MemberSearchUserAdmin)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the workspace (which mails the link); here they are audited."""

    list_display = ["email", "partner", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "partner"]
    search_fields = ["email", *languages.fields("partner__name")]
    readonly_fields = [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Activity)
class ActivityAdmin(BoundedDatesAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "partner", "date", "status", "is_public"]
    list_filter = ["status", "is_public", "partner", "target_groups"]
    search_fields = ["title", "description", *languages.fields("partner__name")]
    date_hierarchy = "date"
    list_select_related = ["partner"]
    autocomplete_fields = ["partner", "related_action"]
    filter_horizontal = ["target_groups"]
    readonly_fields = ["created_by", "reviewed_by", "submitted_at", "reviewed_at"]
    formfield_overrides = {models.ImageField: {"form_class": CleanImageField}}
