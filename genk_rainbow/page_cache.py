"""Whole-page cache for anonymous visitors (pages and feeds, each language at its own URL).

A request without a session (or messages) cookie is an anonymous visitor: a CSRF cookie left by
the sign-in page or any unknown cookie does not make a page personal. Its GET answer is stored
when it sets no cookie, carries no CSRF token (a token is one visitor's: a page with a form that
has one is never stored) and is not marked private, and is served to the next anonymous visitor.
Signed-in users always send their session cookie, so they never get (or fill) a cached page.

The middleware is the first in the stack: a stored page costs one cache round trip and no other
middleware. It stores the headers the whole stack gave the page (the CSP header whose nonces
are those in the stored HTML, the security headers, the ETag), keys it by scheme as well (an
http request still gets SecurityMiddleware's redirect), and answers 304 itself to a client
that has the stored version. Anonymous answers say how long shared caches (nginx, a CDN) may
keep them: `Cache-Control: public, max-age, s-maxage, stale-while-revalidate` (settings
PUBLIC_CACHE_*); signed-in pages are `private, no-store` (genk_rainbow/middleware.py).

Query strings: a view declares the parameters it reads (@reads_query("page")). The page is
stored under its path and those parameters alone, in a canonical order, and the view is given
only them: `?utm=1`, `?page=2&x=1` and `?x=1&page=2` are one page, and made-up parameters
neither bypass the cache nor fill it. A view that declares nothing is cached only when asked
without a query string.

Invalidation: a page is stored with the tables its request read and their generations
(genk_rainbow/generations.py: any SQL statement that writes a table, a save, a delete,
QuerySet.update(), bulk_create or raw SQL, gives it a new one, at once and again when its
transaction commits) and served while they are unchanged: a new event makes the agenda and
the home page stale at once, not the plan's pages or the partners; a notification, an
invitation or a session, which no public page reads, none.

Each process also keeps the pages it served in memory (LocalPages, bounded in bytes) and
trusts the generations it last read from the cache for PAGE_CACHE_LOCAL_SECONDS (1 s): a
page served again within that second costs no round trip at all. The process that saved a
change knows at once; other processes and servers see it within that second, as they would
behind nginx's micro-cache. The Redis round trip was a third of a stored page's cost on the
2-core machine, more than the minimal Django view's whole work (docs/performance.md).
"""

import re
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from . import generations as gens

KEY_FORMAT = 4  # stored pages are StoredPage tuples


class StoredPage(NamedTuple):
    tables: tuple  # what its request read
    generations: tuple  # theirs when it began (generations.of)
    expires: float
    status: int
    headers: list
    content: bytes
    gzipped: bytes | None  # the same, compressed (an HTML page or feed of some size)

    def fresh(self, generations):
        return self.expires > time.time() and gens.of(generations, self.tables) == self.generations


def reads_query(*names):
    """Declare the query parameters a public view reads (see the module's docstring)."""

    def declare(view):
        view.page_cache_query = frozenset(names)
        return view

    return declare


def canonical_query(request):
    """The query string of the parameters the view reads, sorted; None: not cacheable."""
    if not request.META.get("QUERY_STRING"):
        return ""  # nothing to choose from: no need to find the view (a tenth of a stored page)
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


class LocalPages:
    """This process's copies of the stored pages it served (served while the generations it
    last read are trusted: generations.recent_snapshot). Least recently served pages go first
    when the copies exceed PAGE_CACHE_LOCAL_BYTES."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pages = OrderedDict()
        self.size = 0

    def get(self, key, generations):
        with self.lock:
            stored = self.pages.get(key)
            if stored is None or not stored.fresh(generations):
                return None
            self.pages.move_to_end(key)
            return stored

    def put(self, key, stored):
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        if not settings.PAGE_CACHE_LOCAL_SECONDS or len(stored.content) > limit // 4:
            return
        with self.lock:
            old = self.pages.pop(key, None)
            self.size += len(stored.content) - (len(old.content) if old else 0)
            self.pages[key] = stored
            while self.size > limit:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped.content)

    def forget(self):
        with self.lock:
            self.pages.clear()
            self.size = 0
        gens.forget_recent()


local_pages = LocalPages()


def content_changed():
    """Make every stored page (and every stored part of a page) stale: a new epoch."""
    gens.forget_all()


def is_personal(request):
    """Whether the request may be a signed-in user's or carry their messages: a session or
    messages cookie. Other cookies (CSRF, a language choice, unknown ones) do not count."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or (
        CookieStorage.cookie_name in request.COOKIES
    )


