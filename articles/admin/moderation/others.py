"""Blocked senders, the log of decisions, and the one row of moderation settings."""

from django.contrib import admin
from django.shortcuts import redirect

from articles.models import BlockedSender, ModerationDecision, ModerationSettings
from articles.services import moderation as services


@admin.register(BlockedSender)
class BlockedSenderAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "reason", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]
    fields = ["kind", "value", "reason"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        blocked = services.sender_block(
            kind=obj.kind, value=obj.value, user=request.user, reason=obj.reason
        )
        obj.pk = blocked.pk

    def delete_model(self, request, obj):
        services.sender_unblock(blocked=obj)

    def delete_queryset(self, request, queryset):
        for blocked in queryset:
            services.sender_unblock(blocked=blocked)


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(admin.ModelAdmin):
    list_display = ["comment", "from_status", "to_status", "decided_by", "decided_at"]
    list_filter = ["to_status"]
    list_select_related = ["decided_by", "comment"]
    raw_id_fields = ["comment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(admin.ModelAdmin):
    """One row: the list goes straight to it."""

    fieldsets = [
        ("Who is held", {"fields": ["premoderate_new_commenters", "premoderate_all"]}),
        ("Words and links", {"fields": ["banned_words", "suspect_words", "max_links"]}),
        ("Closing", {"fields": ["close_after_days"]}),
        (
            "Form checks and flood control",
            {
                "classes": ["collapse"],
                "fields": [
                    "min_seconds_to_submit",
                    "max_form_age_hours",
                    "flood_interval_seconds",
                    "flood_per_hour",
                ],
            },
        ),
        ("Retention", {"classes": ["collapse"], "fields": ["retention_days"]}),
        ("Email", {"fields": ["digest_after_minutes"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        settings = ModerationSettings.load()
        if settings._state.adding and self.has_change_permission(request):
            settings.save()
        return redirect("admin:articles_moderationsettings_change", settings.pk)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
