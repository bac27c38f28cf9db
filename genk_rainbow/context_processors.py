from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .identity import SiteIdentity


def identity(request):
    """`identity` in every template: the portal's names and the city's contact block."""
    known = getattr(request, "identity", None)  # read already when not in the default language
    return {"identity": known if known is not None else SimpleLazyObject(SiteIdentity.current)}


def fragments(request):
    """`fragment_seconds` for {% cache fragment_seconds ... using="fragments" %}: how long a
    part of a page is kept under the version of what it shows (0: never; the tests' default)."""
    return {"fragment_seconds": settings.FRAGMENT_CACHE_SECONDS}
