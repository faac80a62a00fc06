"""The reader's comment and report forms: post, redirect, get.

On success the reader goes back to the article with a message saying what
happened; their pending comment ids ride in a signed cookie for a short time
so the page (which then skips the public cache) shows it to them as pending.
Any refusal is a page of its own that keeps what they typed.

Both forms carry no CSRF token and their views are exempt from Django's
check. They act for no account: a comment or a report is anonymous whoever
sends it (``request.user`` is never read), so a forged post gains nothing a
stranger could not send directly; WordPress's comment form has no nonce for
logged-out readers for the same reason. A per-visitor token would make every
public page different bytes with a Set-Cookie, which no CDN or shared cache
can keep. Posts from another site are still refused, on the headers the
browser itself sets (``request_is_cross_site``).
"""

import json
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import is_same_domain
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from articles.caching import never_cache_page
from articles.clients import client_ip
from articles.forms import (
    PENDING_COOKIE,
    PENDING_SALT,
    PENDING_SECONDS,
    CommentForm,
    ReportForm,
    pending_ids,
)
from articles.models import Article, Comment
from articles.services.moderation import (
    CommentFlooded,
    CommentsClosed,
    CommentSubmission,
    comment_report,
    comment_submit,
)
from newsroom.cache import CacheUnavailable

REMEMBER_COOKIE = "nr_commenter"
REMEMBER_SECONDS = 365 * 24 * 3600
# Signed ids of the comments this browser sent: once a moderator approves one,
# the reader who holds it is trusted under its email address.
TOKEN_COOKIE = "nr_comment_token"
TOKEN_SALT = "articles.comments.token"
TOKEN_SECONDS = 365 * 24 * 3600
TOKEN_KEEP = 10
CROSS_SITE_COMMENT = (
    "This form was sent from another website. Check your comment and send it again from here."
)
CROSS_SITE_REPORT = (
    "This report was sent from another website. Check it and send it again from here."
)


def _origin_trusted(origin: str) -> bool:
    """One of ``CSRF_TRUSTED_ORIGINS``, wildcards (``https://*.example.org``) included."""
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    parsed = urlsplit(origin)
    return any(
        "*" in trusted
        and urlsplit(trusted).scheme == parsed.scheme
        and is_same_domain(parsed.netloc, urlsplit(trusted).netloc.lstrip("*"))
        for trusted in settings.CSRF_TRUSTED_ORIGINS
    )


def request_is_cross_site(request) -> bool:
    """Whether the browser says the post came from a page of another site.

    An ``Origin`` other than this site's must be one of
    ``CSRF_TRUSTED_ORIGINS``, as in Django's CSRF check (``Origin: null``,
    sent from sandboxed or privacy-sensitive contexts, never is). Otherwise
    ``Sec-Fetch-Site`` is the browser's own verdict. A request with neither
    header (an old browser, curl) is allowed: it is no more than a stranger
    could send anyway.
    """
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None and origin != f"{request.scheme}://{request.get_host()}":
        return not _origin_trusted(origin)
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    return fetch_site is not None and fetch_site not in ("same-origin", "none")


def _live_article(article_id: int) -> Article:
    article = Article.objects.published().filter(pk=article_id).first()
    if article is None:
        raise Http404("No such article.")
    return article


def _form_page(request, *, article, form, status, problem=""):
    response = render(
        request,
        "articles/comments/form_page.html",
        {"article": article, "form": form, "problem": problem},
        status=status,
    )
    return never_cache_page(response)


def _remember(response, request, form) -> None:
    if form.cleaned_data["remember"]:
        value = json.dumps({"name": form.cleaned_data["name"], "email": form.cleaned_data["email"]})
        response.set_cookie(
            REMEMBER_COOKIE,
            quote(value),
            max_age=REMEMBER_SECONDS,
            samesite="Lax",
            secure=request.is_secure(),
        )
    elif REMEMBER_COOKIE in request.COOKIES:
        response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")


def token_comment_ids(request) -> tuple[int, ...]:
    """The comments whose signed token the reader's browser sent back."""
    raw = request.get_signed_cookie(
        TOKEN_COOKIE, default="", salt=TOKEN_SALT, max_age=TOKEN_SECONDS
    )
    return tuple(int(part) for part in raw.split(",") if part.isdigit())[-TOKEN_KEEP:]


