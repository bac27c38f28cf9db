from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views, workspace

app_name = "reports"

urlpatterns = [
    path(_("action-plan/<slug:plan>/report/<int:year>/"), views.report, name="year"),
    path(
        _("action-plan/<slug:plan>/report/<int:year>/<slug:objective>/"),
        views.objective_report,
        name="objective",
    ),
    path(_("action-plan/<slug:plan>/report/evaluation/"), views.evaluation, name="evaluation"),
    path(_("action-plan/<slug:plan>/rainbow-cities/<int:year>/"), views.network, name="network"),
    path(
        _("action-plan/<slug:plan>/rainbow-cities/<int:year>.csv"),
        views.network_csv,
        name="network_csv",
    ),
    path(
        _("action-plan/<slug:plan>/report/evaluation/<str:table>.<str:fmt>"),
        views.evaluation_export,
        name="evaluation_export",
    ),
    path(
        _("workspace/report/<slug:plan>/<int:year>/freeze/"),
        workspace.freeze_report,
        name="freeze",
    ),
    path(_("workspace/export/<str:dataset>.<str:fmt>"), workspace.export, name="export"),
    path(_("workspace/import/progress/"), workspace.import_progress, name="import_progress"),
    path(
        _("workspace/import/indicator-values/"),
        workspace.import_indicator_values,
        name="import_indicator_values",
    ),
]
