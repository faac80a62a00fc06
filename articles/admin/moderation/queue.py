"""The queue's tabs and filters, and the sender history of the rows on the page.

Counts and history cost a fixed number of queries whatever the size of the
table: history is fetched for the page's senders only, after pagination.
"""

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count, Q
from django.utils.text import Truncator

from articles.models import Article, Comment, CommentReport

Status = Comment.Status


def history_attach(comments) -> None:
    """Each comment's sender history (approved, rejected, spam counts): one query for the page."""
    emails = {comment.author_email for comment in comments}
    counts = {}
    rows = (
        Comment.objects.filter(author_email__in=emails)
        .values_list("author_email", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for email, status, n in rows:
        counts[email, status] = n
    for comment in comments:
        comment.history = {s: counts.get((comment.author_email, s), 0) for s in Status.values}


class QueueChangeList(ChangeList):
    """The changelist with the senders' history attached to the page's rows only."""

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        history_attach(self.result_list)


def queue_counts() -> dict[str, int]:
    counts = Comment.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Status.values}
    )
    counts["reported"] = (
        CommentReport.objects.filter(is_resolved=False).values("comment_id").distinct().count()
    )
    return counts


def queue_only(queryset, queue: str):
    """The comments of one queue: a status, "reported" (open reports), or "all"."""
    if queue == "reported":
        # Driven from the (small) reports table rather than testing every comment.
        reported = CommentReport.objects.filter(is_resolved=False).values("comment_id")
        return queryset.filter(pk__in=reported)
    if queue in Status.values:
        return queryset.filter(status=queue)
    return queryset


class QueueFilter(admin.SimpleListFilter):
    """The queue tabs, with counts; the pending queue when none is chosen."""

    title = "queue"
    parameter_name = "queue"
    order = ("pending", "reported", "approved", "rejected", "spam")

    def lookups(self, request, model_admin):
        counts = queue_counts()
        labels = {"reported": "Reported", **{s.value: s.label for s in Status}}
        return [(key, f"{labels[key]} ({counts[key]})") for key in self.order] + [("all", "All")]

    def value(self):
        return super().value() or "pending"

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        return queue_only(queryset, self.value())


class ArticleFilter(admin.SimpleListFilter):
    """Filter by article: the articles with the most comments in this queue, or the one chosen.

    Django's related-field filter would load every article; this lists a few.
    """

    title = "article"
    parameter_name = "article"
    shown = 15

    def lookups(self, request, model_admin):
        chosen = self.value()
        if chosen and chosen.isdigit():
            headline = Article.objects.filter(pk=chosen).values_list("headline", flat=True).first()
            return [(chosen, headline or chosen)]
        queue = request.GET.get(QueueFilter.parameter_name) or "pending"
        busiest = dict(
            queue_only(Comment.objects.all(), queue)
            .values_list("article_id")
            .annotate(n=Count("pk"))
            .order_by("-n")[: self.shown]
        )
        headlines = dict(Article.objects.filter(pk__in=busiest).values_list("pk", "headline"))
        return [
            (str(pk), f"{Truncator(headlines.get(pk, pk)).chars(50)} ({n})")
            for pk, n in busiest.items()
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(article_id=value)
        return queryset
