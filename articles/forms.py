"""The reader's comment and report forms.

The comment form carries a signed timestamp (the article and the moment it
was shown) and a honeypot field, as django-contrib-comments does: a form sent
faster than a person types is held, an old or altered one is sent back to be
resubmitted with the text kept. The page cache serves the same HTML to many
readers, so it keeps a page cut where each form's timestamp goes
(``comment_form_cut``) and signs one afresh on every serve
(``comment_form_fill``). The forms carry no CSRF token; the views say why.
"""

import html
import re
import time

from django import forms
from django.core import signing
from django.core.validators import URLValidator
from django.forms.boundfield import BoundField
from django.utils.functional import Promise
from django.utils.safestring import mark_safe

from articles.models import Comment, CommentReport, ModerationSettings
from articles.policy import text_strip_invisible

SALT = "articles.comments.form"
BODY_MAX = 5000
NAME_MAX = 80
URL_MAX = 200
# The signed value of a rendered form's timestamp field; group 1 is its article id.
_TIMESTAMP_VALUE = re.compile(rb'(?<=<input type="hidden" name="timestamp" value=")(\d+):[^"]*')
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
    return _signer.sign(f"{article_id}:{int(now if now is not None else time.time())}")


def comment_form_cut(html: bytes) -> tuple[tuple[bytes, ...], tuple[int, ...]]:
    """``html`` cut where each comment form's signed timestamp goes, and each cut's article id.

    Cut once when a page is cached, so that a cache hit only joins bytes
    instead of searching the whole page for its forms.
    """
    parts = _TIMESTAMP_VALUE.split(html)
    return tuple(parts[::2]), tuple(int(article_id) for article_id in parts[1::2])


def comment_form_fill(pieces: tuple[bytes, ...], article_ids: tuple[int, ...]) -> bytes:
    """The cut page joined around timestamps signed now, one signature per article."""
    if not article_ids:
        return pieces[0]
    now = int(time.time())
    signed = {pk: form_timestamp(article_id=pk, now=now).encode() for pk in set(article_ids)}
    joined = [pieces[0]]
    for pk, piece in zip(article_ids, pieces[1:], strict=True):
        joined += (signed[pk], piece)
    return b"".join(joined)


def _escape(value) -> str:
    """``conditional_escape`` without its lazy-string wrapper, which cost more than the escaping."""
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attrs_html(attrs: dict) -> str:
    # As django/forms/widgets/attrs.html: True is a bare name, False is left out.
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickBoundField(BoundField):
    """A field whose plain input or textarea is written in Python, not through widget templates.

    The article page shows the comment form on every uncached view; Django's
    widget templates made it a tenth of that page's time. The markup is the
    one the stock templates produce (``input.html``, ``textarea.html`` and
    ``attrs.html``, whitespace stripped as the form renderer does); any other
    widget still goes through its template.
    """

    _INPUTS = frozenset(
        f"django/forms/widgets/{name}.html"
        for name in ("text", "email", "url", "hidden", "checkbox")
    )
    _TEXTAREA = "django/forms/widgets/textarea.html"

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        template_name = widget.template_name
        if only_initial or (template_name not in self._INPUTS and template_name != self._TEXTAREA):
            return super().as_widget(widget, attrs, only_initial)
        attrs = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        context = widget.get_context(self.html_name, self.value(), attrs)["widget"]
        name, value = _escape(context["name"]), context["value"]
        if template_name == self._TEXTAREA:
            text = _escape(value) if value else ""
            return mark_safe(
                f'<textarea name="{name}"{_attrs_html(context["attrs"])}>\n{text}</textarea>'
            )
        shown = "" if value is None else f' value="{_escape(value)}"'
        html = f'<input type="{_escape(context["type"])}" name="{name}"{shown}'
        return mark_safe(html + _attrs_html(context["attrs"]) + ">")


class CleanCharField(forms.CharField):
    """Text with invisible and direction-changing characters removed before validation."""

    def to_python(self, value):
        value = super().to_python(value)
        return text_strip_invisible(value).strip() if value else value


_BLANK_FIELDS_HTML: dict[tuple, str] = {}


class CommentForm(forms.Form):
    bound_field_class = QuickBoundField

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
        kwargs.setdefault("initial", {}).setdefault(
            "timestamp", form_timestamp(article_id=article.pk)
        )
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

    def visible_fields_html(self) -> str:
        """The visible fields with labels, the required mark, help text and errors.

        Written here rather than as a template loop: the loop's dozens of
        BoundField lookups cost more than the rest of the comment section.
        A blank form's fields read the same for every article and reader, so
        that markup is built once per process.
        """
        blank_key = None
        if not self.is_bound and not set(self.initial) - {"parent", "timestamp"}:
            blank_key = (self.prefix, self.auto_id)
            if blank_key in _BLANK_FIELDS_HTML:
                return _BLANK_FIELDS_HTML[blank_key]
        parts = []
        for field in self.visible_fields():
            for_id = _escape(field.id_for_label)
            label = _escape(field.label)
            if field.name == "subject":
                parts.append(
                    '\n  <p class="comment-hp" aria-hidden="true">\n'
                    f'    <label for="{for_id}">{label}</label>\n'
                    f'    <input type="text" name="{_escape(field.html_name)}" '
                    f'id="{for_id}" value="" tabindex="-1" autocomplete="off">\n  </p>'
                )
            elif field.name == "remember":
                parts.append(
                    f'\n  <p class="field field-remember">{field} <label for="{for_id}">{label}'
                    "</label>\n    <small>This sets a cookie in your browser only if you tick "
                    "the box.</small></p>"
                )
            else:
                errors = field.errors
                mark = ' <span class="required" aria-hidden="true">*</span>'
                help_html = (
                    f' <small class="help" id="{_escape(field.auto_id)}_helptext">'
                    f"({_escape(field.help_text)})</small>"
                    if field.help_text
                    else ""
                )
                error_html = "".join(
                    f'<span class="form-error" role="alert">{_escape(error)}</span>'
                    for error in errors
                )
                parts.append(
                    f'\n  <p class="field field-{_escape(field.name)}'
                    f'{" has-error" if errors else ""}">\n'
                    f'    <label for="{for_id}">{label}{mark if field.field.required else ""}'
                    f"</label>\n    {field}{help_html}\n    {error_html}\n  </p>"
                )
        html = mark_safe("".join(parts))  # every value was escaped above
        if blank_key is not None:
            _BLANK_FIELDS_HTML[blank_key] = html
        return html

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
