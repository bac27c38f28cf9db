import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actionplan.models import Action, ProgressUpdate, Status
from partners.models import Activity, ActivityStatus
from reports.figures import year_report
from tests.factories import ActionFactory, IndicatorFactory, PartnerFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_year(rainbow_plan):
    """2024 in numbers: progress on three actions, one stopped; four activities."""
    for identifier, status, progress in [("2023-1", Status.IN_PROGRESS, 50), ("2023-4", Status.DONE, 100),
                                         ("2023-6", Status.STOPPED, 10)]:  # fmt: skip
        Action.objects.get(identifier=identifier).record_progress(
            status=status,
            progress=progress,
            date=datetime.date(2024, 6, 1),
            internal_note="intern-" + identifier,
        )
    youth, lgbti, seniors = (
        TargetGroupFactory(name_nl=n, name_en=n) for n in ["Jongeren", "LGBTI+", "Senioren"]
    )
    partner = PartnerFactory()
    for title, groups, participants, public, status in [
        ("Jong en queer", [youth, lgbti], 30, True, ActivityStatus.ACCEPTED),
        ("Roze senioren", [seniors, lgbti], 12, True, ActivityStatus.ACCEPTED),
        ("Interne vorming", [youth], 8, False, ActivityStatus.ACCEPTED),
        ("Nog niet aanvaard", [youth], 100, True, ActivityStatus.SUBMITTED),
    ]:
        activity = Activity.objects.create(
            partner=partner, title=title, date=datetime.date(2024, 3, 1), description="x",
            participants_count=participants, is_public=public, status=status,
        )  # fmt: skip
        activity.target_groups.set(groups)
    return rainbow_plan


def test_report_figures_against_hand_computed_values(known_year):
    from actionplan.models import Plan

    report = year_report(Plan.objects.get(), 2024)

    # Counted actions: 7 public, minus the stopped one; 2 of the 6 reported a figure (the
    # others only have the plan text's status): (50 + 100) / 2 = 75.
    assert report.plan_progress == 75
    assert (report.plan_rollup.counted_count, report.plan_rollup.reported_count) == (6, 2)
    first = report.objectives[0]
    assert first.objective.number == 1 and first.rollup.progress == 50
    assert [u.progress for u in first.updates] == [50]
    assert report.activity_total.activities == 2 and report.activity_total.participants == 42
    assert {name: (r.activities, r.participants) for name, r in report.by_target_group} == {
        "LGBTI+": (2, 42), "Jongeren": (1, 30), "Senioren": (1, 12),
    }  # fmt: skip
    assert [(names, r.participants) for names, r in report.by_combination] in (
        [(("Jongeren", "LGBTI+"), 30), (("LGBTI+", "Senioren"), 12)],
        [(("LGBTI+", "Senioren"), 12), (("Jongeren", "LGBTI+"), 30)],
    )
    # IDAHOT (17 May), the seniors' yearly offer and the schools training of 20 February 2024.
    assert report.events_held == 3

    internal = year_report(Plan.objects.get(), 2024, internal=True)
    assert internal.activity_total.participants == 50


def test_report_page_public_and_staff_versions(staff_client, known_year):
    url = reverse("reports:year", kwargs={"plan": "2020-2025", "year": 2024})
    client = Client()  # anonymous, apart from the signed-in staff client
    public = client.get(url)
    html = public.content.decode()
    assert public.status_code == 200
    assert "<svg" in html and 'role="img"' in html and "<table" in html
    assert "intern-2023-1" not in html and "Interne vorming" not in html
    staff_html = staff_client.get(url).content.decode()
    assert "intern-2023-1" in staff_html
    assert (
        client.get(reverse("reports:year", kwargs={"plan": "2020-2025", "year": 1800})).status_code
        == 404
    )


