"""The desk home, the admin's index: what waits for this person, in a fixed number of queries.

Editors see every story; reporters their own; moderators the comments
waiting. Each panel lists a few rows and says how many there are in all.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Comment
from articles.services.desk.common import PUBLISH_PERMISSION

SHOWN = 8
Status = Article.Status


def _rows(queryset, order: str):
    return list(
        queryset.order_by(order).only(
            "pk", "headline", "status", "published_at", "updated_at", "created_by"
        )[:SHOWN]
    )


def desk_home(request) -> dict:
    user = request.user
    context: dict = {"desk_panels": [], "comments_waiting": None}
    if user.has_perm("articles.view_article"):
        context["desk_panels"] = _article_panels(user)
        context["may_import"] = user.has_perm("articles.add_article") and user.has_perm(
            "articles.add_rawcopy"
        )
    context["may_ingest"] = user.has_perm("articles.view_ingestbatch")
    if user.has_perm("articles.can_moderate"):
        waiting = Comment.objects.filter(status=Comment.Status.PENDING)
        context["comments_waiting"] = {
            "count": waiting.count(),
            "oldest": list(
                waiting.select_related("article")
                .only("pk", "author_name", "body", "submitted_at", "article__headline")
                .order_by("submitted_at", "pk")[:SHOWN]
            ),
        }
    return context


def _article_panels(user) -> list[dict]:
    now = timezone.now()
    mine = Q(created_by=user)
    everyone = user.has_perm(PUBLISH_PERMISSION)
    visible = Article.objects.all() if everyone else Article.objects.filter(mine)
    filters = {
        "drafts": mine & Q(status=Status.DRAFT),
        "review": Q(status=Status.REVIEW),
        "scheduled": Q(status=Status.PUBLISHED, published_at__gt=now),
        "published": Q(status=Status.PUBLISHED, published_at__lte=now),
    }
    counts = visible.aggregate(**{key: Count("pk", filter=q) for key, q in filters.items()})
    panels = [
        ("drafts", _("My drafts"), "-updated_at"),
        ("review", _("Waiting for review"), "updated_at"),
        ("scheduled", _("Scheduled"), "published_at"),
        ("published", _("Recently published"), "-published_at"),
    ]
    return [
        {
            "key": key,
            "title": title,
            "count": counts[key],
            "rows": _rows(visible.filter(filters[key]), order) if counts[key] else [],
        }
        for key, title, order in panels
    ]
