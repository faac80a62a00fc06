"""The desk's own admin pages: import, review, publish, history with compare and restore."""

import difflib

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles.admin.desk.forms import ImportForm, PublishForm, import_max_bytes
from articles.admin.desk.review import next_undecided, review_data
from articles.admin.desk.suggestions import suggestion_choice, suggestion_views
from articles.models import Article, Finding, SiteProfile
from articles.services import desk
from articles.services.desk import presence
from articles.services.desk.common import PUBLISH_PERMISSION
from articles.services.imports import ImportRejected, story_import

PUBLISHING = {"publish", "schedule", "unpublish"}
KNOWN_SITES = 500  # offered to pick from on the import form
DECISIONS = {"accept": Finding.Decision.ACCEPTED, "reject": Finding.Decision.REJECTED}


class DeskViews:
    """Mixed into ArticleAdmin: the pages ``get_urls`` adds to the standard ones."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        info = "articles_article"
        return [
            path("import/", wrap(self.import_view), name=f"{info}_import"),
            path("<path:object_id>/review/", wrap(self.review_view), name=f"{info}_review"),
            path("<path:object_id>/publish/", wrap(self.publish_view), name=f"{info}_publish"),
            path("<path:object_id>/junk/", wrap(self.junk_view), name=f"{info}_junk"),
            path(
                "<path:object_id>/presence/",
                wrap(self.presence_view),
                name=f"{info}_presence",
            ),
            path(
                "<path:object_id>/suggestions/",
                wrap(self.suggestion_view),
                name=f"{info}_suggestion",
            ),
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name=f"{info}_compare",
            ),
            path(
                "<path:object_id>/history/<int:number>/restore/",
                wrap(self.restore_view),
                name=f"{info}_restore",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, object_id, *, change: bool = False) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            if not self.has_view_or_change_permission(request):
                raise PermissionDenied
            raise Http404(_("No such article."))
        allowed = self.has_change_permission if change else self.has_view_or_change_permission
        if not allowed(request, article):
            raise PermissionDenied
        return article

    def _render(self, request, template, article=None, **context):
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "app_label": opts.app_label,
            "original": article,
            "may_publish": request.user.has_perm(PUBLISH_PERMISSION),
            **context,
        }
        return TemplateResponse(request, f"admin/articles/article/{template}", context)

    def _to(self, name, article, anchor=""):
        return HttpResponseRedirect(
            reverse(f"admin:articles_article_{name}", args=[article.pk]) + anchor
        )

    def import_view(self, request):
        if not (self.has_add_permission(request) and request.user.has_perm("articles.add_rawcopy")):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                article, created = story_import(
                    data=form.cleaned_data["data"],
                    filename=form.cleaned_data["filename"],
                    format=form.cleaned_data["format"],
                    user=request.user,
                    via="admin",
                    site=form.cleaned_data["site"],
                )
            except ImportRejected as rejected:
                form.add_error(None, str(rejected))
            else:
                if not created:
                    messages.warning(request, _("This copy was imported before; here it is."))
                return self._to("review", article)
        return self._render(
            request,
            "import.html",
            title=_("Import a story"),
            form=form,
            max_bytes=import_max_bytes(),
            known_sites=SiteProfile.objects.order_by("domain").values_list("domain", flat=True)[
                :KNOWN_SITES
            ],
        )

    def review_view(self, request, object_id):
        article = self._article(request, object_id, change=request.method == "POST")
        if request.method == "POST":
            return self._decide(request, article)
        return self._render(
            request,
            "review.html",
            article,
            title=_("Review: %s") % article,
            bylines=article.bylines.select_related("author"),
            citations=article.citations.select_related("source"),
            related_links=article.related_links.all(),
            suggestions=suggestion_views(article),
            **self._review_context(request, article, show_all=request.GET.get("show") == "all"),
        )

    def _review_context(self, request, article, *, show_all: bool) -> dict:
        return {
            "original": article,
            "show_all": show_all,
            "may_decide": self.has_change_permission(request, article),
            "review_url": reverse("admin:articles_article_review", args=[article.pk]),
            "as_imported": _("as imported"),
            **review_data(article, show_all=show_all),
        }

    def _decide(self, request, article):
        """One finding or a whole rule; then back to the same place in the queue.

        The review script asks for the queue alone (``X-Desk-Fragment``) and
        swaps it in; without JavaScript the redirect's anchor is the next
        undecided finding, so the page opens where the editor was.
        """
        show_all = request.POST.get("show") == "all"
        fragment = request.headers.get("X-Desk-Fragment") == "1"
        anchor = self._decide_one(request, article, fragment=fragment)
        if fragment:
            return TemplateResponse(
                request,
                "admin/articles/article/review_queue.html",
                self._review_context(request, article, show_all=show_all),
            )
        query = "?show=all" if show_all else ""
        return self._to("review", article, f"{query}#{anchor}")

    def _decide_one(self, request, article, *, fragment: bool) -> str:
        """Apply the posted decision; the anchor to return to.

        The queue's buttons post ``finding_decision=<id>:accept`` or
        ``rule_decision=<rule>:reject``; ``finding``/``rule`` with ``decision``
        say the same in two fields.
        """
        finding_id, rule, decision_name = _posted_decision(request.POST)
        decision = DECISIONS.get(decision_name)
        if decision is None:
            messages.error(request, _("Choose a decision."))
            return "desk-queue"
        if rule:
            count = desk.findings_decide_rule(
                article=article, rule=rule, decision=decision, user=request.user
            )
            if not fragment:
                messages.success(
                    request,
                    _("%(n)d finding(s) of %(rule)s decided.") % {"n": count, "rule": rule},
                )
            following = article.findings.filter(decision=Finding.Decision.OPEN).first()
            return f"f{following.pk}" if following else "desk-queue"
        finding = article.findings.filter(pk=finding_id).first() if finding_id.isdigit() else None
        if finding is None:
            messages.error(request, _("That finding does not belong to this article."))
            return "desk-queue"
        service = (
            desk.finding_accept if decision == Finding.Decision.ACCEPTED else desk.finding_reject
        )
        service(finding=finding, user=request.user)
        following = next_undecided(article, finding)
        return f"f{(following or finding).pk}"

    def junk_view(self, request, object_id):
        """ "Remove as junk" on a paragraph the cleaner missed (the review screen's buttons).

        The queue's buttons post ``junk=<paragraph number>:<kind>``;
        ``paragraph`` and ``kind`` say the same in two fields.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id, change=True)
        number, _sep, kind = request.POST.get("junk", "").partition(":")
        if not number:
            number, kind = request.POST.get("paragraph", ""), request.POST.get("kind", "")
        query = "?show=all" if request.POST.get("show") == "all" else ""
        if not (number.isdigit() and len(number) <= 6):
            messages.error(request, _("Choose a paragraph."))
            return self._to("review", article, query)
        try:
            desk.paragraph_mark_junk(
                article=article, paragraph_index=int(number) - 1, kind=kind, user=request.user
            )
        except desk.JunkRefused as refused:
            messages.error(request, str(refused))
            return self._to("review", article, query)
        messages.success(
            request, _("Paragraph %s removed as junk; the cleaner learns from it.") % number
        )
        return self._to("review", article, f"{query}#p{number}")

    def presence_view(self, request, object_id):
        """The edit form's script: I am still here (or leaving); who else is? As JSON."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id, change=True)
        if request.POST.get("leave"):
            presence.article_presence_leave(article=article, user=request.user)
            return JsonResponse({"editors": []})
        presence.article_presence_touch(article=article, user=request.user)
        version = Article.objects.filter(pk=article.pk).values_list("version", flat=True).first()
        return JsonResponse(
            {
                "editors": [
                    {
                        "name": session.user.get_full_name() or session.user.get_username(),
                        "since": date_format(timezone.localtime(session.opened_at), "H:i"),
                    }
                    for session in presence.article_editors(article=article, user=request.user)
                ],
                "version": version,
            }
        )

    def suggestion_view(self, request, object_id):
        """Confirm a proposed byline name or source (as a match or as new), or leave it off."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id, change=True)
        value = request.POST.get("suggestion", "")
        suggestion = article.suggestions.filter(pk=value).first() if value.isdigit() else None
        action = request.POST.get("action", "")
        if suggestion is None or action not in ("confirm", "dismiss"):
            messages.error(
                request, _("Choose a suggestion of this article, then add it or leave it off.")
            )
            return self._to("review", article, "#suggestions")
        try:
            if action == "dismiss":
                desk.suggestion_dismiss(suggestion=suggestion, user=request.user)
                messages.success(request, _("Left off: %s.") % suggestion.name)
            else:
                match = suggestion_choice(suggestion, request.POST.get("choice", "")[:40])
                desk.suggestion_confirm(suggestion=suggestion, user=request.user, match=match)
                messages.success(request, _("Added: %s.") % (match or suggestion.name))
        except ValueError:
            messages.error(request, _("That choice is not one of those offered."))
        except desk.SuggestionDecided as decided:
            messages.warning(request, str(decided))
        return self._to("review", article, "#suggestions")

    def publish_view(self, request, object_id):
        article = self._article(request, object_id)
        # Shown and typed in the newsroom's time zone (TIME_ZONE); stored in UTC.
        scheduled = {"at": timezone.localtime(article.published_at)} if article.is_scheduled else {}
        form = PublishForm(request.POST or None, initial=scheduled)
        if request.method == "POST":
            action = request.POST.get("action", "")
            if action in PUBLISHING and not request.user.has_perm(PUBLISH_PERMISSION):
                raise PermissionDenied
            if not self.has_change_permission(request, article) and action not in PUBLISHING:
                raise PermissionDenied
            if form.is_valid() and self._transition(request, article, action, form):
                return self._to("publish", article)
        return self._render(
            request,
            "publish.html",
            article,
            title=_("Publish: %s") % article,
            form=form,
            reasons=desk.article_publish_check(article),
            may_change=self.has_change_permission(request, article),
        )

    def _transition(self, request, article, action, form) -> bool:
        at = form.cleaned_data.get("at")
        if action == "schedule" and (at is None or at <= timezone.now()):
            form.add_error("at", _("Choose a time in the future to schedule."))
            return False
        steps = {
            "publish": lambda: desk.article_publish(article=article, user=request.user),
            "schedule": lambda: desk.article_publish(article=article, user=request.user, at=at),
            "unpublish": lambda: desk.article_unpublish(article=article, user=request.user),
            "submit": lambda: desk.article_submit_for_review(article=article, user=request.user),
            "draft": lambda: desk.article_return_to_draft(article=article, user=request.user),
        }
        if action not in steps:
            messages.error(request, _("Unknown action."))
            return True
        try:
            steps[action]()
        except desk.PublishRefused as refused:
            form.add_error(None, _("Not published yet:"))
            for reason in refused.reasons:
                form.add_error(None, reason)
            return False
        except desk.InvalidTransition as error:
            messages.error(request, str(error))
            return True
        messages.success(
            request, _("Done: the article is now %s.") % article.get_status_display().lower()
        )
        return True

    def history_view(self, request, object_id, extra_context=None):
        article = self._article(request, object_id)
        revisions = article.revisions.select_related("created_by").defer("body", "dek")
        return super().history_view(
            request,
            object_id,
            {
                **(extra_context or {}),
                "revisions": revisions,
                "may_change": self.has_change_permission(request, article),
            },
        )

    def compare_view(self, request, object_id):
        article = self._article(request, object_id)
        numbers = []
        for key in ("a", "b"):
            value = request.GET.get(key, "")
            numbers.append(int(value) if value.isdigit() else None)
        revisions = {
            r.number: r for r in article.revisions.filter(number__in=[n for n in numbers if n])
        }
        if len(revisions) < 2 or None in numbers:
            messages.error(request, _("Choose two different revisions to compare."))
            return self._to("history", article)
        old, new = sorted(revisions.values(), key=lambda r: r.number)
        diffs = [
            (label, _diff(getattr(old, name), getattr(new, name)))
            for name, label in (("headline", _("Headline")), ("dek", _("Dek")), ("body", _("Body")))
        ]
        return self._render(
            request,
            "compare.html",
            article,
            title=_("Revision %(a)d against %(b)d") % {"a": old.number, "b": new.number},
            old=old,
            new=new,
            diffs=diffs,
        )

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id, change=True)
        revision = get_object_or_404(article.revisions, number=number)
        desk.revision_restore(revision=revision, user=request.user)
        messages.success(request, _("Revision %d restored as a new revision.") % number)
        return self._to("change", article)


def _posted_decision(post) -> tuple[str, str, str]:
    """``(finding id, rule, decision)`` from a review post; the unused one is empty."""
    if value := post.get("finding_decision", ""):
        finding_id, _sep, decision = value.rpartition(":")
        return finding_id, "", decision
    if value := post.get("rule_decision", ""):
        rule, _sep, decision = value.rpartition(":")
        return "", rule[:60], decision
    return post.get("finding", ""), post.get("rule", "")[:60], post.get("decision", "")


def _diff(old: str, new: str) -> list[tuple[str, str]]:
    """Line pairs for the template: (kind, text), kind one of same, added, removed."""
    rows = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        marker, text = line[:2], line[2:]
        if marker == "? ":
            continue
        kind = {"+ ": "added", "- ": "removed"}.get(marker, "same")
        rows.append((kind, text))
    return rows
