"""Redis that may go away: the portal keeps answering while it is down.

Django's RedisCache raises on every call when Redis does not answer, so each page (through
the page cache) and each sign-in (allauth's rate limits) became a 500. ResilientRedisCache
catches Redis errors, logs the outage once per process (and its end), and serves the call
from a fallback while Redis is away, trying Redis again every RETRY_SECONDS:
- FALLBACK "memory": this process's memory (rate limits keep counting, per process);
- FALLBACK "none": nothing is stored (the page cache: pages are made afresh; a per-process
  copy could not be made stale by a change saved in another process).
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
# While Redis is down a call waits at most this long for it (connect and answer).
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
CALLS = [
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
    "delete_many", "clear",
]  # fmt: skip


class _Outage:
    """Whether Redis at one address is known to be down, shared by the threads of a process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.retry_at = 0.0  # 0: up

    def skip_redis(self):
        return self.retry_at and time.monotonic() < self.retry_at

    def failed(self, location, error):
        with self.lock:
            first = not self.retry_at
            self.retry_at = time.monotonic() + RETRY_SECONDS
        if first:
            logger.error("Redis at %s does not answer (%s); serving without it", location, error)

    def answered(self, location):
        if self.retry_at:
            with self.lock:
                self.retry_at = 0.0
            logger.warning("Redis at %s answers again", location)


_outages: dict[str, _Outage] = {}


class _ClientPerPool(RedisCacheClient):
    """Django's client builds a new redis.Redis for every call, and with it redis-py's table of
    ~170 reply parsers: 0.15 ms, a third of what serving a stored page cost (cProfile,
    docs/performance.md). A redis.Redis is safe to share; one is kept per connection pool."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._class = _ClientPerPool
        self._location = server if isinstance(server, str) else ",".join(server)
        self._outage = _outages.setdefault(self._location, _Outage())
        fallback = params.get("FALLBACK", "memory")
        self._fallback = (
            LocMemCache(f"fallback:{self.key_prefix}", {})
            if fallback == "memory"
            else DummyCache("", {})
        )


def _resilient(name):
    redis_call = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        if not self._outage.skip_redis():
            try:
                result = redis_call(self, *args, **kwargs)
            except redis.RedisError as error:
                self._outage.failed(self._location, error)
            else:
                self._outage.answered(self._location)
                return result
        return getattr(self._fallback, name)(*args, **kwargs)

    call.__name__ = name
    return call


for _name in CALLS:
    setattr(ResilientRedisCache, _name, _resilient(_name))
