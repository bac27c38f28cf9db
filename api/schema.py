"""The OpenAPI document names the city's site and the licence its identity gives (content,
editable by staff), not a setting fixed for every city."""

from genk_rainbow.identity import SiteIdentity


def city_identity(result, generator, request, public):
    if request is None:  # made without a request (manage.py check, spectacular): no database
        return result
    identity = SiteIdentity.current()
    if identity.city_name:
        result["info"]["title"] = f"{identity.name} – open data"
    result["info"]["license"] = {"name": identity.licence}
    return result
