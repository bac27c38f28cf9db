"""The content file checked before anything is loaded: its shape against the JSON Schema
(actionplan/data/content.schema.json, documented in docs/content-format.md), then what the
schema cannot say (every text in the default language, references that point at something,
numbers and identifiers used once), each problem with its line in the file, in plain words."""

import json
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from genk_rainbow import languages, palette

SCHEMA_FILE = Path(__file__).parent / "data" / "content.schema.json"


class ContentError(Exception):
    """The file cannot be loaded: `problems` is a list of (line, message)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(f"line {line}: {message}" for line, message in problems))


def read_content(text):
    """The file's data, checked; raises ContentError with every problem found."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise ContentError(
            [
                (
                    line,
                    _("This is not valid YAML: %(error)s")
                    % {"error": error.problem if hasattr(error, "problem") else error},
                )
            ]
        ) from None
    lines = _Lines(root)
    # YAML reads dates as dates; JSON Schema knows strings: check them as the file writes them.
    plain = json.loads(json.dumps(data, default=str))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    problems = [
        (lines.of(error.absolute_path), _explain(error))
        for error in sorted(
            Draft202012Validator(schema).iter_errors(plain), key=lambda e: list(e.absolute_path)
        )
    ]
    # What the schema cannot say, also where it found problems (each check that the broken
    # shape makes impossible is left out), so one run reports every mistake it can.
    problems += _references(data, lines)
    if problems:
        raise ContentError(sorted(set(problems)))
    return data


def _explain(error):
    where = "/".join(str(part) for part in error.absolute_path) or _("the file")
    if error.validator == "required":
        return _("%(where)s: %(field)s is missing.") % {
            "where": where,
            "field": error.message.split("'")[1],
        }
    if error.validator == "additionalProperties":
        return _("%(where)s: unknown field (%(detail)s).") % {
            "where": where,
            "detail": error.message,
        }
    if error.validator == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)
        return _("%(where)s: “%(value)s” is not one of: %(allowed)s.") % {
            "where": where,
            "value": error.instance,
            "allowed": allowed,
        }
    return _("%(where)s: %(detail)s") % {"where": where, "detail": error.message}


class _Lines:
    """The line (1-based) of any path of the data in the YAML file."""

    def __init__(self, root):
        self.root = root

    def of(self, path):
        node = self.root
        for part in path:
            if isinstance(node, yaml.MappingNode):
                found = [value for key, value in node.value if key.value == part]
                if not found:
                    break
                node = found[0]
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and part < len(node.value)
            ):
                node = node.value[part]
            else:
                break
        return node.start_mark.line + 1 if node is not None else 1


