from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views, workspace

app_name = "indicators"

urlpatterns = [
    path(_("indicators/"), views.indicator_list, name="list"),
    path(_("indicators/<slug:slug>/"), views.indicator_detail, name="detail"),
    path(_("workspace/indicators/"), workspace.board, name="board"),
    path(_("workspace/indicators/<int:pk>/value/"), workspace.record_value, name="record_value"),
    path(_("workspace/indicators/<int:pk>/target/"), workspace.set_target, name="set_target"),
]
