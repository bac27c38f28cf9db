from django.utils.functional import SimpleLazyObject

from .identity import SiteIdentity


def identity(request):
    """`identity` in every template: the portal's names and the city's contact block."""
    known = getattr(request, "identity", None)  # read already when not in the default language
    return {"identity": known if known is not None else SimpleLazyObject(SiteIdentity.current)}
