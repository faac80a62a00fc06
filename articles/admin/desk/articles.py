"""The article list and change form: the editors' desk."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles.admin.desk.forms import HTTPS_URL_FIELDS, ArticleForm
from articles.admin.desk.images import ArticleImageInline
from articles.admin.desk.views import DeskViews
from articles.models import Article, Byline, Citation, Finding, RelatedLink
from articles.services.desk import (
    InvalidTransition,
    PublishRefused,
    article_publish,
    article_save,
    article_unpublish,
    presence,
)
from articles.services.desk.common import PUBLISH_PERMISSION


def may_publish(request) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


def _open_findings():
    return Finding.objects.filter(article=OuterRef("pk"), decision=Finding.Decision.OPEN)


class HasOpenFindingsFilter(admin.SimpleListFilter):
    title = _("open findings")
    parameter_name = "open_findings"

    def lookups(self, request, model_admin):
        return [("yes", _("Has undecided findings")), ("no", _("All findings decided"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(Exists(_open_findings()))
        if self.value() == "no":
            return queryset.exclude(Exists(_open_findings()))
        return queryset


class ScheduledFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("scheduled", _("Scheduled")), ("live", _("Live now"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "live":
            return queryset.published()
        return queryset


class BylineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.instance.pk is None or self.instance.status != Article.Status.PUBLISHED:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(
                _("A published article needs a byline; unpublish it first to remove the last one.")
            )


class BylineInline(admin.TabularInline):
    formset = BylineFormSet
    model = Byline
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["position", "author", "role"]
    ordering = ["position"]


class CitationInline(admin.TabularInline):
    formfield_overrides = HTTPS_URL_FIELDS
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["position", "source", "evidence", "url"]
    ordering = ["position"]


class RelatedLinkInline(admin.TabularInline):
    formfield_overrides = HTTPS_URL_FIELDS
    model = RelatedLink
    extra = 0
    fields = ["position", "title", "url", "relation"]
    ordering = ["position"]


@admin.register(Article)
class ArticleAdmin(DeskViews, admin.ModelAdmin):
    form = ArticleForm
    list_display = [
        "headline",
        "status_label",
        "published_at",
        "byline",
        "open_findings",
        "section",
    ]
    list_filter = ["status", HasOpenFindingsFilter, ScheduledFilter, "section"]
    list_select_related = ["section"]
    search_fields = ["headline", "body"]
    show_full_result_count = False
    list_per_page = 50
    autocomplete_fields = ["tags", "lead_image"]
    inlines = [BylineInline, CitationInline, RelatedLinkInline, ArticleImageInline]
    # The slug follows the headline until the first publication (services.desk).
    readonly_fields = [
        "slug",
        "status",
        "published_at",
        "first_published_at",
        "content_updated_at",
    ]
    actions = ["publish_selected", "unpublish_selected"]
    view_on_site = False  # the change form links to the page itself, as preview or live
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "dek",
                    "body",
                    "revision_note",
                    "loaded_version",
                    "loaded_fields",
                ]
            },
        ),
        (
            _("Images"),
            {
                "fields": ["lead_image"],
                "description": _(
                    "Upload pictures under Images (or with the + beside the field). Each needs "
                    "alt text; a caption and a credit are needed to publish."
                ),
            },
        ),
        (_("Placement"), {"fields": ["section", "tags", "comment_mode"]}),
        (
            _("Publication"),
            {
                "fields": ["status", "published_at", "first_published_at", "content_updated_at"],
                "description": _("Publish, schedule or unpublish from the Publish page."),
            },
        ),
    ]

    # Who sees what: editors everything, reporters their own articles.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        open_count = (
            _open_findings().order_by().values("article").annotate(n=Count("pk")).values("n")
        )
        queryset = queryset.annotate(
            open_count=Coalesce(Subquery(open_count, output_field=IntegerField()), Value(0))
        )
        if not may_publish(request):
            queryset = queryset.filter(created_by=request.user)
        return queryset

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        bylines = Prefetch(
            "bylines", queryset=Byline.objects.select_related("author").order_by("position")
        )

        class DeskChangeList(changelist):
            def get_queryset(self, request, exclude_parameters=None):
                queryset = super().get_queryset(request, exclude_parameters)
                return queryset.defer("body", "source_paragraphs").prefetch_related(bylines)

        return DeskChangeList

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or may_publish(request):
            return True
        editable = obj.status in (Article.Status.DRAFT, Article.Status.REVIEW)
        return obj.created_by_id == request.user.pk and editable

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_publish(request)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not may_publish(request):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    # List columns.

    def action_checkbox(self, obj):
        # The same markup as the admin's, written directly: rendering a widget
        # template per row cost a quarter of the list's time.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            gettext("Select this object for an action - {}").format(obj),
        )

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Scheduled")
        return obj.get_status_display()

    @admin.display(description=_("byline"))
    def byline(self, obj):
        return ", ".join(byline.author.name for byline in obj.bylines.all()) or "—"

    @admin.display(description=_("review"), ordering="open_count")
    def open_findings(self, obj):
        url = reverse("admin:articles_article_review", args=[obj.pk])
        if obj.open_count:
            label = ngettext("%d to decide", "%d to decide", obj.open_count) % obj.open_count
            return format_html('<a class="desk-todo" href="{}">{}</a>', url, label)
        return format_html('<a href="{}">{}</a>', url, _("Review"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if request.method == "GET" and article and self.has_change_permission(request, article):
            presence.article_presence_touch(article=article, user=request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["may_publish"] = may_publish(request)
        if obj is not None and obj.pk:
            context["editors"] = presence.article_editors(article=obj, user=request.user)
            # A refused save must not show its unsaved headline as the page's title.
            stored = Article.objects.filter(pk=obj.pk).values_list("headline", flat=True).first()
            context["subtitle"] = stored or obj.headline
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    # Saving goes through the desk's service: revisions and the lost-update check.

    def save_model(self, request, obj, form, change):
        article_save(
            article=obj,
            user=request.user,
            loaded_version=form.cleaned_data.get("loaded_version") if change else None,
            note=form.cleaned_data.get("revision_note", ""),
        )
        if change:
            presence.article_presence_leave(article=obj, user=request.user)
        if form.theirs_taken:
            fields = ", ".join(str(form.fields[name].label).lower() for name in form.theirs_taken)
            self.message_user(
                request,
                _("Someone saved while you edited; their %(fields)s kept with your changes.")
                % {"fields": fields},
                messages.INFO,
            )

    # Bulk actions, through the same gate as the Publish page.

    @admin.action(description=_("Publish the selected articles now"))
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, article_publish, _("published"))

    @admin.action(description=_("Unpublish the selected articles"))
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, article_unpublish, _("unpublished"))

    def _bulk(self, request, queryset, service, done_label):
        done = 0
        for article in queryset:
            try:
                service(article=article, user=request.user)
            except PublishRefused as refused:
                self.message_user(
                    request,
                    format_html(
                        "“{}” was not {}: {}", article, done_label, " ".join(refused.reasons)
                    ),
                    messages.ERROR,
                )
            except InvalidTransition as error:
                self.message_user(request, f"“{article}”: {error}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d article %(label)s.", "%(count)d articles %(label)s.", done)
                % {"count": done, "label": done_label},
                messages.SUCCESS,
            )
