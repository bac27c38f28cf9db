from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views, workspace

app_name = "actionplan"

urlpatterns = [
    path(_("action-plan/"), views.plan_detail, name="current_plan"),
    path(_("action-plan/<slug:slug>/"), views.plan_detail, name="plan"),
    path(_("action-plan/<slug:plan>/<slug:slug>/"), views.objective_detail, name="objective"),
    path(_("actions/<slug:slug>/"), views.action_detail, name="action"),
    path(_("focus/<int:year>/"), views.year_focus, name="focus"),
    path(_("workspace/progress/"), workspace.progress_board, name="progress_board"),
    path(_("workspace/progress/<int:pk>/"), workspace.record_progress, name="record_progress"),
    path(_("workspace/progress/<int:pk>/people/"), workspace.action_people, name="action_people"),
]
