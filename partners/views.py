from itertools import groupby

from django.shortcuts import render

from genk_rainbow.slugs import get_by_slug

from .models import Partner, PartnerKind, PartnerKindIntro


def partner_list(request):
    intros = {intro.kind: intro.intro for intro in PartnerKindIntro.objects.all()}
    partners = sorted(Partner.objects.all(), key=lambda p: PartnerKind.values.index(p.kind))
    by_kind = {kind: list(group) for kind, group in groupby(partners, key=lambda p: p.kind)}
    groups = [
        {
            "kind": kind,
            "label": label,
            "intro": intros.get(kind, ""),
            "partners": by_kind.get(kind, []),
        }
        for kind, label in PartnerKind.choices
        if kind in by_kind or intros.get(kind)
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
    return render(
        request,
        "partners/partner_detail.html",
        {"partner": partner, "object": partner, "led_actions": led_actions, "roles": roles},
    )
