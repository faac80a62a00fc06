"""The reader's comment and report forms.

The comment form carries a signed timestamp (the article and the moment it
was shown) and a honeypot field, as django-contrib-comments does: a form sent
faster than a person types is held, an old or altered one is sent back to be
resubmitted with the text kept. A blank form's timestamp is signed as the
page is served, not when it is rendered (``articles.caching.stamps``), so a
cached page gives every reader a fresh one. The forms carry no CSRF token;
the views say why.
"""

import functools
import time

from django import forms
from django.core import signing
from django.core.validators import URLValidator

from articles.models import Comment, CommentReport, ModerationSettings
from articles.policy import text_strip_invisible

SALT = "articles.comments.form"
BODY_MAX = 5000
NAME_MAX = 80
URL_MAX = 200
_signer = signing.Signer(salt=SALT)
# The reader's own pending comments, shown to them for a while after posting.
PENDING_COOKIE = "nr_pending"
PENDING_SALT = "articles.comments.pending"
PENDING_SECONDS = 30 * 60
PENDING_KEEP = 10


def pending_ids(request) -> list[int]:
    """The ids of the reader's recent pending comments, from their signed cookie."""
    raw = request.get_signed_cookie(
        PENDING_COOKIE, default="", salt=PENDING_SALT, max_age=PENDING_SECONDS
    )
    return [int(part) for part in raw.split(",") if part.isdigit()][-PENDING_KEEP:]


def form_timestamp(*, article_id: int, now: float | None = None) -> str:
    """The signed value of the form's hidden ``timestamp`` field."""
    return _signed(article_id, int(now if now is not None else time.time()))


@functools.lru_cache(maxsize=1024)
def _signed(article_id: int, second: int) -> str:
    # The same article and second sign the same: a busy cached page signs once a second.
    return _signer.sign(f"{article_id}:{second}")


class CleanCharField(forms.CharField):
    """Text with invisible and direction-changing characters removed before validation."""

    def to_python(self, value):
        value = super().to_python(value)
        return text_strip_invisible(value).strip() if value else value


class CommentForm(forms.Form):
    name = CleanCharField(
        label="Name",
        max_length=NAME_MAX,
        error_messages={"max_length": "Please keep your name under %(limit_value)d characters."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        help_text="Never published.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    url = forms.URLField(
        label="Website",
        required=False,
        max_length=URL_MAX,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        error_messages={"max_length": "Please keep the address under %(limit_value)d characters."},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    body = CleanCharField(
        label="Comment",
        max_length=BODY_MAX,
        error_messages={
            "max_length": "Your comment is %(show_value)d characters long; "
            "the limit is %(limit_value)d. Please shorten it."
        },
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
    )
    remember = forms.BooleanField(
        label="Remember my name and email in this browser for my next comment.",
        required=False,
    )
    parent = forms.IntegerField(
        required=False,
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"invalid": "The comment you replied to is no longer available."},
    )
    timestamp = forms.CharField(
        widget=forms.HiddenInput,
        max_length=100,
        error_messages={"required": "This form is incomplete; please send it again."},
    )
    # Hidden from people by CSS; a bot filling every field fills this one.
    subject = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    def __init__(self, *args, article, **kwargs):
        self.article = article
        super().__init__(*args, **kwargs)
        self.form_age_seconds = 0.0
        self.parent_comment = None

    def clean_timestamp(self):
        resubmit = "This form is too old or was altered; please send it again."
        try:
            article_id, shown_at = _signer.unsign(self.cleaned_data["timestamp"]).split(":")
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(resubmit, code="tampered") from None
        if int(article_id) != self.article.pk:
            raise forms.ValidationError(resubmit, code="tampered")
        age = time.time() - int(shown_at)
        max_age = ModerationSettings.load().max_form_age_hours * 3600
        if age > max_age:
            raise forms.ValidationError(
                "This form was opened too long ago; please send it again.", code="expired"
            )
        self.form_age_seconds = max(age, 0.0)
        return self.cleaned_data["timestamp"]

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.filter(
                pk=parent_id, article=self.article, status=Comment.Status.APPROVED
            )
            .only("pk", "parent_id", "author_name")
            .first()
        )
        if parent is None:
            raise forms.ValidationError("The comment you replied to is no longer available.")
        # Threads are two deep: a reply to a reply joins the same thread.
        self.parent_comment = parent if parent.parent_id is None else parent.parent
        return parent_id

    def refresh_timestamp(self) -> None:
        """After an expired or altered timestamp, give the resubmission a fresh one."""
        if "timestamp" in self.errors:
            self.data = self.data.copy()
            self.data["timestamp"] = form_timestamp(article_id=self.article.pk)

    def errors_outside_fields(self) -> list[str]:
        """Errors on hidden fields, shown above the form since the fields themselves are not."""
        hidden = ("timestamp", "parent")
        return list(self.non_field_errors()) + [
            error for name in hidden for error in self.errors.get(name, [])
        ]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why should a moderator look at this comment?",
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    detail = CleanCharField(
        label="Anything to add (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )
