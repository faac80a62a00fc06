"""The desk's forms: the article with its loaded version, import, publish."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.services.cleaner import site_domain

# Addresses typed without a scheme are taken as https (Django 6's default).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}

IMPORT_EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}


def import_max_bytes() -> int:
    return settings.NEWSROOM["IMPORT_MAX_BYTES"]


class ArticleForm(forms.ModelForm):
    """The change form, carrying the version the editor opened for the lost-update check."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
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
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # The admin runs this inside its transaction: the row stays locked until saved.
        stored = Article.objects.select_for_update().values_list("version", flat=True)
        current = stored.get(pk=self.instance.pk)
        loaded = cleaned.get("loaded_version")
        if loaded is not None and loaded != current:
            their_change = self._their_change_url()
            # Saving again is now a deliberate choice to replace the other change.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = str(current)
            cleaned["loaded_version"] = current
            raise forms.ValidationError(
                format_html(
                    "Someone else saved this article after you opened it. Your text is kept "
                    'below and nothing was saved. <a href="{}">See their change</a>; then save '
                    "again to replace it with yours, or reload to start from theirs.",
                    their_change,
                ),
                code="conflict",
            )
        return cleaned

    def _their_change_url(self) -> str:
        """The diff of the newest revision against the one before, or the history."""
        pk = self.instance.pk
        numbers = list(self.instance.revisions.values_list("number", flat=True)[:2])
        if len(numbers) < 2:
            return reverse("admin:articles_article_history", args=[pk])
        compare = reverse("admin:articles_article_compare", args=[pk])
        return f"{compare}?a={numbers[1]}&b={numbers[0]}"


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("Paste the copy"), widget=forms.Textarea(attrs={"rows": 16}), required=False
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