def _token_give(response, request, comment: Comment) -> None:
    ids = dict.fromkeys([*token_comment_ids(request), comment.pk])
    response.set_signed_cookie(
        TOKEN_COOKIE,
        ",".join(str(pk) for pk in list(ids)[-TOKEN_KEEP:]),
        salt=TOKEN_SALT,
        max_age=TOKEN_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _tell(request, comment: Comment, created: bool) -> None:
    if not created:
        messages.info(
            request, "Your comment was already received; there is no need to send it again."
        )
    elif comment.status == Comment.Status.APPROVED:
        messages.success(request, "Thank you. Your comment is published.")
    else:
        messages.info(
            request,
            "Thank you. Your comment is awaiting moderation and will appear once "
            "a moderator has read it.",
        )


@csrf_exempt
@require_POST
def comment_post(request, article_id: int):
    article = _live_article(article_id)
    form = CommentForm(request.POST, article=article)
    if request_is_cross_site(request):
        form.refresh_timestamp()  # so that sending it again from here is not refused as stale
        return _form_page(
            request, article=article, form=form, status=403, problem=CROSS_SITE_COMMENT
        )
    if not form.is_valid():
        form.refresh_timestamp()
        return _form_page(request, article=article, form=form, status=400)
    data = form.cleaned_data
    submission = CommentSubmission(
        article=article,
        author_name=data["name"],
        author_email=data["email"],
        author_url=data["url"],
        body=data["body"],
        parent=form.parent_comment,
        honeypot=data["subject"],
        form_age_seconds=form.form_age_seconds,
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        token_comment_ids=token_comment_ids(request),
    )
    try:
        comment, created = comment_submit(submission=submission)
    except CommentsClosed as error:
        return _form_page(request, article=article, form=form, status=403, problem=str(error))
    except CommentFlooded as error:
        response = _form_page(request, article=article, form=form, status=429, problem=str(error))
        response["Retry-After"] = str(error.retry_after)
        return response
    _tell(request, comment, created)
    if not created:
        # The same answer whatever became of the first one: a stranger who
        # guessed someone's words and address learns nothing more.
        response = redirect(f"{article.get_absolute_url()}#comments")
    elif comment.status == Comment.Status.APPROVED:
        response = redirect(f"{article.get_absolute_url()}?cpage=last#comment-{comment.pk}")
    else:
        response = redirect(f"{article.get_absolute_url()}#comment-{comment.pk}")
        ids = [*pending_ids(request), comment.pk]
        response.set_signed_cookie(
            PENDING_COOKIE,
            ",".join(str(pk) for pk in dict.fromkeys(ids)),
            salt=PENDING_SALT,
            max_age=PENDING_SECONDS,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    if created:
        _token_give(response, request, comment)
    _remember(response, request, form)
    return response


def _report_accept(request, comment: Comment, form: ReportForm):
    ip = client_ip(request)
    # One report per comment per address is enough; repeats are thanked, not
    # stored. Without the cache to tell, a second report beats a lost one.
    try:
        first = caches["strict"].add(f"comments:report:{comment.pk}:{ip}", 1, timeout=24 * 3600)
    except CacheUnavailable:
        first = True
    if first:
        comment_report(
            comment=comment,
            reason=form.cleaned_data["reason"],
            detail=form.cleaned_data["detail"],
            ip=ip,
        )
    messages.info(request, "Thank you. A moderator will look at the comment you reported.")
    return redirect(f"{comment.article.get_absolute_url()}#comment-{comment.pk}")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def comment_report_view(request, comment_id: int):
    comment = (
        Comment.objects.filter(
            pk=comment_id,
            status=Comment.Status.APPROVED,
            article__in=Article.objects.published(),
        )
        .select_related("article")
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    form = ReportForm(request.POST if request.method == "POST" else None)
    status, problem = 200, ""
    if request.method == "POST":
        if request_is_cross_site(request):
            status, problem = 403, CROSS_SITE_REPORT
        elif form.is_valid():
            return _report_accept(request, comment, form)
        else:
            status = 400
    response = render(
        request,
        "articles/comments/report.html",
        {"comment": comment, "form": form, "problem": problem},
        status=status,
    )
    return never_cache_page(response)
