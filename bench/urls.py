from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import urlpatterns as site_urlpatterns


@never_cache  # the yardstick: Django's full middleware stack and a fixed answer, never stored
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-bare/", bare), *site_urlpatterns]
