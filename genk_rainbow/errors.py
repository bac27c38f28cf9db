"""Error pages that need neither the database nor a session: they are shown when the input
cannot be read or when the database does not answer, in the visitor's language."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error


def _language(request):
    return translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)


def plain_error(request, status, title, message):
    """A static page (no database query, no cookie) with a status and one message."""
    with translation.override(_language(request)):
        content = loader.render_to_string(
            "errors/plain.html", {"title": title(), "message": message()}
        )
    response = HttpResponse(content, status=status)
    response["Cache-Control"] = "no-store"
    if status == 503:
        response["Retry-After"] = "30"
    return response


def bad_input(request):
    return plain_error(
        request,
        400,
        lambda: _("Invalid request"),
        lambda: _(
            "The address or the form contains characters that cannot be read (such as a "
            "null character). Go back and try again without them."
        ),
    )


def server_error(request):
    """handler500: a database that does not answer is a 503 "try again soon", not a crash."""
    # psycopg2 and sqlite3 raise these when the server is gone, the connection broke or a
    # query ran out of time; a wrong query (IntegrityError, ProgrammingError) stays a 500.
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return plain_error(
            request,
            503,
            lambda: _("Temporarily unavailable"),
            lambda: _(
                "The portal cannot reach its database right now. Nothing you saved is lost; "
                "please try again in a few minutes."
            ),
        )
    return django_server_error(request)
