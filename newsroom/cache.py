"""Django's Redis cache backend, made an accelerator rather than a dependency.

With Redis stopped, refusing connections or frozen, a cache call must not
fail the request that made it: a read answers a miss, a write is dropped,
and the failure is logged. Short socket timeouts bound how long a frozen
Redis can hold a request. After a failure the process leaves Redis alone for
a short pause (``pause`` seconds, one by default), so the requests that
follow do not each wait out their own timeout; the first call after the
pause tries again, which is how the site recovers without a restart.

A caller that must know whether the cache answered (the comment flood
limits, the public cache's invalidation) uses an alias whose options say
``"strict": True``: the same store, raising ``CacheUnavailable`` instead.
"""

import logging
import time

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

logger = logging.getLogger(__name__)

# Loopback or a LAN answers in well under a millisecond; a quarter of a
# second is a Redis that is not going to answer this request.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}
DEFAULT_PAUSE = 1.0

# Until when each server list is left alone, shared by every alias and thread
# of the process (Django builds one backend instance per thread).
_away_until: dict[tuple[str, ...], float] = {}


class CacheUnavailable(Exception):
    """The cache could not be reached, or did not answer in time."""


class _Away(redis.ConnectionError):
    """Raised instead of calling Redis during the pause after a failure."""


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.strict = bool(options.pop("strict", False))
        self.pause = float(options.pop("pause", DEFAULT_PAUSE))
        super().__init__(server, {**params, "OPTIONS": {**DEFAULT_OPTIONS, **options}})
        self._servers_key = tuple(self._servers)

    def _approach(self) -> None:
        if time.monotonic() < _away_until.get(self._servers_key, 0.0):
            raise _Away("Redis failed a moment ago")

    def _failed(self, operation: str, error: redis.RedisError, fallback):
        if not isinstance(error, _Away):
            _away_until[self._servers_key] = time.monotonic() + self.pause
            logger.warning(
                "Cache %s failed (%s: %s); Redis is left alone for %.1f s.",
                operation,
                type(error).__name__,
                error,
                self.pause,
            )
        if self.strict:
            raise CacheUnavailable(f"The cache could not {operation}: {error}") from error
        if isinstance(fallback, Exception):
            raise fallback from error
        return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            self._approach()
            return super().add(key, value, timeout, version)
        except redis.RedisError as error:
            return self._failed("add", error, False)

    def get(self, key, default=None, version=None):
        try:
            self._approach()
            return super().get(key, default, version)
        except redis.RedisError as error:
            return self._failed("get", error, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            self._approach()
            return super().set(key, value, timeout, version)
        except redis.RedisError as error:
            return self._failed("set", error, None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            self._approach()
            return super().touch(key, timeout, version)
        except redis.RedisError as error:
            return self._failed("touch", error, False)

    def delete(self, key, version=None):
        try:
            self._approach()
            return super().delete(key, version)
        except redis.RedisError as error:
            return self._failed("delete", error, False)

    def get_many(self, keys, version=None):
        try:
            self._approach()
            return super().get_many(keys, version)
        except redis.RedisError as error:
            return self._failed("get", error, {})

    def has_key(self, key, version=None):
        try:
            self._approach()
            return super().has_key(key, version)
        except redis.RedisError as error:
            return self._failed("read", error, False)

    def incr(self, key, delta=1, version=None):
        try:
            self._approach()
            return super().incr(key, delta, version)
        except redis.RedisError as error:
            # What Django raises for a key it cannot find; callers handle it already.
            return self._failed("incr", error, ValueError(f"Key {key!r} not found."))

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            self._approach()
            return super().set_many(data, timeout, version)
        except redis.RedisError as error:
            return self._failed("set", error, list(data))

    def delete_many(self, keys, version=None):
        try:
            self._approach()
            return super().delete_many(keys, version)
        except redis.RedisError as error:
            return self._failed("delete", error, None)

    def clear(self):
        try:
            self._approach()
            return super().clear()
        except redis.RedisError as error:
            return self._failed("clear", error, False)
