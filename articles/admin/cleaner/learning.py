"""Site profiles and their lines, training labels, and trained classifiers to approve."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from articles.models import SiteLine, SiteProfile, TrainedClassifier, TrainingLabel
from articles.services import cleaner
from articles.services.cleaner.sites import SITE_CHROME_PAGES


def _is_chrome(line: SiteLine) -> bool:
    return line.page_count >= SITE_CHROME_PAGES and not line.is_kept


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ["domain", "name", "imports", "chrome_lines", "created_at"]
    search_fields = ["domain", "name"]
    fields = ["domain", "name", "created_at", "lines_link"]
    readonly_fields = ["domain", "created_at", "lines_link"]

    def get_queryset(self, request):
        chrome = Q(lines__page_count__gte=SITE_CHROME_PAGES, lines__is_kept=False)
        return (
            super()
            .get_queryset(request)
            .annotate(
                import_count=Count("raw_copies", distinct=True),
                chrome_count=Count("lines", filter=chrome, distinct=True),
            )
        )

    def has_add_permission(self, request):
        # A profile begins with the first import from its site.
        return False

    @admin.display(description=_("imports"), ordering="import_count")
    def imports(self, obj):
        return obj.import_count

    @admin.display(description=_("chrome lines"), ordering="chrome_count")
    def chrome_lines(self, obj):
        return obj.chrome_count

    @admin.display(description=_("lines"))
    def lines_link(self, obj):
        url = reverse("admin:articles_siteline_changelist") + f"?site__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("The lines its pages repeat"))


class IsChromeFilter(admin.SimpleListFilter):
    title = _("the site's chrome")
    parameter_name = "chrome"

    def lookups(self, request, model_admin):
        return [("yes", _("Chrome: flagged on import")), ("no", _("Not chrome"))]

    def queryset(self, request, queryset):
        chrome = Q(page_count__gte=SITE_CHROME_PAGES, is_kept=False)
        if self.value() == "yes":
            return queryset.filter(chrome)
        if self.value() == "no":
            return queryset.exclude(chrome)
        return queryset


@admin.register(SiteLine)
class SiteLineAdmin(admin.ModelAdmin):
    list_display = ["sample", "site", "page_count", "chrome", "is_kept", "last_seen_at"]
    list_editable = ["is_kept"]
    list_filter = [IsChromeFilter, "is_kept", "site"]
    list_select_related = ["site"]
    search_fields = ["folded"]
    show_full_result_count = False
    fields = ["site", "sample", "folded", "page_count", "is_kept", "first_seen_at", "last_seen_at"]
    readonly_fields = ["site", "sample", "folded", "page_count", "first_seen_at", "last_seen_at"]

    @admin.display(description=_("chrome"), boolean=True)
    def chrome(self, obj):
        return _is_chrome(obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TrainingLabel)
class TrainingLabelAdmin(admin.ModelAdmin):
    list_display = ["short_text", "label", "origin", "rule", "labelled_by", "labelled_at"]
    list_filter = ["label", "origin"]
    list_select_related = ["labelled_by"]
    search_fields = ["text", "rule"]
    show_full_result_count = False
    fields = ["text", "label", "origin", "rule", "article", "site", "labelled_by", "labelled_at"]
    readonly_fields = ["text", "origin", "rule", "article", "site", "labelled_by", "labelled_at"]

    @admin.display(description=_("paragraph"))
    def short_text(self, obj):
        return obj.text[:120]

    def has_add_permission(self, request):
        # Labels come from decisions on the review screen.
        return False


@admin.register(TrainedClassifier)
class TrainedClassifierAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "label_count", "created_at", "approved_by", "approved_at"]
    list_filter = ["status"]
    list_select_related = ["approved_by"]
    exclude = ["data"]
    readonly_fields = [
        "status",
        "sha256",
        "size",
        "label_count",
        "seed",
        "figures",
        "created_by",
        "created_at",
        "approved_by",
        "approved_at",
    ]
    fieldsets = [
        (None, {"fields": ["status", "figures", "label_count"]}),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": [
                    "sha256",
                    "size",
                    "seed",
                    "created_by",
                    "created_at",
                    "approved_by",
                    "approved_at",
                ],
            },
        ),
    ]
    actions = ["approve", "retire"]

    @admin.display(description=_("held-out figures, before and after"))
    def figures(self, obj):
        return format_html("<pre>{}</pre>", obj.summary)

    def has_add_permission(self, request):
        # Models come from ``manage.py train_cleaner``.
        return False

    def has_delete_permission(self, request, obj=None):
        approved = obj is not None and obj.status == TrainedClassifier.Status.APPROVED
        return super().has_delete_permission(request, obj) and not approved

    @admin.action(description=_("Approve the selected model for imports"), permissions=["change"])
    def approve(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _t("Approve exactly one model."), messages.ERROR)
            return
        try:
            cleaner.classifier_approve(classifier=queryset.get(), user=request.user)
        except cleaner.ClassifierRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            return
        self.message_user(request, _t("Approved: the next imports use it."), messages.SUCCESS)

    @admin.action(
        description=_("Retire the selected (back to the shipped model)"), permissions=["change"]
    )
    def retire(self, request, queryset):
        for classifier in queryset:
            cleaner.classifier_retire(classifier=classifier, user=request.user)
        self.message_user(request, _t("Retired."), messages.SUCCESS)
