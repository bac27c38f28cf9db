"""Table generations (genk_rainbow/generations.py): every way of writing a table gives it a new
generation, at once and again when the transaction commits; a GET request records the tables it
reads. Parts of pages are kept under them (tests/genk_rainbow/test_stored_parts.py)."""

import pytest
from django.core.cache import caches
from django.db import connection, transaction

from actionplan.models import Objective, TargetGroup
from genk_rainbow import generations
from partners.models import Partner
from tests.factories import EventFactory, ObjectiveFactory, PartnerFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


def generation(table):
    """The table's generation as a request starting now reads it (with the epoch)."""
    return generations.Reads().of([table])


@pytest.fixture
def objective(db):
    return ObjectiveFactory(title_nl="Burgers informeren")


def _save(objective):
    objective.title_nl = "Anders"
    objective.save()


def _update(objective):
    Objective.objects.filter(pk=objective.pk).update(title_nl="Anders")


def _bulk_create(objective):
    Objective.objects.bulk_create([Objective(plan=objective.plan, number=9, title_nl="Negen")])


def _delete(objective):
    Objective.objects.filter(pk=objective.pk).delete()


def _raw_sql(objective):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE actionplan_objective SET title_nl = %s", ["Anders"])


@pytest.mark.parametrize("write", [_save, _update, _bulk_create, _delete, _raw_sql])
def test_every_way_of_writing_a_table_gives_it_a_new_generation(objective, write):
    PartnerFactory()
    before = generation("actionplan_objective")
    unrelated = generation("partners_partner")
    write(objective)
    assert generation("actionplan_objective") != before
    assert generation("partners_partner") == unrelated, "only the written table changes"


def test_a_many_to_many_change_is_a_write_to_its_table(db):
    event = EventFactory()
    before = generation("events_event_target_groups")
    event.target_groups.add(TargetGroupFactory())
    assert generation("events_event_target_groups") != before


@pytest.mark.django_db(transaction=True)
def test_a_transaction_gives_its_tables_a_new_generation_again_when_it_commits(objective):
    """A request may read the old rows after the write and before the commit: what it makes
    from them carries the generation of the write, which the commit makes stale."""
    with transaction.atomic():
        _update(objective)
        during = generation("actionplan_objective")
    assert generation("actionplan_objective") != during


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_does_not_keep_a_later_one_from_its_commit(objective):
    with transaction.atomic():
        try:
            with transaction.atomic():
                TargetGroup.objects.update(order=5)
                raise RuntimeError("rolled back, and its commit callback with it")
        except RuntimeError:
            pass
        _update(objective)
        during = generation("actionplan_objective")
    assert generation("actionplan_objective") != during


def test_a_request_records_the_tables_it_read(client, objective):
    """With their joins, but never the session (written on many signed-in requests)."""
    reads = generations.Reads()
    token = generations._reads.set(reads)
    try:
        list(Objective.objects.select_related("plan").filter(actions__isnull=True))
        Partner.objects.count()
    finally:
        generations._reads.reset(token)
    assert {"actionplan_objective", "actionplan_plan", "actionplan_action"} <= reads.tables
    assert "partners_partner" in reads.tables
    assert not reads.tables & generations.UNSHOWN


def test_forgetting_all_makes_every_generation_read_before_stale(objective):
    before = generation("actionplan_objective")
    generations.forget_all()  # manage.py clear_page_cache, after a restore
    assert generation("actionplan_objective") != before


def test_without_a_store_nothing_can_be_told(objective, settings):
    """Redis down (the `pages` store answers nothing): no generations, so no part is kept."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    assert generation("actionplan_objective") is None
    _update(objective)  # a write still goes through
    assert Objective.objects.get(pk=objective.pk).title_nl == "Anders"


def test_the_generations_live_in_the_pages_store(objective):
    """Redis in production: every process and server reads the same."""
    _update(objective)
    assert caches["pages"].get(generations.key("actionplan_objective"))


def test_a_generation_redis_evicted_never_makes_an_old_one_look_fresh(objective):
    """Read while missing, written, then evicted: the table must not look as it was read."""
    evict = generations.key("actionplan_objective")
    caches["pages"].delete(evict)
    read_while_missing = generation("actionplan_objective")
    _update(objective)
    caches["pages"].delete(evict)
    assert generation("actionplan_objective") != read_while_missing
