"""The desk's forms: the article with its loaded version, import, publish."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.admin.desk.merge import (
    FOREIGN_KEYS,
    MERGED_FIELDS,
    canonical,
    fingerprints,
    fingerprints_read,
    merge,
)
from articles.models import Article, Tag
from articles.services.cleaner import site_domain

# Addresses typed without a scheme are taken as https (Django 6's default).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

IMPORT_EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}


def import_max_bytes() -> int:
    return settings.NEWSROOM["IMPORT_MAX_BYTES"]


class ArticleForm(forms.ModelForm):
    """The change form, carrying what the editor opened for the two-editor merge.

    ``loaded_version`` is the version opened and ``loaded_fields`` the
    fingerprint of each field then (``merge``). When someone saved in between,
    fields only one of the two changed are merged; fields both changed are
    refused once and shown side by side (``conflicts``), each with a choice
    between the two (``resolve_<field>``).
    """

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    loaded_fields = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
    revision_note = forms.CharField(
        label=_("Revision note"),
        max_length=300,
        required=False,
        help_text=_("Optional: what this save changes, shown in the history."),
    )

    class Meta:
        model = Article
        fields = [
            "headline",
            "dek",
            "body",
            "lead_image",
            "section",
            "tags",
            "comment_mode",
        ]
        widgets = {
            "dek": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 24}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[dict] = []
        self.theirs_taken: list[str] = []
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version
            self.fields["loaded_fields"].initial = fingerprints(self._stored_values(self.instance))

    @staticmethod
    def _stored_values(article: Article) -> dict:
        values = {
            name: getattr(article, f"{name}_id" if name in FOREIGN_KEYS else name)
            for name in MERGED_FIELDS
            if name != "tags"
        }
        values["tags"] = list(article.tags.values_list("pk", flat=True)) if article.pk else []
        return values

    def _mine(self, cleaned: dict) -> dict:
        mine = {name: cleaned.get(name) for name in MERGED_FIELDS}
        for name in FOREIGN_KEYS:
            mine[name] = getattr(mine[name], "pk", mine[name])
        return mine

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or self.errors:
            return cleaned
        # The admin runs this inside its transaction: the row stays locked until saved.
        stored = Article.objects.select_for_update().get(pk=self.instance.pk)
        if stored.status == Article.Status.PUBLISHED:
            self._require_words(cleaned)
            if self.errors:
                return cleaned
        theirs = self._stored_values(stored)
        self._take_resolutions(cleaned, theirs)
        loaded = cleaned.get("loaded_version")
        if loaded is None or loaded == stored.version:
            return cleaned
        result = merge(
            mine=self._mine(cleaned),
            theirs=theirs,
            loaded=fingerprints_read(cleaned.get("loaded_fields", "")),
        )
        for name in result.theirs_taken:
            cleaned[name] = self._as_cleaned(name, theirs[name])
        self.theirs_taken = result.theirs_taken
        # Whatever happens next starts from what is stored now.
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = str(stored.version)
        self.data[self.add_prefix("loaded_fields")] = fingerprints(theirs)
        cleaned["loaded_version"] = stored.version
        if not result.conflicts:
            return cleaned
        for name in result.theirs_taken:
            self._show(name, theirs[name])
        self.conflicts = [
            {
                "name": name,
                "label": self.fields[name].label,
                "mine": self._display(name, self._mine(cleaned)[name]),
                "theirs": self._display(name, theirs[name]),
            }
            for name in result.conflicts
        ]
        raise forms.ValidationError(
            format_html(
                "{} saved this article after you opened it, and you both changed {}. "
                "Nothing was saved yet. Their version is shown beside yours below: choose "
                'for each field, then save. <a href="{}" target="_blank" rel="noopener">'
                "See their whole change</a> (opens beside this page).",
                self._who_saved(stored),
                ", ".join(str(c["label"]).lower() for c in self.conflicts),
                self._their_change_url(),
            ),
            code="conflict",
        )

    def _take_resolutions(self, cleaned: dict, theirs: dict) -> None:
        """After a conflict the editor chose, per field, to keep theirs or take the other's."""
        for name in MERGED_FIELDS:
            if self.data.get(f"resolve_{name}") == "theirs":
                cleaned[name] = self._as_cleaned(name, theirs[name])

    def _as_cleaned(self, name: str, value):
        if name in FOREIGN_KEYS:
            model = Article._meta.get_field(name).related_model
            return model.objects.filter(pk=value).first() if value else None
        if name == "tags":
            return Tag.objects.filter(pk__in=value)
        return value

    def _show(self, name: str, value) -> None:
        """Put the other editor's value into the re-shown form, so a later save keeps it."""
        key = self.add_prefix(name)
        if name == "tags":
            self.data.setlist(key, [str(pk) for pk in value])
        else:
            self.data[key] = "" if value is None else str(value)

    def _display(self, name: str, value) -> str:
        if name in FOREIGN_KEYS:
            return str(self._as_cleaned(name, value) or "—")
        if name == "tags":
            return ", ".join(t.name for t in Tag.objects.filter(pk__in=value)) or "—"
        if name == "comment_mode":
            return str(dict(Article.CommentMode.choices).get(value, value))
        return canonical(value) or "—"

    def _who_saved(self, stored: Article) -> str:
        entry = (
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Article),
                object_id=str(stored.pk),
            )
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        return entry.user.get_username() if entry else _("Someone else")

    def _require_words(self, cleaned: dict) -> None:
        """Readers see this article (or will, when scheduled): it keeps its headline and body."""
        for name in ("headline", "body"):
            if name in cleaned and not cleaned[name].strip():
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("A published article needs a %(field)s; unpublish it first to empty it."),
                        code="published_needs_text",
                        params={"field": Article._meta.get_field(name).verbose_name},
                    ),
                )

    def _their_change_url(self) -> str:
        """The diff of the newest revision against the one before, or the history."""
        pk = self.instance.pk
        numbers = list(self.instance.revisions.values_list("number", flat=True)[:2])
        if len(numbers) < 2:
            return reverse("admin:articles_article_history", args=[pk])
        compare = reverse("admin:articles_article_compare", args=[pk])
        return f"{compare}?a={numbers[1]}&b={numbers[0]}"


