"""Feeds the workers poll: editors add them, see their last error, and poll one now."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.ingest.fetch import FetchRefused, check_url
from articles.models import Feed
from articles.services import ingest


class FeedForm(forms.ModelForm):
    url = forms.URLField(label=_("feed address"), max_length=2000, assume_scheme="https")

    class Meta:
        model = Feed
        fields = ["url", "title", "is_active", "poll_minutes"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            check_url(url)
        except FetchRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return url

    def clean_poll_minutes(self):
        minutes = self.cleaned_data["poll_minutes"]
        if minutes < 1:
            raise forms.ValidationError(_("A feed is polled at most once a minute."))
        return minutes


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = ["__str__", "url", "is_active", "poll_minutes", "last_polled_at", "status"]
    list_filter = ["is_active"]
    search_fields = ["title", "url"]
    fields = [
        "url",
        "title",
        "is_active",
        "poll_minutes",
        "last_polled_at",
        "next_poll_at",
        "last_error",
        "batches_link",
    ]
    readonly_fields = ["last_polled_at", "next_poll_at", "last_error", "batches_link"]
    actions = ["poll_now"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(batch_count=Count("batches"))

    @admin.display(description=_("last poll"))
    def status(self, obj):
        if obj.last_error:
            return format_html('<span class="ingest-error">{}</span>', obj.last_error[:120])
        return _("fine") if obj.last_polled_at else _("not polled yet")

    @admin.display(description=_("batches"))
    def batches_link(self, obj):
        url = reverse("admin:articles_ingestbatch_changelist") + f"?feed__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Batches from this feed"))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Poll the selected feeds now"), permissions=["change"])
    def poll_now(self, request, queryset):
        count = ingest.feeds_poll_now(feeds=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d feed is being polled; its new entries appear under Ingest batches.",
                "%(count)d feeds are being polled; their new entries appear under Ingest batches.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if not count:
            self.message_user(request, _t("No feed was selected."), messages.WARNING)
