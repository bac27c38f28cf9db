"""Table generations: which tables a request read, and whether any of them was written since.

Every SQL statement that writes a table (INSERT, UPDATE, DELETE, TRUNCATE: a save, a delete,
a QuerySet.update(), a bulk_create, a management command, raw SQL) gives that table a new
generation, a random token kept in the `pages` store (Redis in production, shared by every
process and server): at once, and again when its transaction commits, because a request may
read the old rows between the write and the commit. The SQL itself says which tables changed,
so nothing has to remember to signal a change (signals miss update() and bulk_create).

A GET request records the tables it reads (`Reads`) and, before its first query, the
generations of every table as they were then: what it makes from those tables is known to be
at least that fresh. Parts of pages are kept under them (stored_parts.py).

Tokens are random, never counters: a token once seen never comes back, also after Redis lost
its keys (its "epoch" token is then new too, so every generation read before is stale), and a
key is never read as missing: it gets a token of its own first.
"""

import contextvars
import functools
import re
import secrets
import time

from django.core.cache import caches
from django.db import transaction
from django.db.backends.signals import connection_created

EPOCH = "generation:epoch"
WRITES = re.compile(
    r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I
)
TRUNCATE = re.compile(r"\s*TRUNCATE\b", re.I)
QUOTED = re.compile(r'"(\w+)"')
# Django writes FROM and JOIN in capitals; raw SQL may not. (re.I made it 3x slower: 29 us on
# the action page's query.) A word after FROM that is no table (EXTRACT(YEAR FROM ...)) only
# adds a name that never changes.
READS = re.compile(r'(?:FROM|JOIN|from|join)\s+"?(\w+)')
# Tables no part of a page shows: a session is written on many requests of signed-in users.
UNSHOWN = frozenset({"django_session", "django_cache", "django_migrations"})


def _store():
    return caches["pages"]


def key(table):
    return f"generation:{table}"


def bump(tables):
    """New generations for these tables (the store's errors are its own: see cache.py)."""
    tables = set(tables) - UNSHOWN
    if tables:
        _store().set_many({key(table): secrets.token_hex(8) for table in tables}, None)
        _recent.forget()  # this process knows at once


def forget_all():
    """Every generation read before is stale (a new epoch): `manage.py clear_page_cache`."""
    _store().set(EPOCH, secrets.token_hex(8), None)
    _recent.forget()


def _written_tables(sql):
    if TRUNCATE.match(sql):
        return set(QUOTED.findall(sql)) - UNSHOWN
    match = WRITES.match(sql)
    return {match[1]} - UNSHOWN if match else ()


class _OnCommit:
    """The tables a transaction wrote, bumped once more when it commits."""

    def __init__(self):
        self.tables = set()

    def __call__(self):
        bump(self.tables)


def _again_on_commit(connection, tables):
    pending = getattr(connection, "_generations_on_commit", None)
    # A rollback drops the transaction's callbacks, this one with them: register a new one.
    if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
        pending = connection._generations_on_commit = _OnCommit()
        transaction.on_commit(pending, using=connection.alias)
    pending.tables.update(tables)


@functools.cache
def names():
    """The store's keys of the epoch and of every table's generation."""
    from django.db import connection

    return [EPOCH, *(key(t) for t in connection.introspection.django_table_names())]


def snapshot(found):
    """Every table's generation, from what get_many(names()) found: {key: token}, or None
    when the store does not answer: nothing may then be kept, as no change could be told.

    A key not found (a table never written, a new store, a key Redis evicted) gets a token of
    its own first: "missing" is never a generation, or a part made while a key was missing
    would look fresh again after its table was written and the key evicted."""
    missing = [name for name in names() if name not in found]
    if missing:
        store = _store()
        for name in missing:
            store.add(name, secrets.token_hex(8), None)
        found = {**found, **store.get_many(missing)}
        if any(name not in found for name in missing):
            return None
    return found


class _Recent:
    """The last snapshot this process read, trusted for a short while by the page cache: its
    own writes forget it at once, other processes' show when it is read again."""

    def __init__(self):
        self.generations, self.read_at = None, 0.0

    def within(self, seconds):
        fresh = time.monotonic() - self.read_at < seconds
        return self.generations if fresh else None

    def remember(self, generations):
        self.generations, self.read_at = generations, time.monotonic()

    def forget(self):
        self.generations, self.read_at = None, 0.0


_recent = _Recent()
recent_snapshot = _recent.within
forget_recent = _recent.forget


def read_snapshot(*more):
    """(snapshot, what else was asked for): every table's generation and `more` keys of the
    store, in one round trip."""
    found = _store().get_many([*more, *names()])
    generations = snapshot({name: found[name] for name in names() if name in found})
    if generations is not None:
        _recent.remember(generations)
    return generations, {name: found[name] for name in more if name in found}


def of(generations, tables):
    """The generations of these tables in a snapshot, with its epoch (a name that is no
    table, read after FROM in some SQL, has none and needs none)."""
    return (generations[EPOCH], *(generations.get(key(table)) for table in tables))


class Reads:
    """The tables one request has read, and every table's generation before its first read
    (the page cache's lookup, when it made one, was before it)."""

    def __init__(self, generations=None):
        self.tables = set()
        self._generations = generations
        self.unavailable = False

    def generations(self):
        if self._generations is None and not self.unavailable:
            self._generations = read_snapshot()[0]
            self.unavailable = self._generations is None
        return self._generations

    def of(self, tables):
        """These tables' generations as they were before this request read anything, or
        None: the store does not answer."""
        generations = self.generations()
        return None if generations is None else of(generations, tables)


_reads = contextvars.ContextVar("reads", default=None)


def current_epoch():
    """The epoch (new after `manage.py clear_page_cache`): for what is kept under a version of
    its own rows (fragments.py, the calendars' VEVENTs), which a restore may have changed."""
    reads = _reads.get() or Reads()
    generations = reads.generations()
    return generations[EPOCH] if generations else None


def current_reads():
    return _reads.get()


def _track(execute, sql, params, many, context):
    reads = _reads.get()
    written = _written_tables(sql)
    if written:
        result = execute(sql, params, many, context)
        connection = context["connection"]
        bump(written)
        if connection.in_atomic_block:
            _again_on_commit(connection, written)
        return result
    if reads is not None and not reads.unavailable:
        reads.generations()  # before the first read: what is read is at least this fresh
        reads.tables.update(set(READS.findall(sql)) - UNSHOWN)
    return execute(sql, params, many, context)


def install():
    """Watch every database connection's statements (GenkRainbowConfig.ready)."""
    connection_created.connect(_watch, dispatch_uid="generations_watch")


def _watch(sender, connection, **kwargs):
    # First in the list: Django's execute_wrapper() context manager pops the last one.
    if _track not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _track)


class ReadsMiddleware:
    """Records the tables a GET request reads (`request.reads`): stored_parts.py keeps the
    parts of its page under them, page_cache.py the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        request.reads = Reads(getattr(request, "generations", None))
        token = _reads.set(request.reads)
        try:
            return self.get_response(request)
        finally:
            _reads.reset(token)
