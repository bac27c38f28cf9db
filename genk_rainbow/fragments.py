"""Versions of what a part of a page shows, for `{% cache fragment_seconds NAME LANGUAGE_CODE
version using="fragments" %}`: the cards inside the stored parts of stored_parts.py
(docs/architecture.md, "Fragments per version").

A version is the text of every value the rows a part is made from carry: their fields in all
languages, their annotations (a roll-up, counts) and the rows put on them as lists (a prefetch
`to_attr`), in lists, tuples and dataclasses as the page holds them (the month view's weeks of
occurrences), with whatever else the part shows (an address). The part's HTML is kept under it,
so a change to any of those gives a new key and nothing has to forget the old one. Rows the
part shows from a plain prefetch or select_related are passed as rows of their own. The rows
are those the page has read anyway, so a version costs no query."""

import dataclasses

from django.db import models


def _values(value):
    if isinstance(value, models.Model) or dataclasses.is_dataclass(value):
        return [(name, _values(v)) for name, v in vars(value).items() if not name.startswith("_")]
    if isinstance(value, list | tuple):
        return [_values(v) for v in value]
    return value


def version(*rows, extra=()):
    return repr((_values(list(rows)), *extra))
