"""The permission matrix: every URL of the project, for every kind of visitor.

A URL pattern that is not in MATRIX fails `test_every_url_is_in_the_matrix`. Another partner's
object answers 404 (its existence is not confirmed); a page for a role you do not have, 403;
a page that needs an account sends an anonymous visitor to sign in (302).
"""

import datetime
import re

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from events.models import OccurrenceOverride, Publication
from genk_rainbow.middleware import MFA_SETUP_VIEWS
from partners.models import Activity, ActivityStatus, Invitation, Membership, Role
from tests.factories import (
    ActionFactory,
    EventFactory,
    IndicatorFactory,
    PageFactory,
    PartnerFactory,
    PlaceFactory,
    StaffUserFactory,
    TargetGroupFactory,
    UserFactory,
    YearFocusFactory,
)

ROLES = ["anonymous", "member_a", "admin_a", "member_b", "staff", "superuser"]
PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {"anonymous": 302} | dict.fromkeys(ROLES[1:], 200)
ANONYMOUS_ONLY = {"anonymous": 200} | dict.fromkeys(ROLES[1:], 302)


def expect(anonymous, member_a, admin_a, member_b, staff, superuser):
    return dict(zip(ROLES, [anonymous, member_a, admin_a, member_b, staff, superuser], strict=True))


