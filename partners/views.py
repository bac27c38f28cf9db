from django.shortcuts import render

from genk_rainbow.slugs import get_by_slug

from .models import KIND_HEADINGS, Activity, Partner, PartnerKind, PartnerKindIntro


def partner_list(request):
    """All partners grouped by kind, in the vocabulary's order; a kind is shown when it has
    partners or an introduction (the seed names care homes and youth organisations as kinds)."""
    intros = {intro.kind: intro.intro for intro in PartnerKindIntro.objects.all()}
    by_kind = {kind: [] for kind in PartnerKind.values}
    for partner in Partner.objects.all():
        by_kind[partner.kind].append(partner)
    groups = [
        {
            "kind": kind,
            "label": KIND_HEADINGS[kind],
            "intro": intros.get(kind, ""),
            "partners": partners,
        }
        for kind, partners in by_kind.items()
        if partners or intros.get(kind)
    ]
    return render(request, "partners/partner_list.html", {"groups": groups})


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
    activities = (
        Activity.objects.accepted()
        .visible_to(request.user)
        .filter(partner=partner)
        .select_related("related_action")
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
            "events": partner.events.upcoming(5),
        },
    )
