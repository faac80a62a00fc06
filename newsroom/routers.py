"""Reads go to the read replica, when there is one; everything else to the primary.

Settings install ``ReplicaRouter`` when ``DATABASE_REPLICA_URL`` is set.
A read inside a transaction on the primary stays on the primary: it may
need to see the transaction's own writes, or lock the row it reads
(``select_for_update``), which a replica cannot do. So the desk's saves and
the moderators' decisions read where they write, and every read the reader
pages make outside a transaction, raw SQL included (``articles.search``
asks ``router.db_for_read``), is the replica's.
"""

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from one may join one from the other.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