def _shareable(request, response):
    """Whether an answer to an anonymous request is the same for every visitor."""
    cache_control = response.get("Cache-Control", "")
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return (
        response.status_code in (200, 304)
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token is on the page
        and "private" not in cache_control
        and "no-store" not in cache_control
        and vary <= {"cookie"}
    )


def _public(response):
    if "Cache-Control" not in response:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PUBLIC_CACHE_MAX_AGE,
            s_maxage=settings.PUBLIC_CACHE_S_MAXAGE,
            stale_while_revalidate=settings.PUBLIC_CACHE_STALE_WHILE_REVALIDATE,
        )
    return response


GZIP_TYPES = ("text/", "application/xml", "application/atom+xml", "application/rss+xml")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _gzipped(response):
    """The body gzipped, for an answer that is the same for everyone: it holds no secret (no
    CSRF token, nobody's data), so compressing it gives BREACH nothing to guess."""
    if len(response.content) < 200 or response.has_header("Content-Encoding"):
        return None
    if not response.get("Content-Type", "").startswith(GZIP_TYPES):
        return None
    return compress_string(response.content)


def _accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _mark_gzipped(response):
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    etag = response.get("ETag", "")
    if etag.startswith('"'):  # the compressed bytes differ: the same page, a weak ETag
        response["ETag"] = "W/" + etag


def _answer(request, stored):
    """A stored page as the answer: compressed for a client that takes gzip."""
    gzip = stored.gzipped is not None and _accepts_gzip(request)
    response = HttpResponse(stored.gzipped if gzip else stored.content, status=stored.status)
    for name, value in stored.headers:
        response[name] = value
    if gzip:
        _mark_gzipped(response)
    return response


def _has_nul(request):
    return "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "")


def page_key(request, query):
    return f"page:{KEY_FORMAT}:{request.scheme}:{request.get_host()}:{request.path}?{query}"


def find_stored(key, copies=True):
    """(generations, stored page or None): from this process's copies while it trusts the
    generations it read, else (or with copies=False: a signed-in user, who must see their own
    change at once) from the cache with every table's generation in one round trip.
    Generations None: the cache is new or does not answer, and nothing may be stored."""
    generations = gens.recent_snapshot(settings.PAGE_CACHE_LOCAL_SECONDS) if copies else None
    stored = None if generations is None else local_pages.get(key, generations)
    if stored is not None:
        return generations, stored
    generations, found = gens.read_snapshot(key)
    stored = found.get(key)
    if generations is None or not isinstance(stored, StoredPage) or not stored.fresh(generations):
        return generations, None
    local_pages.put(key, stored)
    return generations, stored


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_personal(request) or _has_nul(request):
            return self.get_response(request)
        seconds = settings.PAGE_CACHE_SECONDS
        query = canonical_query(request) if seconds and request.method == "GET" else None
        if query is None:
            return self._finish(request, self.get_response(request))
        request.GET = QueryDict(query)  # the view sees what the stored page is keyed on
        key = page_key(request, query)
        generations, stored = find_stored(key)
        if stored:
            return self._conditional(request, _answer(request, stored))
        request.generations = generations  # read before anything: the page's (generations.py)
        response = self.get_response(request)
        if generations is None or response.status_code != 200 or not _shareable(request, response):
            return self._finish(request, response)
        _public(response)
        patch_vary_headers(response, ["Accept-Encoding"])
        tables = tuple(sorted(request.reads.tables))
        stored = StoredPage(
            tables, request.reads.of(tables), time.time() + seconds, 200,
            list(response.headers.items()), response.content, _gzipped(response),
        )  # fmt: skip
        _cache().set(key, stored, seconds)
        local_pages.put(key, stored)
        return _answer(request, stored)

    @staticmethod
    def _finish(request, response):
        """A page not stored: shared caches may keep it if it is the same for everyone, and
        then it is compressed too (it carries no secret)."""
        if not _shareable(request, response):
            return response
        _public(response)
        patch_vary_headers(response, ["Accept-Encoding"])
        gzipped = _gzipped(response) if _accepts_gzip(request) else None
        if gzipped is not None:
            response.content = gzipped
            _mark_gzipped(response)
        return response

    @staticmethod
    def _conditional(request, response):
        """304 Not Modified for a client that has the stored version (ConditionalGetMiddleware
        does this for pages made afresh; it is inside this one)."""
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response.get("ETag"), last_modified=last_modified, response=response
        )
