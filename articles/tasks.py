"""Background work as Celery tasks: thin wrappers, each calling one service.

Every task may run twice for the same message (a worker killed before it acknowledged
it gets it delivered again): the services make that harmless. With no broker
configured the tasks run at once, in the process that queued them.
"""

from celery import shared_task
from django.contrib.auth import get_user_model

from articles.models import Feed
from articles.services import cleaner, ingest

# Longer than any fetch and cleaning of one item; a child stuck past it is killed, and
# the item counts that attempt.
ITEM_TIME_LIMIT = 600


@shared_task(
    bind=True,
    name="articles.tasks.ingest_item",
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=ITEM_TIME_LIMIT,
    max_retries=None,
)
def ingest_item(self, item_id: int) -> str:
    """One ingest item to its end; a failure worth another try comes back after a delay."""
    outcome = ingest.item_process(item_id=item_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task(name="articles.tasks.feed_poll", acks_late=True)
def feed_poll(feed_id: int) -> int | None:
    """Poll one feed now; the new batch's id, or None when nothing was new."""
    feed = Feed.objects.filter(pk=feed_id).first()
    if feed is None:
        return None
    batch = ingest.feed_poll(feed=feed)
    return batch.pk if batch else None


@shared_task(name="articles.tasks.feeds_poll_due")
def feeds_poll_due() -> int:
    """Beat's every minute: each feed whose turn has come is polled by some worker."""
    due = ingest.feeds_due()
    for feed_id in due:
        feed_poll.delay(feed_id)
    return len(due)


@shared_task(name="articles.tasks.ingest_requeue_stale")
def ingest_requeue_stale() -> int:
    """Beat's every five minutes: items whose message was lost are sent again."""
    return ingest.items_requeue_stale()


@shared_task(name="articles.tasks.cleaner_retrain", acks_late=True)
def cleaner_retrain(seed: int = 0, user_id: int | None = None) -> int:
    """Retrain the paragraph classifier (``train_cleaner``'s service); the candidate's id.

    The candidate waits for an editor's approval, as when trained from the command.
    """
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    candidate, _report = cleaner.classifier_train(user=user, seed=seed)
    return candidate.pk
