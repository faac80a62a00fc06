"""Ingest batches on the desk: each with its progress bar, its items and where they went.

The batch page shows the counts and the bar as they stand; ``ingest-progress.js``
asks the JSON view every two seconds while the batch runs and moves them, and reloads
the page once when it ends. Without JavaScript the page says so and offers a link to
reload it.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from articles.admin.ingest.items import draft_link
from articles.models import IngestBatch, IngestItem
from articles.services import ingest

SHOWN_ITEMS = 200
UPLOAD_MAX_BYTES = 100 * 1024 * 1024


class BatchStartForm(forms.Form):
    url = forms.URLField(
        label=_("Feed or page address"),
        required=False,
        assume_scheme="https",
        help_text=_("An RSS or Atom feed (its new entries) or one page."),
    )
    archive = forms.FileField(
        label=_("Or a ZIP"),
        required=False,
        help_text=_("Of .txt, .html and ninjs .json files; at most 100 MB."),
    )
    follow = forms.BooleanField(
        label=_("Keep polling the feed"), required=False, help_text=_("For a feed only.")
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("url")) == bool(data.get("archive")):
            raise forms.ValidationError(_("Give either an address or a ZIP."))
        archive = data.get("archive")
        if archive is not None and archive.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("The ZIP is larger than 100 MB; split it."))
        return data


def _item_count(**filters):
    items = IngestItem.objects.filter(batch=OuterRef("pk"), **filters).order_by()
    counted = items.values("batch").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _progress_bar(done: int, total: int):
    percent = 100 if not total else done * 100 // total
    return format_html(
        '<progress max="100" value="{}" aria-label="{}">{}%</progress> {} / {}',
        percent,
        _("Progress"),
        percent,
        done,
        total,
    )


@admin.register(IngestBatch)
class IngestBatchAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "created_at", "created_by", "progress", "parked"]
    list_filter = ["kind", "feed"]
    list_select_related = ["created_by"]
    search_fields = ["label"]
    show_full_result_count = False

    def get_queryset(self, request):
        # Counted per listed batch (index on batch and status), not over every item kept.
        return (
            super()
            .get_queryset(request)
            .annotate(
                item_count=_item_count(),
                done_count=_item_count(status__in=IngestItem.DONE),
                parked_count=_item_count(status=IngestItem.Status.PARKED),
            )
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("progress"))
    def progress(self, obj):
        return _progress_bar(obj.done_count, obj.item_count)

    @admin.display(description=_("parked"), ordering="parked_count")
    def parked(self, obj):
        return obj.parked_count

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/progress/",
                wrap(self.progress_view),
                name="articles_ingestbatch_progress",
            ),
            *super().get_urls(),
        ]

    def _batch(self, request, object_id) -> IngestBatch:
        if not self.has_view_permission(request):
            raise PermissionDenied
        batch = (
            IngestBatch.objects.select_related("feed", "created_by").filter(pk=object_id).first()
        )
        if batch is None:
            raise Http404(_t("No such batch."))
        return batch

    def progress_view(self, request, object_id):
        batch = self._batch(request, object_id)
        return JsonResponse(ingest.batch_progress(batch=batch).as_json())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        batch = self._batch(request, object_id)
        progress = ingest.batch_progress(batch=batch)
        items = (
            IngestItem.objects.filter(batch=batch)
            .defer("data", "timings")
            .select_related("article")
            .order_by("pk")[:SHOWN_ITEMS]
        )
        rows = [(item, draft_link(item)) for item in items]
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": str(batch),
            "batch": batch,
            "progress": progress,
            "statuses": [
                (value, label, progress.counts[value]) for value, label in IngestItem.Status.choices
            ],
            "rows": rows,
            "shown": SHOWN_ITEMS,
            "items_url": reverse("admin:articles_ingestitem_changelist")
            + f"?batch__id__exact={batch.pk}",
            "progress_url": reverse("admin:articles_ingestbatch_progress", args=[batch.pk]),
        }
        return TemplateResponse(request, "admin/articles/ingestbatch/batch.html", context)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = BatchStartForm(request.POST if posted else None, request.FILES if posted else None)
        if posted and form.is_valid():
            try:
                batch = self._start(request, form.cleaned_data)
            except ingest.IngestRefused as refused:
                form.add_error(None, str(refused))
            else:
                self.message_user(request, _t("The batch is queued."), messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:articles_ingestbatch_change", args=[batch.pk])
                )
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": _t("Ingest a feed, a page or a ZIP"),
            "form": form,
        }
        return TemplateResponse(request, "admin/articles/ingestbatch/start.html", context)

    def _start(self, request, data) -> IngestBatch:
        if data.get("url"):
            follow = data["follow"] and request.user.has_perm("articles.add_feed")
            return ingest.batch_from_url(url=data["url"], user=request.user, follow=follow)
        upload = data["archive"]
        return ingest.batch_from_zip(data=upload.read(), name=upload.name, user=request.user)
