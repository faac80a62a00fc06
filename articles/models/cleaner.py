"""What editors teach the cleaner: their rules and aliases, their decisions as labels,
and the classifier models trained from them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class CleaningRule(models.Model):
    """An editor's phrase or pattern: what a paragraph with it is, and what it suggests."""

    class Family(models.TextChoices):
        CHATBOT = "chatbot", _("Chatbot leftover (found anywhere in a paragraph)")
        CHROME = "chrome", _("Site chrome (the whole paragraph)")
        STYLE = "style", _("Style (review only)")

    class Action(models.TextChoices):
        REMOVE = "remove", _("Remove")
        REVIEW = "review", _("Send to review")

    family = models.CharField(_("family"), max_length=10, choices=Family.choices)
    pattern = models.CharField(
        _("phrase or pattern"),
        max_length=300,
        help_text=_(
            "A phrase is matched ignoring case, punctuation and spacing. Tick 'regular "
            "expression' to write a Python pattern instead."
        ),
    )
    is_regex = models.BooleanField(_("regular expression"), default=False)
    action = models.CharField(
        _("suggested action"), max_length=6, choices=Action.choices, default=Action.REMOVE
    )
    code = models.CharField(
        _("rule code"),
        max_length=60,
        blank=True,
        help_text=_("Shown on each finding, such as chrome.app_promo; <family>.editor if empty."),
    )
    message = models.CharField(
        _("message"), max_length=200, blank=True, help_text=_("What the editor reads.")
    )
    is_live = models.BooleanField(
        _("live"),
        default=False,
        editable=False,
        help_text=_("Imports use the rule once an editor has previewed it and made it live."),
    )
    went_live_at = models.DateTimeField(_("live since"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="cleaning_rules",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["family", "pattern"]
        verbose_name = _("cleaning rule")
        verbose_name_plural = _("cleaning rules")
        constraints = [
            models.UniqueConstraint(
                fields=["family", "pattern", "is_regex"],
                name="cleaningrule_once",
                violation_error_message=_("This family already has this phrase or pattern."),
            )
        ]

    def __str__(self):
        return f"{self.family}: {self.pattern}"


class SourceAlias(models.Model):
    """A spelling a story may use for a source: "AP" for The Associated Press."""

    class Kind(models.TextChoices):
        WIRE = "wire", _("Wire service")
        OUTLET = "outlet", _("News outlet")
        BROADCASTER = "broadcaster", _("Broadcaster")
        OFFICIAL = "official", _("Official body")
        OTHER = "other", _("Other")

    alias = models.CharField(
        _("alias"),
        max_length=100,
        help_text=_("Written in capitals (AP), it counts only where the copy writes capitals."),
    )
    name = models.CharField(_("source's name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OUTLET)
    is_live = models.BooleanField(_("live"), default=False, editable=False)
    went_live_at = models.DateTimeField(_("live since"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="source_aliases",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("source alias")
        verbose_name_plural = _("source aliases")
        constraints = [
            models.UniqueConstraint(
                Lower("alias"),
                name="sourcealias_alias_once",
                violation_error_message=_("This alias is already defined."),
            )
        ]

    def __str__(self):
        return f"{self.alias} \u2192 {self.name}"


class TrainingLabel(models.Model):
    """A paragraph and what an editor said it is. Outlives the article it came from."""

    class Label(models.TextChoices):
        STORY = "story", _("Story")
        CHATBOT = "chatbot", _("Chatbot leftover")
        CHROME = "chrome", _("Site chrome")

    class Origin(models.TextChoices):
        ACCEPTED = "accepted", _("Finding accepted")
        REJECTED = "rejected", _("Finding rejected")
        MARKED = "marked", _("Removed as junk by an editor")

    text = models.TextField(_("paragraph"))
    label = models.CharField(_("label"), max_length=8, choices=Label.choices)
    origin = models.CharField(_("from"), max_length=8, choices=Origin.choices)
    rule = models.CharField(_("rule"), max_length=60, blank=True)
    finding = models.OneToOneField(
        "articles.Finding",
        verbose_name=_("finding"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_label",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_labels",
    )
    site = models.ForeignKey(
        "articles.SiteProfile",
        verbose_name=_("site"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_labels",
    )
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("labelled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_labels",
    )
    labelled_at = models.DateTimeField(_("labelled"), auto_now=True)

    class Meta:
        ordering = ["-labelled_at", "-pk"]
        verbose_name = _("training label")
        verbose_name_plural = _("training labels")

    def __str__(self):
        return f"{self.get_label_display()}: {self.text[:60]}"


class TrainedClassifier(models.Model):
    """A paragraph classifier trained with the newsroom's labels; used once approved."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        APPROVED = "approved", _("Approved: imports use it")
        RETIRED = "retired", _("Retired")

    data = models.BinaryField(_("model file"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.CANDIDATE
    )
    label_count = models.PositiveIntegerField(_("newsroom labels used"))
    seed = models.IntegerField(_("seed"), default=0)
    summary = models.TextField(_("held-out figures"), blank=True)
    heldout = models.JSONField(_("held-out figures (data)"), default=dict, blank=True)
    baseline_heldout = models.JSONField(
        _("shipped model's held-out figures"), default=dict, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trained by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trained_classifiers",
    )
    created_at = models.DateTimeField(_("trained"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_classifiers",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("trained classifier")
        verbose_name_plural = _("trained classifiers")
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="approved"),
                name="trainedclassifier_one_approved",
            )
        ]

    def __str__(self):
        return f"classifier {self.sha256[:12]} ({self.get_status_display()})"
