from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("actions", views.ActionViewSet, basename="action")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("events", views.EventViewSet, basename="event")
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("target-groups", views.TargetGroupViewSet, basename="target-group")
router.register("places", views.PlaceViewSet, basename="place")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", views.documentation, name="documentation"),
    *router.urls,
]
