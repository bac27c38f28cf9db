"""City staff keep the indicators current on their workspace page: a value recorded, a target
set (and set again), and bad input answered on the field, with what was typed kept."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


def board_url(language="nl"):
    with translation.override(language):
        return reverse("indicators:board")


def test_staff_record_a_value_and_set_targets_from_the_board(
    staff_client, staff_user, rainbow_plan
):
    idahot = Indicator.objects.get(code="idahot-reach")
    page = staff_client.get(board_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<article") == 5 and "Nog geen waarde geregistreerd." in html
    prefix = f"value-{idahot.pk}"
    response = staff_client.post(
        reverse("indicators:record_value", kwargs={"pk": idahot.pk}),
        {f"{prefix}-date": "2024-05-17", f"{prefix}-value": "120.5",
         f"{prefix}-source_nl": "Tellingen", f"{prefix}-note_en": "On the square.",
         f"{prefix}-internal_note": "Alleen voor ons."},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].endswith(f"#indicator-{idahot.pk}")
    value = IndicatorValue.objects.get(indicator=idahot)
    assert (value.value, value.source_nl, value.note_en, value.recorded_by) == (
        Decimal("120.5"), "Tellingen", "On the square.", staff_user
    )  # fmt: skip
    target_url = reverse("indicators:set_target", kwargs={"pk": idahot.pk})
    for amount in ("150", "175"):
        staff_client.post(target_url, {f"target-{idahot.pk}-year": "2025",
                                       f"target-{idahot.pk}-value": amount})  # fmt: skip
    assert list(idahot.targets.values_list("year", "value")) == [(2025, Decimal("175"))]
    html = staff_client.get(board_url()).content.decode()
    assert "2025: 175 mensen" in html and "Alleen voor ons." not in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_bad_input_is_answered_on_its_field_and_keeps_what_was_typed(
    staff_client, rainbow_plan, language
):
    crossing = Indicator.objects.get(code="rainbow-crossing-renewed")
    prefix = f"value-{crossing.pk}"
    with translation.override(language):
        url = reverse("indicators:record_value", kwargs={"pk": crossing.pk})
    response = staff_client.post(
        url, {f"{prefix}-date": "2019-06-01", f"{prefix}-value": "1",
              f"{prefix}-source_nl": "Foto's van de werken"},
    )  # fmt: skip
    assert response.status_code == 400
    form = response.context["rows"][4]["value_form"]
    assert form.is_bound and list(form.errors) == ["date"]
    assert {"nl": "Het plan begon op 1 januari 2020", "en": "The plan began on 1 January 2020"}[
        language
    ] in form.errors["date"][0]
    html = response.content.decode()
    assert "Foto&#x27;s van de werken" in html and 'id="form-errors"' in html
    # A milestone offers reached / not reached; a made-up choice is refused on the field.
    response = staff_client.post(url, {f"{prefix}-date": "2024-06-01", f"{prefix}-value": "7"})
    assert response.status_code == 400
    assert list(response.context["rows"][4]["value_form"].errors) == ["value"]
    assert not IndicatorValue.objects.exists()


def test_a_target_before_the_plan_is_refused(staff_client, rainbow_plan):
    schools = Indicator.objects.get(code="secondary-schools-reached")
    response = staff_client.post(
        reverse("indicators:set_target", kwargs={"pk": schools.pk}),
        {f"target-{schools.pk}-year": "2019", f"target-{schools.pk}-value": "3"},
    )
    assert response.status_code == 400
    assert "Het plan begon in 2020" in response.content.decode()
    assert not schools.targets.exists()


def test_partners_cannot_reach_the_board(client, rainbow_plan):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(board_url()).status_code == 403
