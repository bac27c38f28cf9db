from django.utils.functional import SimpleLazyObject

from .identity import SiteIdentity


def identity(request):
    """`identity` in every template: the portal's names and the city's contact block."""
    return {"identity": SimpleLazyObject(SiteIdentity.current)}
