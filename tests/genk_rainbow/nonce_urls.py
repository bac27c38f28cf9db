"""Pages for the page cache's tests: one with a nonced script (no page of the site has one yet,
but the CSP allows them), one with a form and its CSRF token that sends no Cache-Control."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from genk_rainbow.page_cache import reads_query


@reads_query()
def nonced(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}">let a = 1;</script>')


@reads_query()
def form(request):
    token = get_token(request)
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{token}">')


urlpatterns = i18n_patterns(path("nonced/", nonced), path("form/", form))
