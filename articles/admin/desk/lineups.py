"""Page lineups: the editors' order for the top of the front page and of each section page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Lineup, LineupEntry
from articles.models.lineups import LINEUP_MAX, LINEUP_SHOWN


class LineupEntryInline(admin.TabularInline):
    model = LineupEntry
    extra = 0
    max_num = LINEUP_MAX
    autocomplete_fields = ["article"]
    fields = ["position", "article"]
    ordering = ["position"]


@admin.register(Lineup)
class LineupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lead", "size", "updated_at"]
    inlines = [LineupEntryInline]
    fields = ["section"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")

    def get_readonly_fields(self, request, obj=None):
        # A lineup belongs to its page for good; a new page gets a new lineup.
        return ["section"] if obj is not None else []

    def get_fieldsets(self, request, obj=None):
        description = _(
            "The first story that is live leads the page; the next %(tier)d make the second "
            "tier. A story that is not live yet is skipped and the next one moves up; the rest "
            "of the page follows, newest first."
        ) % {"tier": LINEUP_SHOWN - 1}
        return [(None, {"fields": ["section"], "description": description})]

    @admin.display(description=_("lead"))
    def lead(self, obj):
        entry = obj.entries.select_related("article").first()
        return entry.article if entry else "—"

    @admin.display(description=_("stories"))
    def size(self, obj):
        return obj.entries.count()