# name: (kwargs from the world, method, POST data, expected status per role)
MATRIX = {
    "home": ({}, "get", None, PUBLIC),
    "robots_txt": ({}, "get", None, PUBLIC),
    "sitemap": ({}, "get", None, PUBLIC),
    "pages:about": ({}, "get", None, PUBLIC),
    "pages:help": ({}, "get", None, PUBLIC),
    "pages:contact": ({}, "get", None, PUBLIC),
    "pages:privacy": ({}, "get", None, PUBLIC),
    "pages:accessibility": ({}, "get", None, PUBLIC),
    "actionplan:current_plan": ({}, "get", None, PUBLIC),
    "actionplan:plan": (lambda w: {"slug": w["plan"].slug}, "get", None, PUBLIC),
    "actionplan:objective": (
        lambda w: {"plan": w["plan"].slug, "slug": w["action"].objective.slug},
        "get",
        None,
        PUBLIC,
    ),
    "actionplan:action": (lambda w: {"slug": w["action"].slug}, "get", None, PUBLIC),
    "search:results": ({}, "get", None, PUBLIC),
    "actionplan:focus": (lambda w: {"year": w["focus"].year}, "get", None, PUBLIC),
    "partners:list": ({}, "get", None, PUBLIC),
    "partners:detail": (lambda w: {"slug": w["partner_a"].slug}, "get", None, PUBLIC),
    "partners:invitation": (
        # The token moves into the session and everyone goes on to .../accept/ (without it);
        # tests/partners/test_invitations.py follows each role there.
        lambda w: {"token": w["token"]},
        "get",
        None,
        dict.fromkeys(ROLES, 302),
    ),
    "workspace": ({}, "get", None, SIGNED_IN),
    # A person's own data: the download and the erasure ask for the password again first.
    "my_data": ({}, "get", None, SIGNED_IN),
    "notifications": ({}, "get", None, SIGNED_IN),
    "my_data_download": ({}, "post", {}, dict.fromkeys(ROLES, 302)),
    "erase_account": ({}, "post", {"confirm": "on"}, dict.fromkeys(ROLES, 302)),
    "partners:activity_create": ({}, "get", None, expect(302, 200, 200, 200, 403, 403)),
    "partners:activity_detail": (
        lambda w: {"pk": w["draft_a"].pk},
        "get",
        None,
        expect(302, 200, 200, 404, 200, 200),
    ),
    "partners:activity_edit": (
        lambda w: {"pk": w["draft_a"].pk},
        "get",
        None,
        expect(302, 200, 200, 404, 404, 404),
    ),
    "partners:activity_submit": (
        lambda w: {"pk": w["draft_a"].pk},
        "post",
        {},
        expect(302, 302, 302, 404, 404, 404),
    ),
    "partners:activity_review": (
        lambda w: {"pk": w["submitted_a"].pk},
        "post",
        {"decision": "accept"},
        expect(302, 403, 403, 403, 302, 302),
    ),
    "review_queue": ({}, "get", None, expect(302, 403, 403, 403, 200, 200)),
    "partners:members": (
        lambda w: {"slug": w["partner_a"].slug},
        "get",
        None,
        expect(302, 404, 200, 404, 200, 200),
    ),
    "events:agenda": ({}, "get", None, PUBLIC),
    "events:archive": ({}, "get", None, PUBLIC),
    "events:month": ({"year": 2027, "month": 5}, "get", None, PUBLIC),
    "events:calendar": ({}, "get", None, PUBLIC),
    "events:group_calendar": (lambda w: {"group": w["group"].code}, "get", None, PUBLIC),
    "events:rss": ({}, "get", None, PUBLIC),
    "events:atom": ({}, "get", None, PUBLIC),
    "events:partner_rss": (lambda w: {"partner": w["partner_a"].slug}, "get", None, PUBLIC),
    "events:partner_atom": (lambda w: {"partner": w["partner_a"].slug}, "get", None, PUBLIC),
    "events:action_rss": (lambda w: {"action": w["action"].slug}, "get", None, PUBLIC),
    "events:action_atom": (lambda w: {"action": w["action"].slug}, "get", None, PUBLIC),
    "events:detail": (lambda w: {"slug": w["published_event"].slug}, "get", None, PUBLIC),
    "events:ics": (lambda w: {"slug": w["published_event"].slug}, "get", None, PUBLIC),
    "events:places": ({}, "get", None, PUBLIC),
    # a place only a proposed event uses is a 404 for everyone: tests/events/test_places.py
    "events:place": (lambda w: {"slug": w["place"].slug}, "get", None, PUBLIC),
    "events:create": ({}, "get", None, SIGNED_IN),
    "events:workspace_detail": (
        lambda w: {"pk": w["proposed_a"].pk},
        "get",
        None,
        expect(302, 200, 200, 404, 200, 200),
    ),
    "events:preview": (
        lambda w: {"pk": w["proposed_a"].pk},
        "get",
        None,
        expect(302, 200, 200, 404, 200, 200),
    ),
    "events:edit": (
        lambda w: {"pk": w["proposed_a"].pk},
        "get",
        None,
        expect(302, 200, 200, 404, 200, 200),
    ),
    "events:review": (
        lambda w: {"pk": w["proposed_a"].pk},
        "post",
        {"decision": "accept"},
        expect(302, 403, 403, 403, 302, 302),
    ),
    "partners:member_role": (
        lambda w: {"slug": w["partner_a"].slug, "pk": w["membership_a"].pk},
        "post",
        {"role": "member"},
        expect(302, 404, 302, 404, 302, 302),
    ),
    "partners:member_remove": (
        lambda w: {"slug": w["partner_a"].slug, "pk": w["membership_a"].pk},
        "post",
        {},
        expect(302, 404, 302, 404, 302, 302),
    ),
    "partners:invitation_resend": (
        lambda w: {"slug": w["partner_a"].slug, "pk": w["invitation_a"].pk},
        "post",
        {},
        expect(302, 404, 302, 404, 302, 302),
    ),
    "partners:invitation_revoke": (
        lambda w: {"slug": w["partner_a"].slug, "pk": w["invitation_a"].pk},
        "post",
        {},
        expect(302, 404, 302, 404, 302, 302),
    ),
    "partners:leave": (
        lambda w: {"slug": w["partner_a"].slug},
        "post",
        {},
        expect(302, 302, 302, 404, 404, 404),
    ),
    "events:dates": (
        lambda w: {"pk": w["repeating_a"].pk},
        "get",
        None,
        expect(302, 200, 200, 404, 200, 200),
    ),
    "events:date_remove": (
        lambda w: {"pk": w["repeating_a"].pk, "override_pk": w["override_a"].pk},
        "post",
        {},
        expect(302, 302, 302, 404, 302, 302),
    ),
    "actionplan:progress_board": ({}, "get", None, expect(302, 403, 403, 403, 200, 200)),
    "actionplan:action_people": (
        lambda w: {"pk": w["action"].pk},
        "get",
        None,
        expect(302, 403, 403, 403, 200, 200),
    ),
    "actionplan:record_progress": (
        lambda w: {"pk": w["action"].pk},
        "post",
        {"x": "incomplete form"},
        expect(302, 403, 403, 403, 400, 400),
    ),
    "history": (
        lambda w: {"kind": "action", "pk": w["action"].pk},
        "get",
        None,
        expect(302, 403, 403, 403, 200, 200),
    ),
    "reports:year": (lambda w: {"plan": w["plan"].slug, "year": 2024}, "get", None, PUBLIC),
    "reports:objective": (
        lambda w: {"plan": w["plan"].slug, "year": 2024, "objective": w["action"].objective.slug},
        "get",
        None,
        PUBLIC,
    ),
    "reports:evaluation": (lambda w: {"plan": w["plan"].slug}, "get", None, PUBLIC),
    "reports:network": (lambda w: {"plan": w["plan"].slug, "year": 2024}, "get", None, PUBLIC),
    "reports:network_csv": (lambda w: {"plan": w["plan"].slug, "year": 2024}, "get", None, PUBLIC),
    "reports:evaluation_export": (
        lambda w: {"plan": w["plan"].slug, "table": "objectives", "fmt": "csv"},
        "get",
        None,
        PUBLIC,
    ),
    "reports:freeze": (
        lambda w: {"plan": w["plan"].slug, "year": 2024},
        "post",
        {"reason": ""},
        expect(302, 403, 403, 403, 302, 302),
    ),
    "reports:export": (
        {"dataset": "progress", "fmt": "csv"},
        "get",
        None,
        expect(302, 403, 403, 403, 200, 200),
    ),
    "reports:import_progress": ({}, "get", None, expect(302, 403, 403, 403, 200, 200)),
    "reports:import_indicator_values": ({}, "get", None, expect(302, 403, 403, 403, 200, 200)),
    "indicators:list": ({}, "get", None, PUBLIC),
    "indicators:detail": (lambda w: {"slug": w["indicator"].slug}, "get", None, PUBLIC),
    "indicators:board": ({}, "get", None, expect(302, 403, 403, 403, 200, 200)),
    "indicators:record_value": (
        lambda w: {"pk": w["indicator"].pk},
        "post",
        {"x": "incomplete form"},
        expect(302, 403, 403, 403, 400, 400),
    ),
    "indicators:set_target": (
        lambda w: {"pk": w["indicator"].pk},
        "post",
        {"x": "incomplete form"},
        expect(302, 403, 403, 403, 400, 400),
    ),
    # django-allauth
    "account_login": ({}, "get", None, ANONYMOUS_ONLY),
    "account_logout": ({}, "get", None, expect(302, 200, 200, 200, 200, 200)),
    "account_inactive": ({}, "get", None, PUBLIC),
    "account_signup": ({}, "get", None, ANONYMOUS_ONLY),
    "account_reauthenticate": ({}, "get", None, SIGNED_IN),
    "account_request_reauthentication_code": ({}, "get", None, SIGNED_IN),
    # No code was requested: the confirmation pages send everyone on.
    "account_confirm_reauthentication_code": ({}, "get", None, dict.fromkeys(ROLES, 302)),
    "account_email": ({}, "get", None, SIGNED_IN),
    "account_email_verification_sent": ({}, "get", None, PUBLIC),
    "account_change_password": ({}, "get", None, SIGNED_IN),
    "account_set_password": ({}, "get", None, dict.fromkeys(ROLES, 302)),
    "account_reset_password": ({}, "get", None, PUBLIC),
    "account_reset_password_done": ({}, "get", None, PUBLIC),
    "account_reset_password_from_key": ({"uidb36": "1", "key": "forged-key"}, "get", None, PUBLIC),
    "account_reset_password_from_key_done": ({}, "get", None, PUBLIC),
    "account_confirm_login_code": ({}, "get", None, dict.fromkeys(ROLES, 302)),
    "account_confirm_email": ({"key": "forged-key"}, "get", None, PUBLIC),
    # Two-factor authentication (allauth.mfa). Staff and superusers have an authenticator app
    # (no recovery codes yet) in this world; partner people have none. Changing anything asks
    # for the password again first (302 to reauthenticate: the test client's login is not
    # recent in allauth's sense); a part someone does not have answers 404.
    "mfa_index": ({}, "get", None, SIGNED_IN),
    "mfa_authenticate": ({}, "get", None, dict.fromkeys(ROLES, 302)),  # no sign-in under way
    "mfa_reauthenticate": ({}, "get", None, expect(302, 302, 302, 302, 200, 200)),
    "mfa_activate_totp": ({}, "get", None, dict.fromkeys(ROLES, 302)),
    "mfa_deactivate_totp": ({}, "get", None, expect(302, 404, 404, 404, 302, 302)),
    "mfa_view_recovery_codes": ({}, "get", None, expect(302, 404, 404, 404, 404, 404)),
    "mfa_generate_recovery_codes": ({}, "get", None, dict.fromkeys(ROLES, 302)),
    "mfa_download_recovery_codes": ({}, "get", None, expect(302, 404, 404, 404, 404, 404)),
    # The open-data API: anonymous, read-only, the same for everyone (staff without two-factor
    # are sent to set it up, as on every page).
    "api:documentation": ({}, "get", None, PUBLIC),
    "api:openapi": ({}, "get", None, PUBLIC),
    **{
        f"api:{name}-list": ({}, "get", None, PUBLIC)
        for name in [
            *["plan", "objective", "action", "indicator", "event", "partner", "target-group"],
            "place",
        ]
    },
    "api:plan-detail": (lambda w: {"pk": w["plan"].pk}, "get", None, PUBLIC),
    "api:objective-detail": (lambda w: {"pk": w["action"].objective.pk}, "get", None, PUBLIC),
    "api:action-detail": (lambda w: {"pk": w["action"].pk}, "get", None, PUBLIC),
    "api:indicator-detail": (lambda w: {"pk": w["indicator"].pk}, "get", None, PUBLIC),
    "api:event-detail": (lambda w: {"pk": w["published_event"].pk}, "get", None, PUBLIC),
    # a proposed (unpublished) event is not open data
    "api:partner-detail": (lambda w: {"pk": w["partner_a"].pk}, "get", None, PUBLIC),
    "api:target-group-detail": (lambda w: {"code": w["group"].code}, "get", None, PUBLIC),
    "api:place-detail": (lambda w: {"pk": w["place"].pk}, "get", None, PUBLIC),
    # The Django admin: every name under admin: follows this rule; the per-model pages are
    # walked for staff and superusers in tests/site/test_admin.py.
    "admin:*": ({}, "get", None, expect(302, 302, 302, 302, 200, 200)),
}


