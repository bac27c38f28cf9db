import datetime

import pytest
from django.utils import timezone

from actionplan.models import Status
from events.models import TZ
from partners.models import Activity, ActivityStatus
from tests.factories import (
    ActionFactory,
    EventFactory,
    ObjectiveFactory,
    PartnerFactory,
    PlanFactory,
    TargetGroupFactory,
)

TODAY = datetime.date(2026, 12, 1)


@pytest.fixture
def today(monkeypatch):
    """The portal's today (timezone.localdate) set to 1 December 2026."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def period(today):
    """A plan 2020-2025 with two objectives: the crossing updated in 2023 (64 %, with an
    internal note) and 2025 (done), an action added in 2024, an internal action, activities of
    partners in 2022 and 2024 (one for two target groups at once), events held in 2023 and
    2025."""
    plan = PlanFactory(state="current", start_year=2020, end_year=2025, slug_nl="p", slug_en="p")
    first = ObjectiveFactory(plan=plan, number=1)
    second = ObjectiveFactory(plan=plan, number=8)
    crossing = ActionFactory(objective=first, identifier="1", created_on=datetime.date(2021, 1, 1))
    crossing.record_progress(
        status=Status.IN_PROGRESS, progress=64, date=datetime.date(2023, 9, 1),
        text={"nl": "Zebrapad besteld", "en": "Crossing ordered"}, internal_note="intern-budget",
    )  # fmt: skip
    crossing.record_progress(status=Status.DONE, progress=100, date=datetime.date(2025, 6, 1))
    later = ActionFactory(objective=first, identifier="2", created_on=datetime.date(2024, 3, 1))
    later.record_progress(status=Status.IN_PROGRESS, progress=10, date=datetime.date(2024, 3, 1))
    hidden = ActionFactory(
        objective=second, identifier="8-x", is_public=False, created_on=datetime.date(2020, 1, 1),
        title_nl="Interne actie", title_en="Internal action",
    )  # fmt: skip
    hidden.record_progress(status=Status.IN_PROGRESS, progress=30, date=datetime.date(2022, 2, 1))
    youth, seniors = (TargetGroupFactory(name_nl=n, name_en=n) for n in ["Jongeren", "Senioren"])
    partner = PartnerFactory()
    for title, day, groups, participants, public in [
        ("Jong en oud", datetime.date(2022, 5, 1), [youth, seniors], 20, True),
        ("Jeugdwerk", datetime.date(2024, 4, 1), [youth], 15, True),
        ("Intern overleg", datetime.date(2024, 6, 1), [seniors], 5, False),
    ]:
        activity = Activity.objects.create(
            partner=partner, title=title, date=day, description="x",
            participants_count=participants, is_public=public, status=ActivityStatus.ACCEPTED,
        )  # fmt: skip
        activity.target_groups.set(groups)
    for year, action in [(2023, crossing), (2025, crossing)]:
        start = datetime.datetime(year, 5, 17, 14, tzinfo=TZ)
        EventFactory(start=start, end=start + datetime.timedelta(hours=2), related_action=action)
    return plan, crossing, later, hidden
