"""Signed-in users on public pages: the stored page, with their own parts put in.

A public page is the same for everyone but for a few parts of the layout: the signed-in
navigation (the workspace, signing out with its CSRF token), the messages and the footer's
sign-in link. The layout marks each of them ({% personal "includes/personal/nav.html" %}).
For a view declared @same_for_everyone, a signed-in user gets the page the anonymous page
cache stored, with each marked part rendered for them: a few milliseconds instead of the
whole page, so signed-in partners and staff do not queue behind the server's workers. When
nothing is stored the page is made afresh as before (and not stored: it has their parts).

A view whose page shows some signed-in users more than the public (staff and a partner's
members see the partner's internal activities) says when in `unless(request, **kwargs)`;
tests/genk_rainbow/test_shared_pages.py compares every such page as made for an anonymous
visitor, a partner member and staff.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.safestring import mark_safe

from .page_cache import canonical_query, find_stored, page_key

PARTS = frozenset(f"includes/personal/{part}.html" for part in ("nav", "messages", "footer"))
MARKED = re.compile(r"<!--personal:([\w/.]+)-->.*?<!--/personal-->", re.DOTALL)
# What a stored page's headers say about its content; the rest the stack gives this answer.
CONTENT_HEADERS = {"content-type", "content-language", "content-security-policy"}


def same_for_everyone(unless=None, audience=None):
    """Declare that a public view's page is the same for every user but for the marked parts
    (or, with `unless`, but for the requests it names). `audience(user)`, for a page some
    see more of, names who see the same as this user (stored_parts.py keeps the parts of the
    page per audience)."""

    def declare(view):
        view.personal_when = unless or (lambda request, *args, **kwargs: False)
        view.parts_audience = audience
        return view

    return declare


def marked(name, html):
    return mark_safe(f"<!--personal:{name}-->{html}<!--/personal-->")


def personal_parts(request, html):
    """The page with each marked part rendered for this request."""

    def render(match):
        name = match[1]
        return marked(name, render_to_string(name, request=request)) if name in PARTS else match[0]

    return MARKED.sub(render, html)


class SharedPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._from_stored_page(request) if self._applies(request) else None
        return response or self.get_response(request)

    @staticmethod
    def _applies(request):
        return (
            request.method == "GET"
            and settings.PAGE_CACHE_SECONDS
            and request.user.is_authenticated
        )

    @staticmethod
    def _from_stored_page(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        personal_when = getattr(match.func, "personal_when", None)
        query = canonical_query(request) if personal_when else None
        if query is None:
            return None
        # Never a copy trusted for a second: they may have just saved a change elsewhere.
        _, stored = find_stored(page_key(request, query), copies=False)
        if stored is None or personal_when(request, *match.args, **match.kwargs):
            return None
        response = HttpResponse(
            personal_parts(request, stored.content.decode()), status=stored.status
        )
        for name, value in stored.headers:
            if name.lower() in CONTENT_HEADERS:
                response[name] = value
        return response
