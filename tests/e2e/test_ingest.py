"""A batch's progress bar in a real browser: it moves while the workers go, under the CSP."""

import pytest

from articles.models import IngestItem
from articles.services import ingest
from tests.e2e.desk import log_in
from tests.factories import UserFactory
from tests.ingest_copy import FERRY, HARBOUR, LIFEBOAT, text_copy

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_batch_page_follows_the_workers_and_shows_the_drafts(
    live_server, page, tmp_path, monkeypatch
):
    """The bar and the counts move as items are drafted, then the page shows every draft."""
    for name, story in (("a.txt", FERRY), ("b.txt", HARBOUR), ("c.txt", LIFEBOAT)):
        (tmp_path / name).write_bytes(text_copy(story))
    # The items wait, as they would for a worker that is busy elsewhere.
    monkeypatch.setattr("articles.services.ingest.batches.items_enqueue", lambda ids, **kw: None)
    batch = ingest.batch_from_path(path=tmp_path)
    UserFactory(username="edna", groups=["Editors"])
    log_in(page, live_server.url, "edna")

    page.goto(f"{live_server.url}/admin/articles/ingestbatch/{batch.pk}/change/")
    bar = page.locator("#ingest-progress progress")
    assert bar.get_attribute("value") == "0"
    assert page.get_by_role("link", name="Reload to see the items as they stand").is_visible()

    first = batch.items.order_by("pk").first()
    ingest.item_process(item_id=first.pk)
    page.wait_for_function("() => document.querySelector('#ingest-progress progress').value === 33")
    assert page.locator('[data-status="drafted"]').inner_text() == "1"
    assert page.locator('[data-count="done"]').inner_text() == "1"

    for item in batch.items.filter(status=IngestItem.Status.QUEUED):
        ingest.item_process(item_id=item.pk)
    # Finished: the page reloads once and lists where each story went.
    page.wait_for_selector("#ingest-progress[data-finished='true']")
    assert bar.get_attribute("value") == "100"
    assert page.locator(".ingest-items tbody tr").count() == 3
    assert page.locator(".ingest-items").get_by_text("Drafted").count() == 3
    assert not page.get_by_role("link", name="Reload to see the items as they stand").count()
