"""The comment queue: pending, reported, approved, rejected and spam, with counts.

Every row shows the sender, the article, the sender's history, the policy's
reasons and open reports, in a constant number of queries per page.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from articles.admin.moderation.queue import (
    ArticleFilter,
    QueueChangeList,
    QueueFilter,
)
from articles.models import Comment, CommentReport, ModerationDecision
from articles.services import moderation as services

Status = Comment.Status
MODERATE = "articles.can_moderate"
DECISIONS = {
    "approve": (services.comment_approve, "approved"),
    "reject": (services.comment_reject, "rejected"),
    "spam": (services.comment_mark_spam, "marked as spam"),
    "restore": (services.comment_restore, "put back in the pending queue"),
}
# Which one-click buttons a row offers in each state.
ROW_BUTTONS = {
    Status.PENDING: ("approve", "reject", "spam"),
    Status.APPROVED: ("reject", "spam"),
    Status.REJECTED: ("approve", "spam", "restore"),
    Status.SPAM: ("approve", "restore"),
}


class ReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    fields = ["reason", "detail", "created_at", "is_resolved"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DecisionInline(admin.TabularInline):
    model = ModerationDecision
    extra = 0
    fields = ["decided_at", "decided_by", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # The decide buttons sit beside the comment they decide, and the row fits
    # 1280 px: the sender's history goes under their name, the state under the time.
    list_display = [
        "sender",
        "comment_text",
        "row_actions",
        "article_link",
        "submitted",
    ]
    list_display_links = ["sender"]
    show_facets = admin.ShowFacets.NEVER
    list_filter = [QueueFilter, ArticleFilter]
    search_fields = ["author_name", "author_email", "body"]
    ordering = ["-submitted_at", "-pk"]
    sortable_by = ["submitted"]
    list_per_page = 50
    show_full_result_count = False
    actions = ["approve", "reject", "mark_spam", "restore", "block_email", "block_ip"]
    readonly_fields = [
        "article",
        "parent",
        "author_name",
        "author_email",
        "author_url",
        "body",
        "status",
        "reasons",
        "ip_address",
        "user_agent",
        "submitted_at",
        "status_changed_at",
    ]
    exclude = ["content_hash"]
    inlines = [ReportInline, DecisionInline]
    change_form_template = "admin/articles/comment/change_form.html"
    change_list_template = "admin/articles/comment/change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("article")
            .defer("article__body", "article__source_paragraphs", "user_agent")
            .prefetch_related(
                Prefetch(
                    "reports",
                    queryset=CommentReport.objects.filter(is_resolved=False),
                    to_attr="open_reports",
                )
            )
        )

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        if not request.user.has_perm(MODERATE):
            return {}
        return super().get_actions(request)

    @admin.display(description="sender")
    def sender(self, obj):
        return format_html(
            "{}<br><small>{}<br>{}</small><br><small>{}</small>",
            obj.author_name,
            obj.author_email,
            obj.ip_address or "",
            self.history(obj),
        )

    @admin.display(description="comment")
    def comment_text(self, obj):
        reasons = format_html_join("", "<li>{}</li>", ((r,) for r in obj.reasons or []))
        reports = format_html_join(
            "",
            "<li>Reported: {}{}</li>",
            (
                (r.get_reason_display(), f" ({r.detail})" if r.detail else "")
                for r in getattr(obj, "open_reports", [])
            ),
        )
        return format_html(
            '<div class="comment-text">{}</div><ul class="comment-reasons">{}{}</ul>',
            Truncator(obj.body).chars(300),
            reasons,
            reports,
        )

    @admin.display(description="article")
    def article_link(self, obj):
        return format_html(
            '<a href="?article={}" title="Only this article">{}</a>',
            obj.article_id,
            Truncator(obj.article.headline).chars(50),
        )

    @admin.display(description="submitted", ordering="submitted_at")
    def submitted(self, obj):
        return format_html(
            '{}<br><small class="comment-status">{}</small>',
            date_format(timezone.localtime(obj.submitted_at), "SHORT_DATETIME_FORMAT"),
            obj.get_status_display(),
        )

    @admin.display(description="commenter's history")
    def history(self, obj):
        history = getattr(obj, "history", None) or {}
        return format_html(
            "{} approved · {} rejected · {} spam",
            history.get(Status.APPROVED, 0),
            history.get(Status.REJECTED, 0),
            history.get(Status.SPAM, 0),
        )

    @admin.display(description="decide")
    def row_actions(self, obj):
        buttons = ROW_BUTTONS.get(obj.status, ())
        if obj.status == Status.APPROVED and getattr(obj, "open_reports", None):
            buttons = ("approve", *buttons)
        return format_html_join(
            " ",
            '<button type="submit" class="button moderation-{}" formaction="{}">{}</button>',
            (
                (
                    name,
                    reverse("admin:articles_comment_moderate", args=[obj.pk, name]),
                    "keep" if name == "approve" and obj.status == Status.APPROVED else name,
                )
                for name in buttons
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        comment = Comment.objects.filter(pk=object_id).only("status").first()
        names = ROW_BUTTONS.get(comment.status, ()) if comment else ()
        labels = {"approve": "Approve", "reject": "Reject", "spam": "Mark as spam"}
        labels["restore"] = "Restore to pending"
        extra_context = {
            **(extra_context or {}),
            "decisions": [(name, labels[name]) for name in names],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_list_display(self, request):
        if request.user.has_perm(MODERATE):
            return self.list_display
        return [name for name in self.list_display if name != "row_actions"]

    def get_urls(self):
        moderate = self.admin_site.admin_view(require_POST(self.moderate_view))
        return [
            path(
                "<int:pk>/moderate/<str:decision>/",
                moderate,
                name="articles_comment_moderate",
            ),
            *super().get_urls(),
        ]

    def moderate_view(self, request, pk: int, decision: str):
        """One decision on one comment, from a row's button or the change page."""
        if not request.user.has_perm(MODERATE) or decision not in DECISIONS:
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=pk)
        service, done = DECISIONS[decision]
        try:
            service(comment=comment, user=request.user)
        except services.CommentTransitionError as error:
            self.message_user(request, str(error), messages.WARNING)
        else:
            self.message_user(request, f"Comment by {comment.author_name} {done}.")
        back = request.META.get("HTTP_REFERER", "")
        if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            return HttpResponseRedirect(back)
        return redirect("admin:articles_comment_changelist")

    def _decide(self, request, queryset, decision: str):
        if not request.user.has_perm(MODERATE):
            raise PermissionDenied
        service, done = DECISIONS[decision]
        changed = skipped = 0
        for comment in queryset:
            try:
                service(comment=comment, user=request.user)
            except services.CommentTransitionError:
                skipped += 1
            else:
                changed += 1
        text = f"{changed} comment(s) {done}."
        if skipped:
            text += f" {skipped} skipped: that decision does not apply to their current state."
        self.message_user(request, text, messages.WARNING if skipped else messages.SUCCESS)

    @admin.action(description="Approve the selected comments")
    def approve(self, request, queryset):
        self._decide(request, queryset, "approve")

    @admin.action(description="Reject the selected comments")
    def reject(self, request, queryset):
        self._decide(request, queryset, "reject")

    @admin.action(description="Mark the selected comments as spam")
    def mark_spam(self, request, queryset):
        self._decide(request, queryset, "spam")

    @admin.action(description="Restore the selected comments to the pending queue")
    def restore(self, request, queryset):
        self._decide(request, queryset, "restore")

    def _block(self, request, values, kind):
        if not request.user.has_perm(MODERATE):
            raise PermissionDenied
        values = sorted({value for value in values if value})
        for value in values:
            services.sender_block(kind=kind, value=value, user=request.user)
        self.message_user(request, f"Blocked {len(values)} sender(s); their comments go to spam.")

    @admin.action(description="Block the email addresses of the selected comments")
    def block_email(self, request, queryset):
        self._block(request, queryset.values_list("author_email", flat=True), "email")

    @admin.action(description="Block the IP addresses of the selected comments")
    def block_ip(self, request, queryset):
        self._block(request, queryset.values_list("ip_address", flat=True), "ip")
