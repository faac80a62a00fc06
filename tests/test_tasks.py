"""The Celery tasks, run as the in-process app runs them when no broker is set."""

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from articles import tasks
from articles.models import Feed, IngestItem, TrainedClassifier
from articles.services import ingest
from tests.ingest_copy import FERRY, text_copy
from tests.wire_server import page, rss

pytestmark = pytest.mark.django_db


def test_with_no_broker_the_tasks_run_in_process():
    """make run and make test need no Redis: CELERY_BROKER_URL unset means eager."""
    assert settings.CELERY_TASK_ALWAYS_EAGER
    assert tasks.ingest_item.acks_late and tasks.ingest_item.reject_on_worker_lost


def test_an_item_that_failed_is_sent_again_after_its_back_off(tmp_path):
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    item = ingest.batch_from_path(path=tmp_path).items.get()
    outcomes = iter(
        [ingest.Outcome(status="retrying", retry_in=30), ingest.Outcome(status="drafted")]
    )
    with (
        mock.patch("articles.services.ingest.item_process", side_effect=lambda **_: next(outcomes)),
        mock.patch.object(tasks.ingest_item, "retry", wraps=tasks.ingest_item.retry) as retry,
    ):
        result = tasks.ingest_item.apply(args=[item.pk])
    retry.assert_called_once_with(countdown=30)
    assert result.get() == "drafted"


def test_the_beat_task_polls_the_feeds_whose_turn_has_come(run_tasks, wire, wire_settings):
    story = wire.route("/story/1", page(*FERRY))
    due = Feed.objects.create(url=wire.route("/feed.xml", rss([("f-1", story, FERRY[0])])))
    Feed.objects.create(
        url="https://wire.example/later.xml", next_poll_at=timezone.now() + timedelta(hours=1)
    )
    assert run_tasks(lambda: tasks.feeds_poll_due.apply().get()) == 1
    assert IngestItem.objects.get().status == IngestItem.Status.DRAFTED
    due.refresh_from_db()
    assert due.last_polled_at is not None


def test_the_sweep_task_sends_lost_items_again(tmp_path):
    (tmp_path / "ferry.txt").write_bytes(text_copy(FERRY))
    item = ingest.batch_from_path(path=tmp_path).items.get()
    IngestItem.objects.filter(pk=item.pk).update(updated_at=timezone.now() - timedelta(hours=2))
    assert tasks.ingest_requeue_stale.apply().get() == 1


def test_retraining_runs_as_a_task_and_waits_for_approval(small_training, editor):
    """The retraining task runs the real trainer (on the tests' small corpus) and stores a
    candidate model that waits for an editor's approval."""
    pk = tasks.cleaner_retrain.apply(kwargs={"seed": 5, "user_id": editor.pk}).get()
    candidate = TrainedClassifier.objects.get(pk=pk)
    assert candidate.status == TrainedClassifier.Status.CANDIDATE
    assert candidate.seed == 5 and candidate.created_by == editor


def test_train_cleaner_queue_hands_the_training_to_a_worker(small_training, capsys):
    """train_cleaner --queue hands the training to a worker (in-process here, as in make run)."""
    call_command("train_cleaner", "--queue", "--seed", "3")
    assert "Queued" in capsys.readouterr().out
    assert TrainedClassifier.objects.get().seed == 3
