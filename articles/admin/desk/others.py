"""The desk's supporting tables: authors, sources, sections, tags, raw copy, findings, revisions."""

from django.contrib import admin
from django.db.models import Q

from articles.admin.desk.forms import HTTPS_URL_FIELDS
from articles.models import Author, Finding, RawCopy, Revision, Section, Source, Tag
from articles.services.desk.common import PUBLISH_PERMISSION


class OwnArticlesOnly:
    """Editors see every row; anyone who may not publish (a reporter) only their own articles'.

    Drafts and embargoed stories show through their findings, revisions and
    raw copy as much as through the article itself.
    """

    def owned(self, user) -> Q:
        return Q(article__created_by=user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm(PUBLISH_PERMISSION):
            return queryset
        return queryset.filter(self.owned(request.user))


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
class RawCopyAdmin(OwnArticlesOnly, admin.ModelAdmin):
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

    def owned(self, user) -> Q:
        # Copy whose draft was deleted still belongs to whoever brought it in.
        return Q(article__created_by=user) | Q(received_by=user)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Finding)
class FindingAdmin(OwnArticlesOnly, admin.ModelAdmin):
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
class RevisionAdmin(OwnArticlesOnly, admin.ModelAdmin):
    list_display = ["article", "number", "created_by", "created_at"]
    list_select_related = ["article", "created_by"]
    readonly_fields = [f.name for f in Revision._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
