"""Ingest items: what each story became, and the parked ones an editor sends back."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import IngestItem
from articles.services import ingest

PREVIEW_CHARS = 3000


def draft_link(item: IngestItem):
    if item.article_id is None:
        return "—"
    url = reverse("admin:articles_article_review", args=[item.article_id])
    return format_html('<a href="{}">{}</a>', url, _("Draft %(pk)s") % {"pk": item.article_id})


@admin.register(IngestItem)
class IngestItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "batch", "status", "attempts", "short_error", "draft", "updated_at"]
    list_filter = ["status", "repeat_reason", "kind"]
    list_select_related = ["batch"]
    search_fields = ["name", "url"]
    show_full_result_count = False
    raw_id_fields = ["batch"]
    fields = [
        "batch",
        "kind",
        "name",
        "url",
        "status",
        "attempts",
        "error",
        "draft",
        "repeat_of",
        "repeat_reason",
        "timings",
        "received",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    actions = ["try_again"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("data")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Nothing that came in is lost: a parked item waits for an editor.
        return False

    @admin.display(description=_("error"))
    def short_error(self, obj):
        return obj.error[:160]

    @admin.display(description=_("draft"))
    def draft(self, obj):
        return draft_link(obj)

    @admin.display(description=_("bytes as received"))
    def received(self, obj):
        data = IngestItem.objects.filter(pk=obj.pk).values_list("data", flat=True).first()
        if data is None:
            if obj.article_id:
                return _("Kept with the draft's raw copy.")
            return _("Nothing arrived (the page was never fetched).")
        text = bytes(data).decode("utf-8", errors="replace")
        more = (
            _(" (the first %(n)s characters)") % {"n": PREVIEW_CHARS}
            if len(text) > PREVIEW_CHARS
            else ""
        )
        return format_html(
            "{} bytes{}<pre class='ingest-bytes'>{}</pre>", len(data), more, text[:PREVIEW_CHARS]
        )

    @admin.action(description=_("Try the selected parked items again"), permissions=["change"])
    def try_again(self, request, queryset):
        done, refused = 0, []
        for item in queryset.filter(status=IngestItem.Status.PARKED):
            try:
                ingest.item_retry(item=item, user=request.user)
            except ingest.ItemRefused as error:
                refused.append(str(error))
            else:
                done += 1
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)
        self.message_user(
            request,
            ngettext(
                "%(count)d parked item sent back to the workers.",
                "%(count)d parked items sent back to the workers.",
                done,
            )
            % {"count": done},
            messages.SUCCESS if done else messages.WARNING,
        )
