"""Whole-page cache for anonymous visitors (pages and feeds, each language at its own URL).

A request without any cookie is an anonymous visitor: its GET answer is stored when it sets no
cookie and is not marked private, and served to the next cookie-less visitor. Signed-in users
always send their session cookie, so they never get (or fill) a cached page.

Query strings: a view declares the parameters it reads (@reads_query("page")). The page is
stored under its path and those parameters alone, in a canonical order, and the view is given
only them: `?utm=1`, `?page=2&x=1` and `?x=1&page=2` are one page, and made-up parameters
neither bypass the cache nor fill it. A view that declares nothing is cached only when asked
without a query string.

Invalidation: every stored page carries the cache "generation" it was made in; saving or
deleting content bumps the generation (content_changed, connected in apps.py), so every page
made before the change is stale at once. Changes made with QuerySet.update() send no signal
and must call content_changed() themselves.
"""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve

GENERATION_KEY = "page-generation"
# Apps whose models appear on public pages.
CONTENT_APPS = {"actionplan", "indicators", "partners", "events", "reports", "genk_rainbow"}


def reads_query(*names):
    """Declare the query parameters a public view reads (see the module's docstring)."""

    def declare(view):
        view.page_cache_query = frozenset(names)
        return view

    return declare


def _canonical_query(request):
    """The query string of the parameters the view reads, sorted; None: not cacheable."""
    try:
        names = getattr(resolve(request.path_info).func, "page_cache_query", None)
    except Resolver404:
        return None
    if names is None:
        return "" if not request.GET else None
    query = QueryDict(mutable=True)
    for name in sorted(names & request.GET.keys()):
        query.setlist(name, request.GET.getlist(name))
    return query.urlencode()


def _cache():
    return caches["pages"]


def content_changed(**kwargs):
    """Signal receiver: make every cached page stale (one counter increment)."""
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.app_label not in CONTENT_APPS:
        return
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(GENERATION_KEY, 1, None)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method != "GET" or request.COOKIES:
            return self.get_response(request)
        query = _canonical_query(request)
        if query is None:
            return self.get_response(request)
        request.GET = QueryDict(query)  # the view sees what the stored page is keyed on
        cache = _cache()
        key = f"page:{request.get_host()}:{request.path}?{query}"
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY, 0)
        stored = found.get(key)
        if stored and stored[0] == generation:
            _, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if self._storable(response):
            headers = [(k, v) for k, v in response.headers.items()]
            cache.set(key, (generation, response.status_code, headers, response.content), seconds)
        return response

    @staticmethod
    def _storable(response):
        cache_control = response.get("Cache-Control", "")
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and vary <= {"cookie"}
        )
