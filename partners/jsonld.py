"""schema.org Organization (GovernmentOrganization for the city's own services and other
cities) as JSON-LD on a partner's page."""

import json

from .models import PartnerKind

GOVERNMENT = {PartnerKind.CITY_SERVICE, PartnerKind.OTHER_CITY}


def partner_jsonld(partner, build_absolute_uri):
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization" if partner.kind in GOVERNMENT else "Organization",
        "name": partner.name,
        "url": build_absolute_uri(partner.get_absolute_url()),
    }
    if partner.summary:
        data["description"] = partner.summary
    if partner.website:
        data["sameAs"] = [partner.website]
    if partner.logo:
        data["logo"] = build_absolute_uri(partner.logo.url)
    contact = partner.public_contact.strip()
    if "@" in contact and " " not in contact:
        data["email"] = contact
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
