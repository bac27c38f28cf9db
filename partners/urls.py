from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views, workspace

app_name = "partners"

urlpatterns = [
    path(_("partners/"), views.partner_list, name="list"),
    path(_("partners/<slug:slug>/"), views.partner_detail, name="detail"),
    path(_("invitation/<str:token>/"), workspace.accept_invitation, name="invitation"),
    path(_("workspace/activities/new/"), workspace.activity_create, name="activity_create"),
    path(_("workspace/activities/<int:pk>/"), workspace.activity_detail, name="activity_detail"),
    path(_("workspace/activities/<int:pk>/edit/"), workspace.activity_edit, name="activity_edit"),
    path(
        _("workspace/activities/<int:pk>/submit/"),
        workspace.activity_submit,
        name="activity_submit",
    ),
    path(
        _("workspace/activities/<int:pk>/review/"),
        workspace.activity_review,
        name="activity_review",
    ),
    path(_("workspace/partners/<slug:slug>/members/"), workspace.members, name="members"),
    path(
        _("workspace/partners/<slug:slug>/members/<int:pk>/role/"),
        workspace.member_role,
        name="member_role",
    ),
    path(
        _("workspace/partners/<slug:slug>/members/<int:pk>/remove/"),
        workspace.member_remove,
        name="member_remove",
    ),
    path(
        _("workspace/partners/<slug:slug>/invitations/<int:pk>/resend/"),
        workspace.invitation_resend,
        name="invitation_resend",
    ),
    path(
        _("workspace/partners/<slug:slug>/invitations/<int:pk>/revoke/"),
        workspace.invitation_revoke,
        name="invitation_revoke",
    ),
    path(_("workspace/partners/<slug:slug>/leave/"), workspace.leave, name="leave"),
]
