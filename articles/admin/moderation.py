from django.contrib import admin

from articles.models import BlockedSender, Comment, CommentReport, ModerationSettings


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["author_name", "article", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["author_name", "body"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent"]


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reason", "created_at", "is_resolved"]
    list_filter = ["reason", "is_resolved"]
    raw_id_fields = ["comment"]


@admin.register(BlockedSender)
class BlockedSenderAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "reason", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]


@admin.register(ModerationSettings)
class ModerationSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not ModerationSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
