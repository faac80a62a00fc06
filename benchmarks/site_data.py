"""The benchmark's newsroom: 1,000 Saltmere stories with 50 approved comments each.

Written for the benchmark, in bulk, without signals; every word is invented.
Every story has a lead picture (drawn in code, its renditions made once, as
an upload's are), and the first a second picture in its body, so pages read
renditions as they would in production and never make one.
"""

import datetime as dt
import hashlib
import random

from django.db import connection
from django.utils import timezone

from articles.demo.pictures import demo_picture
from articles.models import (
    Article,
    ArticleImage,
    Author,
    Byline,
    Citation,
    Comment,
    RelatedLink,
    Section,
    Source,
    Tag,
)
from articles.services.images import image_create

SENTENCES = [
    "Saltmere's harbour master said the eastern wall would be inspected again at low tide.",
    "Councillors argued late into the night over who should pay for the repairs.",
    "Fishermen moved their boats to the inner basin as the swell rose after dark.",
    "The ferry to Gullrock ran an hour late because of fog over the estuary.",
    "Storm Brannock left sand across the promenade and a fishing shed on its side.",
    "The lifeboat crew trained off the point on Sunday morning in a stiff breeze.",
    "Residents of Quay Street asked for sandbags before the spring tides arrive.",
    "The market hall will stay shut until the roof timbers have been checked.",
    "A spokesperson for the harbour board said the figures would be published in March.",
    "Pupils at Saltmere Primary wrote to the council about the broken sea-front railings.",
]
COMMENT_LINES = [
    "The wall has needed fixing for as long as I have lived on Quay Street.",
    "Thank you to the lifeboat crew, as ever.",
    "Who pays for this in the end? The harbour dues are high enough already.",
    "My grandfather helped build the old slipway; good to see it looked after.",
    "The ferry was late again this morning, for what it is worth.",
]
SECTIONS = ["Local", "Weather", "Courts", "Education", "Business", "Sport"]
TAGS = ["harbour", "council", "Storm Brannock", "ferry", "lifeboat", "schools", "planning"]


def site_data_load(*, articles: int = 1000, comments_per_article: int = 50) -> None:
    rng = random.Random(5)
    now = timezone.now()
    sections = [Section.objects.create(name=name) for name in SECTIONS]
    tags = [Tag.objects.create(name=name) for name in TAGS]
    authors = [
        Author.objects.create(name=f"Reporter {n} Pengelly", bio="Covers the harbour town.")
        for n in range(20)
    ] + [Author.objects.create(name="Saltmere Wire", kind=Author.Kind.WIRE)]
    sources = [
        Source.objects.create(name=f"Saltmere Source {n}", home_url="https://saltmere.example/")
        for n in range(10)
    ]
    lead, inside = (
        image_create(
            upload=demo_picture(scene),
            alt_text=alt,
            caption=caption,
            credit="Illustration: benchmark desk",
            filename=f"{scene}.jpg",
        )
        for scene, alt, caption in (
            ("harbour-wall", "The harbour wall at sunrise", "The eastern wall, where it broke."),
            ("lifeboat", "The lifeboat crossing the bay", "The lifeboat puts out."),
        )
    )
    rows = []
    for n in range(articles):
        body = "\n\n".join(" ".join(rng.sample(SENTENCES, 4)) for _ in range(8))
        published = now - dt.timedelta(hours=n + 1)
        rows.append(
            Article(
                headline=f"Harbour wall story {n}: {rng.choice(SENTENCES)[:80]}",
                slug=f"harbour-wall-story-{n}",
                dek=rng.choice(SENTENCES),
                body=body,
                section=sections[n % len(sections)],
                lead_image=lead,
                status=Article.Status.PUBLISHED,
                published_at=published,
                first_published_at=published,
            )
        )
    created = Article.objects.bulk_create(rows, batch_size=500)
    ArticleImage.objects.create(article=created[0], image=inside, after_paragraph=3)
    # One more story with comments closed and none posted: its page shows
    # what the site costs without the comment section.
    quiet = Article.objects.create(
        headline="Harbour notice: the slipway closes for a week",
        slug="harbour-notice-without-comments",
        dek=SENTENCES[0],
        body="\n\n".join(SENTENCES),
        section=sections[0],
        lead_image=lead,
        status=Article.Status.PUBLISHED,
        published_at=now - dt.timedelta(minutes=30),
        first_published_at=now - dt.timedelta(minutes=30),
        comment_mode=Article.CommentMode.CLOSED,
    )
    Byline.objects.create(article=quiet, author=authors[0], position=0)
    bylines, citations, links, tag_rows, comments = [], [], [], [], []
    through = Article.tags.through
    for article in created:
        pair = rng.sample(authors, 2)
        bylines += [Byline(article=article, author=a, position=i) for i, a in enumerate(pair)]
        cited = rng.sample(sources, 3)
        citations += [
            Citation(article=article, source=s, position=i, evidence=SENTENCES[i])
            for i, s in enumerate(cited)
        ]
        links += [
            RelatedLink(
                article=article, title=f"Related {i}", url="https://saltmere.example/x", position=i
            )
            for i in range(2)
        ]
        tag_rows += [through(article=article, tag=t) for t in rng.sample(tags, 2)]
        for i in range(comments_per_article):
            text = f"{rng.choice(COMMENT_LINES)} ({article.pk}/{i})"
            comments.append(
                Comment(
                    article=article,
                    author_name=f"Reader {i}",
                    author_email=f"reader{i}@saltmere.example",
                    body=text,
                    status=Comment.Status.APPROVED,
                    content_hash=hashlib.sha256(text.encode()).hexdigest(),
                    status_changed_at=now,
                )
            )
    Byline.objects.bulk_create(bylines, batch_size=2000)
    Citation.objects.bulk_create(citations, batch_size=2000)
    RelatedLink.objects.bulk_create(links, batch_size=2000)
    through.objects.bulk_create(tag_rows, batch_size=2000)
    Comment.objects.bulk_create(comments, batch_size=2000)
    # Planner statistics and, on PostgreSQL, the visibility map, as autovacuum
    # would have them by now; left to autovacuum, its pass over the fresh rows
    # lands in the middle of the first measurements.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
