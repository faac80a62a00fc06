"""Reader pages: front, article, section, author, tag, search, errors."""

from functools import wraps

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date

from articles import search, selectors
from articles.caching import never_cache_page, public_page, versioned_value
from articles.forms import CommentForm, pending_ids
from articles.models import Author, Section, Tag
from articles.views.outage import is_outage, service_unavailable

PER_PAGE = 20
SEARCH_PER_PAGE = 10


def pages_checked(view):
    """A ``page`` or ``cpage`` that is no page of what the view lists is a 404, as in ``ListView``.

    The selectors raise ``InvalidPage`` for ``?page=abc``, ``?page=0`` and a
    page past the end, rather than showing another page at that address.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except InvalidPage as error:
            raise Http404(f"No such page: {error}") from None

    return wrapper


@public_page("front")
@pages_checked
def front_page(request):
    listing = selectors.article_listing(number=request.GET.get("page"), per_page=PER_PAGE)
    context = {
        "page": listing.page,
        "listing_version": request.cache_versions["front"],
        # Read only when the top of page one is not cached.
        "front": SimpleLazyObject(selectors.front_page_read),
    }
    return render(request, "articles/front_page.html", context)


@public_page("story:{slug}", "comments:{slug}", notices=True)
@pages_checked
def article_detail(request, year, month, day, slug):
    preview = selectors.article_may_preview(request.user)
    article = selectors.article_for_reader(slug=slug, preview=preview)
    if article is None:
        moved = selectors.article_moved(slug=slug, preview=preview)
        if moved is None:
            raise Http404("No such article.")
        return redirect(moved, permanent=True)
    canonical = article.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    comments = _comment_section(request, article)
    form = None
    if not comments.closed:
        parent = comments.reply_to.pk if comments.reply_to else None
        # Built only when its fields' fragment is not cached.
        form = SimpleLazyObject(lambda: CommentForm(article=article, initial={"parent": parent}))
    context = {
        "article": article,
        "story": selectors.article_story(article),
        "comments": comments,
        "comment_form": form,
        "canonical": canonical,
        "is_preview": not article.is_live,
    }
    response = render(request, "articles/article_detail.html", context)
    if not article.is_live:
        return never_cache_page(response)
    changes = [article.updated_at, comments.stats.changed_at or article.updated_at]
    response["Last-Modified"] = http_date(max(changes).timestamp())
    return response


def _comment_section(request, article) -> selectors.CommentSection:
    """The reader's comment section; the comments' count and the rules kept per version."""
    versions = request.cache_versions
    stats = versioned_value(
        f"comment-stats:{article.pk}",
        [versions["comments"]],
        lambda: selectors.comment_stats(article=article),
    )
    rules = versioned_value("comment-rules", [versions["site"]], selectors.comment_rules)
    return selectors.comment_section_read(
        article=article,
        stats=stats,
        rules=rules,
        cpage=request.GET.get("cpage"),
        replyto=request.GET.get("replyto"),
        pending_ids=pending_ids(request),
    )


def _listing_page(request, template: str, of, slug: str):
    """A section, author or tag page: the subject, one page of its stories, the sections bar."""
    listing = selectors.article_listing(
        number=request.GET.get("page"), per_page=PER_PAGE, of=of, slug=slug
    )
    if listing is None:
        raise Http404(f"No {of._meta.verbose_name} with this address.")
    kind = of._meta.model_name
    context = {
        kind: listing.subject,
        "page": listing.page,
        "listing_version": request.cache_versions[kind],
    }
    if of is Section:
        # The section's lead and second tier, read only when not cached.
        context["front"] = SimpleLazyObject(
            lambda: selectors.front_page_read(section=listing.subject, blocks=False)
        )
    return render(request, template, context)


@public_page("section:{slug}")
@pages_checked
def section_page(request, slug):
    return _listing_page(request, "articles/section_page.html", Section, slug)


@public_page("author:{slug}")
@pages_checked
def author_page(request, slug):
    return _listing_page(request, "articles/author_page.html", Author, slug)


@public_page("tag:{slug}")
@pages_checked
def tag_page(request, slug):
    return _listing_page(request, "articles/tag_page.html", Tag, slug)


@public_page("front")
@pages_checked
def search_page(request):
    query = search.search_parse(request.GET.get("q"))
    found = search.search_results(query, number=request.GET.get("page"), per_page=SEARCH_PER_PAGE)
    return render(request, "articles/search.html", {"search": query, "page": found.page})


def page_not_found(request, exception):
    return never_cache_page(render(request, "404.html", status=404))


def server_error(request):
    if is_outage():
        return service_unavailable(request)
    # No context processors or database: the error may be the database.
    html = loader.get_template("500.html").render({"site_name": settings.NEWSROOM["SITE_NAME"]})
    return never_cache_page(HttpResponseServerError(html))
