"""The desk's supporting tables: authors, sources, sections, tags, raw copy, findings, revisions."""

from django.contrib import admin

from articles.admin.desk.forms import HTTPS_URL_FIELDS
from articles.models import Author, Finding, RawCopy, Revision, Section, Source, Tag


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
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
    # Decisions change the body, so they are made on the review screen only.
    readonly_fields = [f.name for f in Finding._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["article", "number", "created_by", "created_at"]
    list_select_related = ["article", "created_by"]
    readonly_fields = [f.name for f in Revision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
