"""bench-site's in-process figures, run inside the checkout being measured.

``python site_probe.py`` with the checkout as the working directory and its
settings in the environment (bench_site.py starts it so). It only calls
what every Newsroom checkout since issue 12 has (the desk's ``article_save``,
the moderators' ``comment_approve``, Django's test client), so the same probe
measures the code before and after a change. Prints one JSON object:

- ``cold_ms``: the article page, anonymous, right after its own edit (median
  and 90th percentile of ``--rounds`` edits): whatever the edit made stale is
  rendered afresh, the rest comes from the caches as in production;
- ``front_hit_rate``: the share of front-page requests answered from the page
  cache over ``--seconds`` seconds while a comment is approved on another
  story every second.
"""

import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from articles.models import Article, Comment  # noqa: E402
from articles.services.desk import article_save  # noqa: E402
from articles.services.moderation import comment_approve  # noqa: E402


def _editor():
    users = get_user_model()
    found = users.objects.filter(username="bench-editor").first()
    return found or users.objects.create_superuser("bench-editor", "bench@saltmere.example", "x")


def cold_after_edit(*, slug: str, rounds: int) -> dict:
    """Edit the story's dek, then time the first anonymous request for its page."""
    editor, client = _editor(), Client()
    url = Article.objects.get(slug=slug).get_absolute_url()
    for _ in range(3):
        client.get(url)
    times = []
    for n in range(rounds):
        article = Article.objects.get(slug=slug)
        article.dek = f"The harbour wall story, as edited for the benchmark ({n})."
        article_save(article=article, user=editor, loaded_version=article.version)
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200 or response.get("X-Page-Cache") == "hit":
            raise RuntimeError(f"the edited page was not rendered afresh: {response.status_code}")
        if article.dek not in response.content.decode():
            raise RuntimeError("the edited page does not show the edit")
    times.sort()
    return {"median": statistics.median(times), "p90": times[int(len(times) * 0.9) - 1]}


def front_hit_rate(*, other_slug: str, seconds: float) -> dict:
    """Read the front page as fast as one client can while a comment is approved each second."""
    editor, client = _editor(), Client()
    article = Article.objects.get(slug=other_slug)
    waiting = [
        Comment.objects.create(
            article=article,
            author_name=f"Bench reader {n}",
            author_email=f"bench{n}@saltmere.example",
            body=f"A comment approved during the benchmark, number {n}.",
            content_hash=f"bench-probe-{time.time_ns()}-{n}",
        )
        for n in range(int(seconds) + 2)
    ]
    client.get("/")
    hits = requests = approved = 0
    start = next_approval = time.monotonic()
    while (now := time.monotonic()) - start < seconds:
        if now >= next_approval:
            comment_approve(comment=waiting[approved], user=editor)
            approved += 1
            next_approval += 1.0
        response = client.get("/")
        requests += 1
        hits += response.get("X-Page-Cache") == "hit"
    return {"rate": hits / requests, "requests": requests, "hits": hits, "approved": approved}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", default="harbour-wall-story-0")
    parser.add_argument("--other-slug", default="harbour-wall-story-500")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    figures = {
        "cold_ms": cold_after_edit(slug=args.slug, rounds=args.rounds),
        "front_hit_rate": front_hit_rate(other_slug=args.other_slug, seconds=args.seconds),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
