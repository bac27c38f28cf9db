from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views, workspace

# No namespace: "home", "workspace" and "review_queue" are the site's own landmarks.
urlpatterns = [
    path("", views.home, name="home"),
    path(_("workspace/"), workspace.workspace, name="workspace"),
    path(_("workspace/review/"), workspace.review_queue, name="review_queue"),
    path(_("workspace/history/<str:kind>/<int:pk>/"), workspace.history, name="history"),
]
