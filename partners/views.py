from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from genk_rainbow import languages
from genk_rainbow.page_cache import reads_query
from genk_rainbow.pagination import page_of
from genk_rainbow.shared_pages import same_for_everyone
from genk_rainbow.slugs import get_by_slug

from .jsonld import partner_jsonld
from .models import KIND_HEADINGS, Activity, Partner, PartnerKind, PartnerKindIntro

PER_KIND = 12  # on the overview; the real city has at most 8 partners of one kind
PAGE_SIZE = 24  # on the page of one kind
DETAIL_PAGE_SIZE = 10  # activities on a partner's page


@same_for_everyone()
@reads_query("kind", "page")
def partner_list(request):
    """Partners grouped by kind, in the vocabulary's order; a kind is shown when it has
    partners or an introduction (the seed names care homes and youth organisations as kinds).
    The overview shows the first PER_KIND of each kind; `?kind=` lists one kind, paginated."""
    kind = request.GET.get("kind")
    kind = kind if kind in PartnerKind.values else None
    # Read when the page's part is made, not when it is served stored (stored_parts.py).
    listing = SimpleLazyObject(lambda: _listing(request, kind))
    return render(request, "partners/partner_list.html", {"listing": listing, "kind": kind})


def _listing(request, kind):
    intros = {intro.kind: intro.intro for intro in PartnerKindIntro.objects.all()}
    counts = Partner.objects.count_per_kind()
    if kind:
        page, _query = page_of(request, Partner.objects.filter(kind=kind), PAGE_SIZE)
        return {"groups": [_group(kind, intros, list(page), counts)], "page": page}
    by_kind = {kind: [] for kind in PartnerKind.values}
    for partner in Partner.objects.first_of_each_kind(PER_KIND):
        by_kind[partner.kind].append(partner)
    groups = [
        _group(kind, intros, partners, counts)
        for kind, partners in by_kind.items()
        if partners or intros.get(kind)
    ]
    return {"groups": groups, "page": None}


def _group(kind, intros, partners, counts):
    return {
        "kind": kind,
        "label": KIND_HEADINGS[kind],
        "intro": intros.get(kind, ""),
        "partners": partners,
        "total": counts.get(kind, 0),
    }


def _sees_internal_activities(request, slug):
    """Staff and the partner's members see its internal activities."""
    return Activity.objects.shown_beyond_public(
        request.user, languages.any_of("partner__slug", slug)
    )


@same_for_everyone(unless=_sees_internal_activities, audience=Activity.objects.audience_of)
@reads_query("activities")
def partner_detail(request, slug):
    partner, redirect = get_by_slug(Partner.objects.all(), slug)
    if redirect:
        return redirect
    led_actions = partner.led_actions.public().select_related("objective__plan")
    roles = (
        partner.action_roles.filter(action__is_public=True)
        .select_related("action__objective__plan")
        .order_by("action__objective__number", "action__identifier")
    )
    # Activities pile up over the years: a page at a time, newest first.
    activities, activities_query = page_of(
        request,
        Activity.objects.accepted()
        .visible_to(request.user)
        .filter(partner=partner)
        .select_related("related_action"),
        DETAIL_PAGE_SIZE,
        "activities",
        count=False,
    )
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "object": partner,
            "led_actions": led_actions,
            "roles": roles,
            "activities": activities,
            "activities_query": activities_query,
            "events": SimpleLazyObject(lambda: partner.events.upcoming(5)),
            "jsonld": SimpleLazyObject(lambda: partner_jsonld(partner, request.build_absolute_uri)),
        },
    )
