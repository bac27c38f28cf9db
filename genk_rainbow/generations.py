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
its keys (its "epoch" token is then new too, so every generation read before is stale).
"""

import contextvars
import functools
import re
import secrets

from django.core.cache import caches
from django.db import transaction
from django.db.backends.signals import connection_created

from . import page_cache

EPOCH = "generation:epoch"
WRITES = re.compile(
    r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I
)
TRUNCATE = re.compile(r"\s*TRUNCATE\b", re.I)
QUOTED = re.compile(r'"(\w+)"')
READS = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"', re.I)
# Tables no part of a page shows: a session is written on many requests of signed-in users.
UNSHOWN = frozenset({"django_session", "django_cache", "django_migrations"})


def _store():
    return caches["pages"]


def key(table):
    return f"generation:{table}"


def bump(tables):
    """New generations for these tables (the store's errors are its own: see cache.py), and
    the stored pages that show them made stale."""
    tables = set(tables) - UNSHOWN
    if tables:
        _store().set_many({key(table): secrets.token_hex(8) for table in tables}, None)
        page_cache.tables_written(tables)


def forget_all():
    """Every generation read before is stale (a new epoch): `manage.py clear_page_cache`."""
    _store().set(EPOCH, secrets.token_hex(8), None)


def _written_tables(sql):
    if TRUNCATE.match(sql):
        return set(QUOTED.findall(sql))
    match = WRITES.match(sql)
    return {match[1]} if match else ()


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
def _names():
    from django.db import connection

    return [EPOCH, *(key(t) for t in connection.introspection.django_table_names())]


class Reads:
    """The tables one request has read, and the generations before its first read."""

    def __init__(self):
        self.tables = set()
        self._generations = None
        self.unavailable = False

    def generations(self):
        """{table: token} with the epoch under EPOCH, or None when the store does not answer
        (nothing may then be kept: a change could not be told)."""
        if self._generations is None and not self.unavailable:
            names = _names()
            found = _store().get_many(names)
            if EPOCH not in found:
                _store().add(EPOCH, secrets.token_hex(8), None)
                found = _store().get_many(names)
            if EPOCH in found:
                self._generations = found
            else:
                self.unavailable = True
        return self._generations

    def of(self, tables):
        """The generations of these tables as they were before this request read anything."""
        generations = self.generations()
        if generations is None:
            return None
        return (generations[EPOCH], *(generations.get(key(table)) for table in tables))


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
    """Records the tables a GET request reads (stored_parts.py keeps parts of its page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _reads.set(Reads())
        try:
            return self.get_response(request)
        finally:
            _reads.reset(token)