def test_report_numbers_equal_the_export(staff_client, known_year):
    response = staff_client.get(
        reverse("reports:export", kwargs={"dataset": "activities", "fmt": "xlsx"}), {"year": 2024}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    participants = sum(row[header.index("Deelnemers")] or 0 for row in data)
    assert participants == 50  # staff export: internal ones included, like the staff report


def test_csv_export_has_translated_headers(staff_client, known_year):
    response = staff_client.get("/en/workspace/export/progress.csv")
    text = response.content.decode("utf-8-sig")
    assert (
        text.splitlines()[0]
        == "Action,Date,Status,Progress (%),Public text (Dutch),Public text (English),Internal note"
    )
    dutch = staff_client.get("/nl/werkruimte/export/progress.csv").content.decode("utf-8-sig")
    assert dutch.splitlines()[0].startswith("Actie,Datum,Status")


def upload(content, name):
    return SimpleUploadedFile(name, content)


def test_export_then_import_changes_nothing(staff_client, known_year):
    exported = staff_client.get("/nl/werkruimte/export/progress.xlsx").content
    before = ProgressUpdate.objects.count()

    check = staff_client.post(
        "/nl/werkruimte/import/voortgang/", {"file": upload(exported, "progress.xlsx")}
    )
    assert check.status_code == 200 and not check.context["errors"]
    staff_client.post("/nl/werkruimte/import/voortgang/", {"confirm": "1"})

    assert ProgressUpdate.objects.count() == before


def test_import_reports_every_bad_row_and_saves_nothing(staff_client, known_year):
    csv = (
        "Actie,Datum,Status,Voortgang (%),Publieke tekst (Nederlands),Publieke tekst (Engels),Interne notitie\n"
        "2023-2,2024-09-01,in_progress,40,Goed bezig,,\n"
        "9-9,2024-09-01,in_progress,40,,,\n"
        "2023-3,1 september,klaar,veel,,,\n"
    )
    before = ProgressUpdate.objects.count()
    response = staff_client.post(
        "/nl/werkruimte/import/voortgang/", {"file": upload(csv.encode(), "p.csv")}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert [number for number, _message in response.context["errors"]] == [3, 4]
    assert "onbekende actie" in html and "is geen datum" in html and "onbekende status" in html
    assert (
        staff_client.post("/nl/werkruimte/import/voortgang/", {"confirm": "1"}).status_code == 302
    )
    assert ProgressUpdate.objects.count() == before  # nothing half-imported


def test_import_saves_all_rows_after_the_check(staff_client, known_year):
    csv = (
        "Actie,Datum,Status,Voortgang (%),Publieke tekst (Nederlands),Publieke tekst (Engels),Interne notitie\n"
        "2023-2,2024-09-01,Bezig,40,Eerste sessie,First session,\n"
        "2023-3,2024-10-01,in_progress,60,,,\n"
    )
    staff_client.post("/nl/werkruimte/import/voortgang/", {"file": upload(csv.encode(), "p.csv")})
    assert Action.objects.get(identifier="2023-2").progress is None  # the check saves nothing
    staff_client.post("/nl/werkruimte/import/voortgang/", {"confirm": "1"})
    assert Action.objects.get(identifier="2023-2").progress == 40
    assert Action.objects.get(identifier="2023-3").progress == 60


@pytest.mark.parametrize(
    "name,content", [("x.pdf", b"%PDF"), ("x.xlsx", b"not a workbook"), ("x.csv", b"\xff\xfe\x00")]
)
def test_import_of_unreadable_files_is_a_form_error(staff_client, rainbow_plan, name, content):
    response = staff_client.post(
        "/nl/werkruimte/import/voortgang/", {"file": upload(content, name)}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_report_query_count_flat_with_ten_times_more_data(client, known_year):
    url = reverse("reports:year", kwargs={"plan": "2020-2025", "year": 2024})

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    small = count()
    objective = Action.objects.first().objective
    groups = [TargetGroupFactory() for _ in range(3)]
    for index in range(30):
        action = ActionFactory(objective=objective)
        action.record_progress(
            status=Status.IN_PROGRESS, progress=index, date=datetime.date(2024, 2, 1)
        )
        activity = Activity.objects.create(
            partner=PartnerFactory(), title=f"A{index}", date=datetime.date(2024, 4, 1), description="x",
            participants_count=index, is_public=True, status=ActivityStatus.ACCEPTED,
        )  # fmt: skip
        activity.target_groups.set(groups[: index % 3 + 1])
        indicator = IndicatorFactory(plan=objective.plan, objectives=[objective])
        indicator.set_target(year=2024, value=index)
        indicator.record_value(date=datetime.date(2024, 3, 1), value=index)
    assert count() == small
    # + the plan roll-up as at the day, the next plan of an ended one, the snapshot in force,
    # the indicators with their targets and values, and the contact block.
    assert small <= 17


def test_report_page_bounds_each_objective_and_the_sub_page_has_every_action(client, known_year):
    objective = Action.objects.get(identifier="2023-1").objective
    extra = [ActionFactory(objective=objective, identifier=f"9-{i:02}") for i in range(30)]
    for action in extra:
        action.record_progress(
            status=Status.IN_PROGRESS, progress=5, date=datetime.date(2024, 5, 1)
        )
    with translation.override("en"):
        url = reverse("reports:year", kwargs={"plan": "2020-2025", "year": 2024})
        html = client.get(url).content.decode()
        assert "All 31 actions of objective 1 with their progress updates in 2024" in html
        assert "The latest 5 of 31 progress updates in 2024" in html
        sub = reverse(
            "reports:objective",
            kwargs={"plan": "2020-2025", "year": 2024, "objective": objective.slug},
        )
        page_two = client.get(sub + "?page=2").content.decode()
    assert extra[29].title_en in page_two and extra[0].title_en not in page_two
    assert client.get(sub + "?page=nope").status_code == 200


def _old_figures(plan, year, internal):
    """The report's figures as the report computed them before issue 8: in Python."""
    from collections import Counter

    from events.models import TZ, Event

    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    window = (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=TZ),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=TZ),
    )
    held = [
        o
        for o in Event.objects.published().select_related("related_action").occurrences(*window)
        if not o.is_cancelled
    ]
    per_objective = Counter(
        o.event.related_action.objective_id for o in held if o.event.related_action
    )
    activities = Activity.objects.accepted().filter(date__range=(start, end))
    if not internal:
        activities = activities.filter(is_public=True)
    groups, combinations = Counter(), Counter()
    for activity in activities:
        names = tuple(sorted(str(g) for g in activity.target_groups.all()))
        for name in names:
            groups[name] += activity.participants_count or 0
        if len(names) > 1:
            combinations[names] += activity.participants_count or 0
    updates = ProgressUpdate.objects.filter(date__range=(start, end))
    if not internal:
        updates = updates.filter(action__is_public=True)
    return {
        "events": len(held),
        "per_objective": dict(per_objective),
        "activities": activities.count(),
        "participants": sum(a.participants_count or 0 for a in activities),
        "groups": dict(groups),
        "combinations": dict(combinations),
        "updates": dict(Counter(u.action.objective_id for u in updates)),
        "progress": Action.objects.filter(objective__plan=plan).progress(),
    }


def test_report_figures_equal_the_figures_computed_the_old_way(known_year):
    from actionplan.models import Plan
    from events.models import EventStatus, Frequency
    from tests.factories import EventFactory

    plan = Plan.objects.get()
    groups = [TargetGroupFactory() for _ in range(4)]
    actions = list(Action.objects.all())
    for index in range(40):
        action = actions[index % len(actions)]
        action.record_progress(
            status=Status.IN_PROGRESS, progress=index, date=datetime.date(2024, 1 + index % 12, 1)
        )
        activity = Activity.objects.create(
            partner=PartnerFactory(), title=f"A{index}", date=datetime.date(2024, 1 + index % 12, 2),
            description="x", participants_count=index if index % 5 else None,
            is_public=index % 3 != 0, status=ActivityStatus.ACCEPTED,
        )  # fmt: skip
        activity.target_groups.set(groups[index % 4 : index % 4 + index % 3])
        moment = datetime.datetime(2024, 1 + index % 12, 3, 10, tzinfo=datetime.UTC)
        EventFactory(
            start=moment, end=moment + datetime.timedelta(hours=2), related_action=action,
            recurrence=[Frequency.NONE, Frequency.WEEKLY, Frequency.MONTHLY][index % 3]
            if index % 4 == 0 else Frequency.NONE,
            status=EventStatus.CANCELLED if index % 7 == 0 else EventStatus.SCHEDULED,
        )  # fmt: skip
    for internal in (False, True):
        report = year_report(plan, 2024, internal=internal)
        old = _old_figures(plan, 2024, internal)
        assert old["combinations"] and len(old["per_objective"]) > 1 and old["events"] > 40
        assert report.events_held == old["events"]
        assert {p.objective.pk: p.events_held for p in report.objectives if p.events_held} == old[
            "per_objective"
        ]
        assert report.activity_total.activities == old["activities"]
        assert report.activity_total.participants == old["participants"]
        assert {name: r.participants for name, r in report.by_target_group} == old["groups"]
        assert {names: r.participants for names, r in report.by_combination} == (
            old["combinations"]
        )
        assert {p.objective.pk: p.update_count for p in report.objectives if p.update_count} == old[
            "updates"
        ]
        assert report.plan_progress == old["progress"]
