"""The progress board at scale: paginated, attention first in SQL, the same
number of queries however many actions there are, and a POST brings staff back where they were."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from actionplan.forms import ProgressForm
from actionplan.models import Status
from actionplan.workspace import BOARD_PAGE_SIZE
from tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def objectives():
    plan = PlanFactory(state="current", start_year=2023, end_year=2030)
    return [ObjectiveFactory(plan=plan, number=number) for number in (1, 2)]


def fresh(action):
    """An action with a progress update today: it needs no attention."""
    action.record_progress(status=Status.IN_PROGRESS, progress=50, date=TODAY)
    return action


def make_actions(objective, count, start=0, *, up_to_date=False):
    actions = [
        ActionFactory(objective=objective, identifier=f"{objective.number}.{start + n:03d}",
                      end_year=2030)
        for n in range(count)
    ]  # fmt: skip
    return [fresh(action) for action in actions] if up_to_date else actions


def board(client, query=""):
    return client.get(f"{reverse('actionplan:progress_board')}{query}")


def identifiers(response):
    return [row["action"].identifier for row in response.context["rows"]]


def test_second_page_shows_the_next_actions_in_plan_order(staff_client, objectives):
    make_actions(objectives[0], BOARD_PAGE_SIZE + 5)

    first, second = board(staff_client), board(staff_client, "?page=2")

    assert identifiers(first) == [f"1.{n:03d}" for n in range(BOARD_PAGE_SIZE)]
    assert identifiers(second) == [
        f"1.{n:03d}" for n in range(BOARD_PAGE_SIZE, BOARD_PAGE_SIZE + 5)
    ]
    html = second.content.decode()
    assert "1.020" in html and "1.019" not in html
    assert '<nav aria-label="Pages of actions">' in html
    assert 'aria-current="page"' in html and "Page 2 of 2" in html
    assert f"{BOARD_PAGE_SIZE + 5} actions" in html


def test_actions_needing_attention_come_first_across_pages(staff_client, objectives):
    # Plan order would put the up-to-date actions first; attention puts them last.
    make_actions(objectives[0], BOARD_PAGE_SIZE, up_to_date=True)
    make_actions(objectives[1], BOARD_PAGE_SIZE + 3)  # never updated: need attention

    first, second = board(staff_client), board(staff_client, "?page=2")

    assert identifiers(first) == [f"2.{n:03d}" for n in range(BOARD_PAGE_SIZE)]
    assert identifiers(second)[:3] == ["2.020", "2.021", "2.022"]
    assert identifiers(second)[3:] == [f"1.{n:03d}" for n in range(BOARD_PAGE_SIZE - 3)]
    assert all(row["action"].needs_attention for row in first.context["rows"])
    assert f"{BOARD_PAGE_SIZE + 3} actions need attention" in first.content.decode()


def test_filters_by_objective_and_attention(staff_client, objectives):
    make_actions(objectives[0], 3, up_to_date=True)
    make_actions(objectives[0], 2, start=3)
    make_actions(objectives[1], 4)

    assert identifiers(board(staff_client, "?objective=1")) == [
        "1.003", "1.004", "1.000", "1.001", "1.002",
    ]  # fmt: skip
    assert identifiers(board(staff_client, "?objective=1&attention=on")) == ["1.003", "1.004"]
    assert len(identifiers(board(staff_client, "?attention=on"))) == 6
    page = board(staff_client, "?objective=2&attention=on").content.decode()
    assert "objective=2&amp;attention=on" in page or "attention=on&amp;objective=2" in page


@pytest.mark.parametrize(
    "query, notice",
    [
        ("?page=abc", "There is no page “abc”; showing page 1 of 2."),
        ("?page=99", "There is no page “99”; showing page 2 of 2."),
        ("?page=0", "There is no page “0”; showing page 1 of 2."),
        ("?page=1e309", "There is no page “1e309”"),
        ("?objective=999", "Some filters were not valid"),
        ("?objective=x&attention=on", "Some filters were not valid"),
        ("?page=%3Cscript%3E", "There is no page “&lt;script&gt;”"),
    ],
)
def test_bad_page_or_filter_is_a_message_not_an_error(staff_client, objectives, query, notice):
    make_actions(objectives[0], BOARD_PAGE_SIZE + 1)
    response = board(staff_client, query)
    assert response.status_code == 200
    assert notice in response.content.decode()
    assert len(response.context["rows"]) >= 1


def post_progress(client, action, next_url=None, **fields):
    prefix = f"action-{action.pk}"
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("actionplan:record_progress", kwargs={"pk": action.pk}), data)


def test_recording_progress_returns_to_the_same_page_and_filter(staff_client, objectives):
    actions = make_actions(objectives[0], BOARD_PAGE_SIZE + 5)
    action = actions[BOARD_PAGE_SIZE + 1]  # on page 2
    page_two = board(staff_client, "?attention=on&page=2")
    next_url = f"{reverse('actionplan:progress_board')}?attention=on&page=2"
    assert f'name="next" value="{next_url.replace("&", "&amp;")}"' in page_two.content.decode()

    response = post_progress(
        staff_client, action, next_url, status=Status.IN_PROGRESS, progress="30",
        date=TODAY.isoformat(),
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == f"{next_url}#action-{action.pk}"
    action.refresh_from_db()
    assert (action.progress, action.last_update_on) == (30, TODAY)


@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/nl/", "//elsewhere.example/", "javascript:alert(1)", ""]
)
def test_a_foreign_next_is_not_followed(staff_client, objectives, next_url):
    action = make_actions(objectives[0], 1)[0]
    response = post_progress(
        staff_client, action, next_url, status=Status.IN_PROGRESS, progress="30",
        date=TODAY.isoformat(),
    )  # fmt: skip
    assert response["Location"] == f"{reverse('actionplan:progress_board')}#action-{action.pk}"


def test_invalid_progress_on_page_two_shows_that_page_with_the_errors(staff_client, objectives):
    actions = make_actions(objectives[0], BOARD_PAGE_SIZE + 5)
    action = actions[BOARD_PAGE_SIZE + 2]
    next_url = f"{reverse('actionplan:progress_board')}?page=2"

    response = post_progress(
        staff_client, action, next_url, status=Status.IN_PROGRESS, progress="140",
        date=TODAY.isoformat(), text_nl="Mijn zorgvuldige tekst",
    )  # fmt: skip

    html = response.content.decode()
    assert response.status_code == 400
    assert response.context["page"].number == 2
    assert action.identifier in identifiers(response)
    assert 'id="form-errors"' in html and "Mijn zorgvuldige tekst" in html
    assert f'name="next" value="{next_url}"' in html  # the next try returns there too
    # page links lead to the board, not to the POST-only URL
    assert f'href="{reverse("actionplan:progress_board")}?page=1"' in html
    assert not action.updates.exists()


def test_invalid_progress_for_an_action_the_filter_hides_shows_it_unfiltered(
    staff_client, objectives
):
    hidden = make_actions(objectives[0], 1, up_to_date=True)[0]  # not needing attention
    make_actions(objectives[1], 3)
    response = post_progress(
        staff_client, hidden, f"{reverse('actionplan:progress_board')}?attention=on",
        status="nonsense", progress="10", date=TODAY.isoformat(),
    )  # fmt: skip
    assert response.status_code == 400
    assert hidden.identifier in identifiers(response)
    assert response.context["rows"][identifiers(response).index(hidden.identifier)]["form"].errors


def test_board_queries_do_not_grow_with_the_actions(staff_client, objectives):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(query):
        with CaptureQueriesContext(connection) as queries:
            assert board(staff_client, query).status_code == 200
        return len(queries)

    make_actions(objectives[0], BOARD_PAGE_SIZE + 1)
    small = [count(query) for query in ("", "?page=2", "?attention=on&objective=1")]
    make_actions(objectives[1], 9 * BOARD_PAGE_SIZE)  # ten times as many actions
    make_actions(objectives[0], 10, start=100, up_to_date=True)
    big = [count(query) for query in ("", "?page=2", "?attention=on&objective=1")]

    assert big == small
    assert max(big) <= 10


def test_board_query_count_is_fixed(staff_client, objectives, django_assert_max_num_queries):
    make_actions(objectives[0], 3 * BOARD_PAGE_SIZE)
    board(staff_client)  # session and translations warmed up
    with django_assert_max_num_queries(10):
        board(staff_client, "?page=3")


def test_light_form_renders_like_crispy():
    """The board renders unbound forms in Python for speed: the same HTML as crispy."""
    action = ActionFactory(status=Status.POSTPONED, progress=40)
    form = ProgressForm(action=action)
    crispy = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": form})
    )
    light = ProgressForm.board_fields(action)

    def normal(html):
        return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", html)).strip()

    assert normal(light) == normal(crispy)


def test_one_form_lends_its_fields_to_every_row_of_the_board():
    """The board builds each row's fields from one form: the same HTML as a form of its own."""
    first = ActionFactory(status=Status.DONE, progress=100)
    other = ActionFactory(status=Status.POSTPONED, progress=40)
    lent = ProgressForm.board_fields(other, ProgressForm(action=first))
    assert lent == ProgressForm.board_fields(other)
    assert 'value="40"' in lent and f'name="action-{other.pk}-status"' in lent


@pytest.mark.parametrize("name", ["actionplan:progress_board", "review_queue"])
def test_staff_lists_answer_any_query_string(staff_client, objectives, name):
    from hypothesis import given
    from hypothesis import strategies as st

    from tests.site.test_fuzz import FUZZ, QUERY_STRINGS

    make_actions(objectives[0], BOARD_PAGE_SIZE + 1)
    url = reverse(name)
    extra = st.sampled_from(["page=2", "objective=1", "attention=on", "activities=2", "events=0"])

    @FUZZ
    @given(QUERY_STRINGS, extra)
    def check(query, known):
        response = staff_client.get(f"{url}?{known}&{query}")
        assert response.status_code == 200, f"{url}?{known}&{query}"

    check()