class ImportForm(forms.Form):
    # Not stripped: the raw copy is kept exactly as the browser sent it.
    text = forms.CharField(
        label=_("Paste the copy"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        strip=False,
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_("A .txt or .html file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.text,.html,.htm"}),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("auto", _("Work it out")), ("text", _("Plain text")), ("html", _("HTML page"))],
        initial="auto",
    )
    site = forms.CharField(
        label=_("Site"),
        max_length=253,
        required=False,
        widget=forms.TextInput(attrs={"list": "known-sites", "autocomplete": "off"}),
        help_text=_(
            "Where the copy came from, such as gazette.saltmere.example: lines its pages "
            "repeat are learned as its chrome. An HTML page names its own site."
        ),
    )

    def clean_site(self):
        site = self.cleaned_data["site"].strip()
        if site and site_domain(site) is None:
            raise forms.ValidationError(
                _("Give the site's domain, such as gazette.saltmere.example.")
            )
        return site

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text", ""), cleaned.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError(_("Paste the copy or upload a file, one of the two."))
        limit = import_max_bytes()
        if upload:
            suffix = PurePath(upload.name).suffix.lower()
            if suffix not in IMPORT_EXTENSIONS:
                raise forms.ValidationError(_("Only .txt and .html files can be imported."))
            if upload.size > limit:
                raise forms.ValidationError(self._too_big(upload.size, limit))
            cleaned["data"] = upload.read()
            cleaned["filename"] = PurePath(upload.name).name[:255]
        else:
            cleaned["data"] = text.encode()
            cleaned["filename"] = ""
            if len(cleaned["data"]) > limit:
                raise forms.ValidationError(self._too_big(len(cleaned["data"]), limit))
        return cleaned

    @staticmethod
    def _too_big(size: int, limit: int) -> str:
        return (
            f"The copy is {size:,} bytes; the desk imports at most {limit:,} bytes. "
            "Split it, or remove the page's scripts and styles first."
        )


class PublishForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Publish time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("Leave empty to publish now. A future time schedules the article."),
    )
