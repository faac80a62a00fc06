from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Finding,
    RawCopy,
    RelatedLink,
    Revision,
    Section,
    Source,
    Tag,
)


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]
    ordering = ["position"]


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    ordering = ["position"]


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    extra = 0
    ordering = ["position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "status", "published_at", "section", "updated_at"]
    list_filter = ["status", "section"]
    search_fields = ["headline", "body"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["tags"]
    date_hierarchy = "published_at"
    inlines = [BylineInline, CitationInline, RelatedLinkInline]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body"]}),
        (_("Placement"), {"fields": ["section", "tags"]}),
        (_("Publication"), {"fields": ["status", "published_at", "comment_mode"]}),
    ]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "home_url"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RawCopy)
class RawCopyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "format", "size", "received_at", "received_by"]
    list_filter = ["format"]
    search_fields = ["filename", "sha256"]
    readonly_fields = [
        "sha256",
        "size",
        "format",
        "filename",
        "received_at",
        "received_by",
        "received_via",
    ]
    exclude = ["data"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["rule", "article", "action", "decision", "decided_by"]
    list_filter = ["action", "decision", "rule"]
    search_fields = ["rule", "evidence"]
    list_select_related = ["article", "decided_by"]
    raw_id_fields = ["article"]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["article", "number", "created_by", "created_at"]
    list_select_related = ["article", "created_by"]
    raw_id_fields = ["article"]
