"""Django's PostgreSQL backend, with times read by psycopg's C parser.

Django reads every ``timestamptz`` through a loader built on psycopg's
pure-Python parser, so that values come back in the connection's zone
(``datetime.timezone.utc``). That parser costs about 5 µs a value: the 100
times of an article page's fifty comments took longer to read than the
query took to run. This backend keeps Django's result (same zone, same
instant) but parses with psycopg's compiled loader when psycopg has one.

Settings select it for ``DATABASE_URL=postgres://...``; everything else is
Django's backend unchanged.
"""

import datetime

from django.db.backends.postgresql import base
from psycopg import adapters
from psycopg.adapt import Loader
from psycopg.pq import Format

_TIMESTAMPTZ = adapters.types["timestamptz"].oid
# psycopg's own loader: the compiled one when psycopg[binary] or [c] is installed.
_PARSER = adapters.get_loader(_TIMESTAMPTZ, Format.TEXT)


def _zoned_loader(zone: datetime.tzinfo) -> type[Loader]:
    class ZonedTimestamptzLoader(Loader):
        # Django's cursor() compares this with the connection's zone before
        # registering its own, slower loader.
        timezone = zone

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            self._parse = _PARSER(oid, context).load

        def load(self, data):
            return self._parse(data).astimezone(zone)

    return ZonedTimestamptzLoader


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if self.timezone is not None:  # None: USE_TZ is off and Django strips the zone
            connection.adapters.register_loader("timestamptz", _zoned_loader(self.timezone))
        return connection
