"""The content file is checked before anything is loaded: against its JSON Schema and for what
a schema cannot say, each problem with its line; `--dry-run` shows what would change."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from actionplan.content_check import SCHEMA_FILE, ContentError, read_content
from actionplan.loader import DATA_FILE
from actionplan.models import Action, Plan, Status
from events.models import PlaceKind
from events.occurrences import Frequency
from indicators.models import Direction, Kind
from partners.models import PartnerKind

pytestmark = pytest.mark.django_db
GENK = Path(DATA_FILE).read_text(encoding="utf-8")


def broken(tmp_path, old, new):
    assert old in GENK, old
    path = tmp_path / "plan.yaml"
    path.write_text(GENK.replace(old, new, 1), encoding="utf-8")
    return path, GENK[: GENK.index(old)].count("\n") + 1  # the line of the change


def test_the_citys_own_file_passes():
    data = read_content(GENK)
    assert len(data["plan"]["objectives"]) == 8


def test_the_schemas_vocabularies_are_the_portals():
    schema = json.loads(SCHEMA_FILE.read_text())
    defs, properties = schema["$defs"], schema["properties"]
    assert defs["partner_kind"]["enum"] == PartnerKind.values
    assert properties["places"]["items"]["properties"]["kind"]["enum"] == PlaceKind.values
    assert properties["events"]["items"]["properties"]["recurrence"]["enum"] == Frequency.values
    assert defs["action"]["properties"]["updates"]["items"]["properties"]["status"]["enum"] == (
        Status.values
    )
    assert defs["indicator"]["properties"]["kind"]["enum"] == Kind.values
    assert defs["indicator"]["properties"]["direction"]["enum"] == Direction.values


def test_a_reference_to_nothing_is_refused_with_its_line_and_nothing_is_loaded(tmp_path):
    path, line = broken(
        tmp_path, "target_groups: [everyone, lgbti]", "target_groups: [everyone, lgbt]"
    )
    with pytest.raises(CommandError) as refused:
        call_command("load_rainbow_plan", str(path))
    assert f"line {line}:" in str(refused.value)
    assert "Geen doelgroep heeft de code “lgbt”." in str(refused.value)
    assert not Plan.objects.exists()


def test_a_wrong_value_and_a_missing_field_are_named_in_plain_words(tmp_path):
    path, line = broken(tmp_path, "  start_year: 2020\n", "  start_year: twenty-twenty\n")
    with pytest.raises(ContentError) as refused:
        read_content(path.read_text())
    assert refused.value.problems == [
        (line, "plan/start_year: 'twenty-twenty' is not of type 'integer'")
    ]
    path, _line = broken(
        tmp_path,
        '  - code: everyone\n    name: {nl: "Iedereen", en: "Everyone"}\n',
        "  - code: everyone\n",
    )
    with pytest.raises(ContentError) as refused:
        read_content(path.read_text())
    assert "target_groups/0: name ontbreekt." in str(refused.value)


def test_a_text_without_the_default_language_is_refused(tmp_path):
    path, line = broken(
        tmp_path, 'name: {nl: "Iedereen", en: "Everyone"}', 'name: {en: "Everyone"}'
    )
    with pytest.raises(ContentError) as refused:
        read_content(path.read_text())
    assert refused.value.problems == [
        (line, "target_groups/0/name heeft geen tekst in de standaardtaal (nl).")
    ]


def test_broken_yaml_names_its_line(tmp_path):
    path, line = broken(tmp_path, "plan:\n", "plan: [\n")
    with pytest.raises(ContentError) as refused:
        read_content(path.read_text())
    [(reported, message)] = refused.value.problems
    assert message.startswith("Dit is geen geldige YAML") and reported >= line


def test_a_dry_run_says_what_a_load_would_create_and_saves_nothing():
    out = StringIO()
    call_command("load_rainbow_plan", "--dry-run", stdout=out)
    assert "(dry run: nothing was saved)" in out.getvalue()
    assert "would create 8 objectives" in out.getvalue()
    assert not Plan.objects.exists() and not Action.objects.exists()
    loaded = StringIO()
    call_command("load_rainbow_plan", stdout=loaded)
    created = (
        out.getvalue()
        .replace("would create", "created")
        .replace("would update", "updated")
        .replace(" (dry run: nothing was saved)", "")
    )
    assert loaded.getvalue() == created


def test_a_file_with_five_mistakes_gets_all_five_with_their_lines_and_loads_nothing(tmp_path):
    text = GENK
    mistakes = [
        ("  start_year: 2020\n", "  start_year: twenty\n"),  # a value of the wrong type
        ("target_groups: [everyone, lgbti]", "target_groups: [everyone, lgbt]"),  # a reference
        ('name: {nl: "Iedereen", en: "Everyone"}', 'name: {en: "Everyone"}'),  # no Dutch text
        ("    place: genk  #", "    place: gemeentehuis  #"),  # a place that is not there
        ("    kind: advocacy\n", "    kind: lobby\n"),  # not in the vocabulary
    ]
    lines = []
    for old, new in mistakes:
        assert old in text, old
        lines.append(text[: text.index(old)].count("\n") + 1)
        text = text.replace(old, new, 1)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("load_rainbow_plan", str(path))
    reported = [int(n) for n in re.findall(r"^line (\d+):", str(refused.value), re.M)]
    assert len(reported) == 5, str(refused.value)
    assert sorted(reported) == sorted(lines), str(refused.value)
    assert not Plan.objects.exists()