def _references(data, lines):
    """What the schema cannot check: the default language's texts, references, duplicates."""
    default, problems = languages.codes()[0], []

    def need(path, condition, message):
        if not condition:
            problems.append((lines.of(path), message))

    def safely(collect, default):
        try:
            return collect()
        except (KeyError, TypeError, AttributeError):
            return default

    groups = safely(lambda: {group["code"] for group in data["target_groups"]}, set())
    partners = safely(lambda: {p["slug"].get(default) for p in data["partners"]}, set())
    places = safely(lambda: {p["slug"].get(default) for p in data.get("places", [])}, set())
    plan = data.get("plan") if isinstance(data, dict) else None
    if not isinstance(plan, dict) or not isinstance(plan.get("objectives"), list):
        return problems
    numbers = safely(lambda: [objective["number"] for objective in plan["objectives"]], [])
    identifiers = safely(
        lambda: [a["identifier"] for o in plan["objectives"] for a in o.get("actions", [])], []
    )
    need(
        ["plan", "end_year"],
        safely(lambda: plan["start_year"] <= plan["end_year"], True),
        _("The plan ends before it starts."),
    )
    need(
        ["plan", "objectives"],
        len(set(numbers)) == len(numbers),
        _("Two objectives have the same number."),
    )
    need(
        ["plan", "objectives"],
        len(set(identifiers)) == len(identifiers),
        _("Two actions have the same identifier."),
    )
    _default_texts(data, [], default, lines, problems)
    problems += _identity(data.get("identity"), lines)
    try:  # a reference check needs the shape the schema asks; where it is broken, stop
        for o, objective in enumerate(plan["objectives"]):
            for a, action in enumerate(objective["actions"]):
                path = ["plan", "objectives", o, "actions", a]
                if lead := action.get("lead_partner"):
                    need(
                        [*path, "lead_partner"],
                        lead in partners,
                        _("No partner has the slug “%(slug)s”.") % {"slug": lead},
                    )
                for p, link in enumerate(action.get("partners", [])):
                    need(
                        [*path, "partners", p, "partner"],
                        link["partner"] in partners,
                        _("No partner has the slug “%(slug)s”.") % {"slug": link["partner"]},
                    )
                for g, code in enumerate(action.get("target_groups", [])):
                    need(
                        [*path, "target_groups", g],
                        code in groups,
                        _("No target group has the code “%(code)s”.") % {"code": code},
                    )
                for n, number in enumerate(action.get("other_objectives", [])):
                    need(
                        [*path, "other_objectives", n],
                        number in numbers,
                        _("There is no objective %(number)s.") % {"number": number},
                    )
        for f, focus in enumerate(plan.get("year_focus", [])):
            for a, identifier in enumerate(focus["actions"]):
                need(
                    ["plan", "year_focus", f, "actions", a],
                    identifier in identifiers,
                    _("No action has the identifier “%(identifier)s”.")
                    % {"identifier": identifier},
                )
        for i, indicator in enumerate(plan.get("indicators", [])):
            for n, number in enumerate(indicator.get("objectives", [])):
                need(
                    ["plan", "indicators", i, "objectives", n],
                    number in numbers,
                    _("There is no objective %(number)s.") % {"number": number},
                )
            for a, identifier in enumerate(indicator.get("actions", [])):
                need(
                    ["plan", "indicators", i, "actions", a],
                    identifier in identifiers,
                    _("No action has the identifier “%(identifier)s”.")
                    % {"identifier": identifier},
                )
        for e, event in enumerate(data.get("events", [])):
            if organiser := event.get("organiser"):
                need(
                    ["events", e, "organiser"],
                    organiser in partners,
                    _("No partner has the slug “%(slug)s”.") % {"slug": organiser},
                )
            if place := event.get("place"):
                need(
                    ["events", e, "place"],
                    place in places,
                    _("No place has the slug “%(slug)s”.") % {"slug": place},
                )
            if related := event.get("related_action"):
                need(
                    ["events", e, "related_action"],
                    related in identifiers,
                    _("No action has the identifier “%(identifier)s”.") % {"identifier": related},
                )
            for g, code in enumerate(event.get("target_groups", [])):
                need(
                    ["events", e, "target_groups", g],
                    code in groups,
                    _("No target group has the code “%(code)s”.") % {"code": code},
                )
    except (KeyError, TypeError, AttributeError):
        pass
    return problems


def _identity(identity, lines):
    """Languages the interface has (the default one first), the time zone the portal runs in,
    a colour dark enough for text."""
    if not isinstance(identity, dict):
        return []
    problems, known = [], languages.codes()
    chosen = identity.get("languages") or []
    if isinstance(chosen, list):
        for index, code in enumerate(chosen):
            if code not in known:
                problems.append(
                    (
                        lines.of(["identity", "languages", index]),
                        _("The interface has no language “%(code)s”; it has %(known)s.")
                        % {"code": code, "known": ", ".join(known)},
                    )
                )
        if chosen and chosen[0] != known[0]:
            problems.append(
                (
                    lines.of(["identity", "languages"]),
                    _("The first language is the default one, which must be %(code)s.")
                    % {"code": known[0]},
                )
            )
    zone = identity.get("time_zone")
    if zone and zone != settings.TIME_ZONE:
        problems.append(
            (
                lines.of(["identity", "time_zone"]),
                _("The portal runs in %(running)s, not %(zone)s: set TIME_ZONE=%(zone)s.")
                % {"running": settings.TIME_ZONE, "zone": zone},
            )
        )
    colour = identity.get("primary_colour")
    if isinstance(colour, str) and palette.HEX.match(colour):
        try:
            palette.validate_accessible_colour(colour)
        except ValidationError as error:
            problems.append((lines.of(["identity", "primary_colour"]), " ".join(error.messages)))
    return problems


TEXT_KEYS = {
    "name",
    "title",
    "summary",
    "description",
    "intro",
    "body",
    "slug",
    "text",
    "role",
    "city_name",
    "site_name",
}


def _default_texts(node, path, default, lines, problems):
    """Every text given per language has the default language's (the pages fall back to it)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, dict) and value and default not in value:
                problems.append(
                    (
                        lines.of([*path, key]),
                        _("%(where)s has no text in the default language (%(language)s).")
                        % {"where": "/".join(map(str, [*path, key])), "language": default},
                    )
                )
            _default_texts(value, [*path, key], default, lines, problems)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, dict) and path and path[-1] == "aims" and default not in value:
                problems.append(
                    (
                        lines.of([*path, index]),
                        _("%(where)s has no text in the default language (%(language)s).")
                        % {"where": "/".join(map(str, [*path, index])), "language": default},
                    )
                )
            _default_texts(value, [*path, index], default, lines, problems)
