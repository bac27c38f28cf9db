"""Site-wide search over what the public sees: actions, objectives, events, partners and the
content pages, in the visitor's language (texts not yet translated count in Dutch, as the pages
show them). PostgreSQL: full-text search with the language's unaccented configuration
(migration 0001), ranked, with the matching words marked in a snippet. SQLite (`make run`):
the same sources read in Python, every word unaccented and case-folded, for small data."""

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from actionplan.models import Action, Objective, Plan
from events.models import Event
from genk_rainbow import languages
from genk_rainbow.models import Page
from partners.models import Partner

MAX_QUERY_LENGTH = 200
PER_KIND = 20
# PostgreSQL's stemming dictionary per language code; others are searched word for word.
CONFIGURATIONS = {"nl": "dutch", "en": "english", "fr": "french", "de": "german"}
START, STOP = "\x02", "\x03"  # marks around matches, made <mark> after escaping the text
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2}


@dataclass(frozen=True)
class Source:
    kind: str
    queryset: object  # () -> QuerySet of the public objects
    title: str
    texts: tuple  # (field, weight) for the snippet and the rank, after the title (weight A)


def _published_plans():
    return Plan.objects.published()


SOURCES = [
    Source(
        _("Action"),
        lambda: Action.objects.public().filter(objective__plan__in=_published_plans()),
        "title",
        (("summary", "B"), ("description", "C")),
    ),
    Source(
        _("Objective"),
        lambda: Objective.objects.filter(plan__in=_published_plans()),
        "title",
        (("description", "B"),),
    ),
    Source(
        _("Event"),
        lambda: Event.objects.published(),
        "title",
        (("summary", "B"), ("description", "C")),
    ),
    Source(
        _("Partner"),
        lambda: Partner.objects.all(),
        "name",
        (("summary", "B"), ("description", "C")),
    ),
    Source(_("Page"), lambda: Page.objects.all(), "title", (("body", "B"),)),
]


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark> around the matches
    rank: float


def search(text, language):
    """The results for `text` in `language`, best first (at most PER_KIND of each kind)."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not words(text):
        return []
    find = _postgres if connection.vendor == "postgresql" else _python
    with override(language):
        results = [result for source in SOURCES for result in find(source, text, language)]
    return sorted(results, key=lambda result: -result.rank)


def words(text):
    return [word for word in re.findall(r"\w+", _folded(text)) if word]


def _folded(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _column(name, language):
    """The field in `language`, the default language's where it is empty (as pages show)."""
    own, default = languages.column(name, language), languages.default_field(name)
    text = TextField()
    if own == default:
        return Coalesce(F(own), Value(""), output_field=text)
    return Coalesce(NullIf(F(own), Value("")), F(default), Value(""), output_field=text)


def _marked(snippet):
    """Escaped text with the matches marked, markdown signs left out."""
    snippet = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", snippet)
    snippet = re.sub(r"(^|\s)[#>]+(?=\s)", r"\1", snippet)  # headings, quotes
    snippet = re.sub(r"[*_`]+", "", snippet)  # emphasis, code
    html = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(" ".join(html.split()))


def _postgres(source, text, language):
    config = f"regenboog_{CONFIGURATIONS.get(language, 'simple')}"
    fields = [(source.title, "A"), *source.texts]
    vector = reduce(
        lambda a, b: a + b,
        [SearchVector(_column(f, language), weight=w, config=config) for f, w in fields],
    )
    query = SearchQuery(text, config=config, search_type="websearch")
    parts = [_column(f, language) for f, _w in source.texts]
    body = reduce(lambda a, b: Concat(a, Value(" "), b, output_field=TextField()), parts)
    found = (
        source.queryset()
        .annotate(match=vector, rank=SearchRank(vector, query))
        .filter(match=query)
        .annotate(
            snippet=SearchHeadline(
                body, query, config=config, start_sel=START, stop_sel=STOP, max_words=28,
                min_words=12, max_fragments=1,
            )
        )
        .order_by("-rank")[:PER_KIND]
    )  # fmt: skip
    return [
        Result(source.kind, str(obj), obj.get_absolute_url(), _marked(obj.snippet), obj.rank)
        for obj in found
    ]


def _python(source, text, language):
    wanted = words(text)
    results = []
    for obj in source.queryset():
        title = getattr(obj, source.title) or ""
        texts = [(getattr(obj, f) or "", WEIGHTS[w]) for f, w in source.texts]
        every = _folded(" ".join([title, *(t for t, _w in texts)]))
        if not all(word in every for word in wanted):
            continue
        rank = WEIGHTS["A"] * any(word in _folded(title) for word in wanted)
        rank += sum(weight for body, weight in texts if any(w in _folded(body) for w in wanted))
        body = " ".join(t for t, _w in texts)
        results.append(
            Result(source.kind, str(obj), obj.get_absolute_url(), _snippet(body, wanted), rank)
        )
    return sorted(results, key=lambda r: -r.rank)[:PER_KIND]


def _snippet(body, wanted, width=90):
    """About `width` characters around the first match, the matching words marked."""
    folded = _folded(body)
    if len(folded) != len(body):  # a character that unfolds to several: no marks
        return _marked(body[: 2 * width])
    starts = [folded.find(word) for word in wanted if word in folded]
    first = min(starts) if starts else 0
    start, end = max(0, first - width // 2), first + width
    piece, folded_piece = body[start:end], folded[start:end]
    spans = sorted(
        (m.start(), m.end()) for word in wanted for m in re.finditer(re.escape(word), folded_piece)
    )
    out, at = [], 0
    for begin, finish in spans:
        if begin < at:
            continue
        out += [piece[at:begin], START, piece[begin:finish], STOP]
        at = finish
    out.append(piece[at:])
    prefix, suffix = ("… " if start else ""), (" …" if end < len(body) else "")
    return _marked(prefix + "".join(out) + suffix)
