from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

# The lead and the second tier; a story further down the list that is not
# live yet is skipped, and the next one moves up.
LINEUP_SHOWN = 5
LINEUP_MAX = 10


class Lineup(models.Model):
    """The stories an editor puts at the top of the front page, or of one section's page, in order."""

    section = models.ForeignKey(
        "articles.Section",
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lineups",
        help_text=_("Empty for the front page."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = [models.F("section__name").asc(nulls_first=True)]
        verbose_name = _("page lineup")
        verbose_name_plural = _("page lineups")
        constraints = [
            # The front page (no section) counts as section 0: one lineup per page.
            models.UniqueConstraint(
                Coalesce("section", models.Value(0)),
                name="lineup_one_per_page",
                violation_error_message=_("This page already has a lineup."),
            ),
        ]

    def __str__(self):
        return str(self.section) if self.section_id else str(_("Front page"))


class LineupEntry(models.Model):
    """One story's place in a lineup: 1 leads the page, 2 to 5 make the second tier."""

    lineup = models.ForeignKey(
        Lineup, verbose_name=_("lineup"), on_delete=models.CASCADE, related_name="entries"
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="lineup_entries",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        ordering = ["lineup", "position"]
        verbose_name = _("story in the lineup")
        verbose_name_plural = _("stories in the lineup")
        constraints = [
            models.UniqueConstraint(
                fields=["lineup", "article"],
                name="lineupentry_article_once",
                violation_error_message=_("This story is already in the lineup."),
            ),
            models.UniqueConstraint(
                fields=["lineup", "position"],
                name="lineupentry_position_unique",
                violation_error_message=_("Two stories cannot share a position."),
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.article}"

    def clean(self):
        lineup = getattr(self, "lineup", None)
        article = getattr(self, "article", None)
        if lineup is None or article is None or lineup.section_id is None:
            return
        if article.section_id != lineup.section_id:
            message = _("“%(article)s” is not in the section %(section)s.")
            raise ValidationError(
                {"article": message % {"article": article, "section": lineup.section}}
            )