def url_names(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in [namespace, pattern.namespace] if n) or None
            yield from url_names(pattern.url_patterns, inner)
        else:
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            yield f"{namespace}:{name}" if namespace else name


def test_every_url_is_in_the_matrix():
    names = {"admin:*" if name.startswith("admin:") else name for name in url_names()}
    assert names - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - names == set(), "these matrix entries match no URL any more"


@pytest.fixture
def world(db):
    partner_a, partner_b = PartnerFactory(), PartnerFactory()
    users = {
        "member_a": UserFactory(),
        "admin_a": UserFactory(),
        "member_b": UserFactory(),
        "staff": StaffUserFactory(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    Membership.objects.create(user=users["member_a"], partner=partner_a, role=Role.MEMBER)
    Membership.objects.create(user=users["admin_a"], partner=partner_a, role=Role.ADMIN)
    Membership.objects.create(user=users["member_b"], partner=partner_b, role=Role.MEMBER)
    action = ActionFactory(objective__plan__state="current")
    activity = {
        "partner": partner_a,
        "date": datetime.date(2025, 5, 17),
        "description": "IDAHOT",
        "created_by": users["member_a"],
    }
    invitation, token = Invitation.create(
        email="new.member@example.org",
        partner=partner_a,
        role=Role.MEMBER,
        invited_by=users["staff"],
    )
    for key in ["about", "help", "privacy", "accessibility"]:
        PageFactory(key=key)
    repeating = EventFactory(organiser=partner_a, recurrence="yearly")
    override = OccurrenceOverride.objects.create(
        event=repeating, original_date=repeating.local_date, status="cancelled", note="Regen"
    )
    return {
        "repeating_a": repeating,
        "override_a": override,
        "users": users,
        "partner_a": partner_a,
        "plan": action.objective.plan,
        "action": action,
        "focus": YearFocusFactory(plan=action.objective.plan),
        "indicator": IndicatorFactory(plan=action.objective.plan, objectives=[action.objective]),
        "draft_a": Activity.objects.create(title="Draft", **activity),
        "submitted_a": Activity.objects.create(
            title="Submitted", status=ActivityStatus.SUBMITTED, **activity
        ),
        "token": token,
        "invitation_a": invitation,
        "membership_a": Membership.objects.get(user=users["member_a"]),
        "group": TargetGroupFactory(),
        "published_event": EventFactory(),
        "place": PlaceFactory(),
        "proposed_a": EventFactory(organiser=partner_a, publication=Publication.SUBMITTED),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, world, name, role):
    kwargs, method, data, expected = MATRIX[name]
    if role != "anonymous":
        client.force_login(
            world["users"][role], backend="django.contrib.auth.backends.ModelBackend"
        )
    with translation.override("nl"):
        kwargs = kwargs(world) if callable(kwargs) else kwargs
        url = reverse("admin:index" if name == "admin:*" else name, kwargs=kwargs)
    response = getattr(client, method)(url, data or {})
    assert response.status_code == expected[role], f"{role} {method.upper()} {url}"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.DOTALL)
        assert title and "<" not in title.group(1), f"{url}: the page title holds markup"


NO_TWO_FACTOR_ROLES = ["staff_without_two_factor", "superuser_without_two_factor"]


@pytest.mark.parametrize("role", NO_TWO_FACTOR_ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX.keys() - MFA_SETUP_VIEWS))
def test_without_two_factor_staff_see_only_the_set_up_page(client, world, name, role):
    """Every URL of the matrix but allauth's set-up pages (tests/site/test_two_factor_required.py
    walks those and every admin URL): a 302 to setting up an authenticator app."""
    user = (
        StaffUserFactory(totp=False)
        if role == "staff_without_two_factor"
        else UserFactory(is_staff=True, is_superuser=True, totp=False)
    )
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    kwargs, method, data, _expected = MATRIX[name]
    with translation.override("nl"):
        kwargs = kwargs(world) if callable(kwargs) else kwargs
        url = reverse("admin:index" if name == "admin:*" else name, kwargs=kwargs)
        target = reverse("mfa_activate_totp")
    response = getattr(client, method)(url, data or {})
    assert (response.status_code, response.get("Location")) == (302, target), url
