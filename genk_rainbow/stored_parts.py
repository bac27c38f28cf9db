"""Parts of pages kept until a table they were made from is written (generations.py).

`{% stored "name" %}…{% endstored %}` around a part of a page (or `part()` for a feed): made
once, kept in this process's memory (`PartStore`, bounded in bytes) with the tables its
request had read by the end of the part and those tables' generations from before the
request's first query, and served while every one of them is unchanged. A view that hands its
template lazy values (querysets, `SimpleLazyObject`) runs no query for a part served stored.

The key: who shares the part (its audience), the scheme, host and path, the query parameters
the view declares (@reads_query), the name, the language, the values given, and the local day
or, with `clock`, the current FRAGMENT_CLOCK_SECONDS (a list of what is upcoming changes with
the clock, not only with the tables). The audience: "everyone" on a page @same_for_everyone
(none for a request its `unless` names), the view's own `audience(user)` where some see more
(the members of the same partners), "staff" on a page @same_for_all_staff; a page with no
audience keeps nothing. Nothing is kept from a request with query parameters its view does not
read, or when the part holds a CSP nonce; a CSRF token is kept as a mark, each answer's own put
in its place: a part never holds what is one visitor's.

A part served stored adds its tables to the request's, so a part around it depends on them
too. `kept_value()` keeps a value the same way (the city's identity, staff membership).
"""

import re
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .generations import current_reads

# A part never keeps a CSRF token: a mark in its place, each answer's own put in when served.
CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*"')
CSRF_MARK = "<!--csrf-token-->"
# What is never shared between visitors: a CSP nonce (each answer's header names its own).
PERSONAL_MARKS = ("nonce=",)


def _personal(content):
    if isinstance(content, tuple | list):
        return any(_personal(item) for item in content)
    if isinstance(content, bytes):
        return any(mark.encode() in content for mark in PERSONAL_MARKS)
    return isinstance(content, str) and any(mark in content for mark in PERSONAL_MARKS)


def _page(request):
    """The part of a key every part of this page shares, or None: this page keeps none."""
    if not hasattr(request, "_stored_parts_page"):
        request._stored_parts_page = _page_key(request)
    return request._stored_parts_page


def same_for_all_staff(view):
    """Declare that a staff page (behind staff_required) is the same for all city staff: the
    parts of its page are kept for them all, apart from the public's."""
    view.parts_audience = lambda user: "staff"
    return view


def _audience(match, request):
    """Who shares this page's parts: the view's `audience` when it names one (those who see
    the same partners' activities), "everyone" (@same_for_everyone, unless its `unless`
    names this request), "staff" (@same_for_all_staff), or None: nobody."""
    audience = getattr(match.func, "parts_audience", None)
    if audience is not None:
        return audience(request.user)
    personal_when = getattr(match.func, "personal_when", None)
    if personal_when is not None:
        return None if personal_when(request, *match.args, **match.kwargs) else "everyone"
    return None


def _page_key(request):
    match = getattr(request, "resolver_match", None)
    names = getattr(match and match.func, "page_cache_query", None)
    # Only the parameters the view reads, and only from a request that sent no others: a
    # part's links (pagination) must not carry one visitor's made-up parameters to the next.
    if match is None or (request.GET and (names is None or not request.GET.keys() <= names)):
        return None
    audience = _audience(match, request)
    if audience is None:
        return None
    query = sorted(request.GET.lists())
    return f"{audience}:{request.scheme}://{request.get_host()}{request.path}?{query!r}"


def _key(page, name, vary, clock):
    moment = int(timezone.now().timestamp() // settings.FRAGMENT_CLOCK_SECONDS) if clock else None
    return repr((page, name, translation.get_language(), timezone.localdate(), moment, vary))


def _size(content):
    if isinstance(content, tuple | list):
        return sum(_size(item) for item in content)
    return len(content) if isinstance(content, str | bytes) else 64


class PartStore:
    """This process's parts, as they are (no copy: HTML and bytes do not change), the least
    recently served first out when they exceed FRAGMENT_CACHE_BYTES: many variants of a page
    (filters, pages, languages) cannot take the process's memory."""

    def __init__(self):
        self.lock = threading.Lock()
        self.parts = OrderedDict()
        self.size = 0

    def get(self, key):
        with self.lock:
            found = self.parts.get(key)
            if found is None:
                return None
            if found[0] <= time.monotonic():
                self._drop(key)
                return None
            self.parts.move_to_end(key)
            return found[1]

    def put(self, key, stored):
        size = _size(stored[2])
        if size > settings.FRAGMENT_CACHE_BYTES // 4:
            return
        with self.lock:
            if key in self.parts:
                self._drop(key)
            self.parts[key] = (time.monotonic() + settings.FRAGMENT_CACHE_SECONDS, stored, size)
            self.size += size
            while self.size > settings.FRAGMENT_CACHE_BYTES:
                self._drop(next(iter(self.parts)))

    def _drop(self, key):
        self.size -= self.parts.pop(key)[2]

    def clear(self):
        with self.lock:
            self.parts.clear()
            self.size = 0


part_store = PartStore()


def part(request, name, render, vary=(), clock=False):
    """The part `name` of this request's page: stored, or `render()` (and kept when it may).
    What `render` gives is kept as it is: HTML, a feed's bytes, a tuple of them."""
    reads = current_reads()
    page = _page(request) if request is not None and reads is not None else None
    if page is None or not settings.FRAGMENT_CACHE_SECONDS:
        return render()
    key = _key(page, name, tuple(vary), clock)
    stored = part_store.get(key)
    if stored is not None:
        tables, generations, content = stored
        if generations == reads.of(tables):
            reads.tables.update(tables)
            return _with_csrf_token(request, content)
    content = render()
    tables = tuple(sorted(reads.tables))
    generations = reads.of(tables)
    if generations is not None and not _personal(content):
        part_store.put(key, (tables, generations, _without_csrf_token(content)))
    return content


def _without_csrf_token(content):
    return CSRF_VALUE.sub(rf'\1{CSRF_MARK}"', content) if isinstance(content, str) else content


def _with_csrf_token(request, content):
    if isinstance(content, str) and CSRF_MARK in content:
        return mark_safe(content.replace(CSRF_MARK, get_token(request)))
    return content


def kept_value(name, make):
    """A value read from the database that many requests ask for (the city's identity on every
    page, whether a user is city staff), kept in this process like a part and served while no
    table its request had read by then is written. Outside a request: made each time."""
    reads = current_reads()
    if reads is None or not settings.FRAGMENT_CACHE_SECONDS:
        return make()
    key = ("value", name)
    stored = part_store.get(key)
    if stored is not None:
        tables, generations, value = stored
        if generations == reads.of(tables):
            reads.tables.update(tables)
            return value
    value = make()
    tables = tuple(sorted(reads.tables))
    generations = reads.of(tables)
    if generations is not None:
        part_store.put(key, (tables, generations, value))
    return value
