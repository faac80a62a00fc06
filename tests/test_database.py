"""The database settings: what PostgreSQL runs with, the read replica, times read back intact."""

import datetime as dt
import json

import pytest

from articles.models import Comment
from tests.factories import ArticleFactory
from tests.test_settings import run_manage

PRINT_DATABASE = (
    "from django.conf import settings; import json; d = settings.DATABASES['default']; "
    "print(json.dumps({'engine': d['ENGINE'], 'options': d.get('OPTIONS', {})}))"
)


def _database_settings(**env) -> dict:
    result = run_manage("shell", "-c", PRINT_DATABASE, env={"DEBUG": "1", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_runs_on_djangos_backend_with_prepared_statements():
    """A postgres:// DATABASE_URL selects Django's own backend, with server-side binding."""
    found = _database_settings(DATABASE_URL="postgres://u@db.example:5432/news")
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["options"]["server_side_binding"] is True
    assert found["options"]["prepare_threshold"] == 5


def test_prepared_statements_can_be_turned_off_for_a_pooler():
    """DATABASE_PREPARED_STATEMENTS=0 leaves psycopg's statements unprepared."""
    found = _database_settings(
        DATABASE_URL="postgres://u@db.example:5432/news", DATABASE_PREPARED_STATEMENTS="0"
    )
    assert found["options"]["prepare_threshold"] is None


PRINT_REPLICA = (
    "from django.conf import settings; import json; d = settings.DATABASES; "
    "print(json.dumps({'aliases': sorted(d), 'replica': d.get('replica', {}).get('HOST'), "
    "'options': d.get('replica', {}).get('OPTIONS'), "
    "'routers': getattr(settings, 'DATABASE_ROUTERS', [])}))"
)


def _replica_settings(**env) -> dict:
    result = run_manage("shell", "-c", PRINT_REPLICA, env={"DEBUG": "1", **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_read_replica_is_configured_only_when_its_address_is_given():
    """DATABASE_REPLICA_URL adds the "replica" alias, set up as the primary, and the router
    that sends reads to it; without it there is one database and no router."""
    primary = "postgres://u@db.example:5432/news"
    found = _replica_settings(
        DATABASE_URL=primary, DATABASE_REPLICA_URL="postgres://u@replica.example:5432/news"
    )
    assert found["aliases"] == ["default", "replica"]
    assert found["replica"] == "replica.example"
    assert found["options"]["server_side_binding"] is True
    assert found["routers"] == ["newsroom.routers.ReplicaRouter"]
    alone = _replica_settings(DATABASE_URL=primary, DATABASE_REPLICA_URL="")
    assert alone["aliases"] == ["default"] and alone["routers"] == []


def test_sqlite_keeps_django_backend():
    """SQLite, the newcomer's default, is Django's own backend."""
    found = _database_settings(DATABASE_URL="sqlite:////tmp/newsroom-settings-test.sqlite3")
    assert found["engine"] == "django.db.backends.sqlite3"


@pytest.mark.django_db
def test_times_read_back_as_the_same_instant_in_utc():
    """A stored time comes back aware, in UTC, at the instant that was saved."""
    when = dt.datetime(2026, 3, 14, 9, 26, 53, 589793, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    article = ArticleFactory()
    comment = Comment.objects.create(
        article=article, author_name="Ada", author_email="ada@saltmere.example", body="Hi"
    )
    Comment.objects.filter(pk=comment.pk).update(status_changed_at=when)
    found = Comment.objects.get(pk=comment.pk).status_changed_at
    assert found == when
    assert found.utcoffset() == dt.timedelta(0)
