from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from articles import selectors
from articles.models import Author, Section, Tag


def front_page(request):
    page = Paginator(selectors.article_list_published(), 20).get_page(request.GET.get("page"))
    return render(request, "articles/front_page.html", {"page": page})


def article_detail(request, year, month, day, slug):
    article = selectors.article_get_for_reader(slug=slug, user=request.user)
    if article is None:
        raise Http404("No such article.")
    return render(request, "articles/article_detail.html", {"article": article})


def section_page(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = selectors.article_list_published().filter(section=section)
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(request, "articles/front_page.html", {"page": page, "title": section.name})


def author_page(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = selectors.article_list_published().filter(bylines__author=author)
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(request, "articles/front_page.html", {"page": page, "title": author.name})


def tag_page(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = selectors.article_list_published().filter(tags=tag)
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(request, "articles/front_page.html", {"page": page, "title": tag.name})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
