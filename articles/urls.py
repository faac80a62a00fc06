from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from articles import feeds, views
from articles.caching import public_page
from articles.sitemaps import SITEMAPS
from articles.views import comments as comment_views

app_name = "articles"

# Feeds and sitemaps are cached as the listings they follow (``articles.caching.versions``).
front, section, author = (
    public_page("front"),
    public_page("section:{slug}"),
    public_page("author:{slug}"),
)

urlpatterns = [
    path("", views.front_page, name="front"),
    path("<int:year>/<int:month>/<int:day>/<slug:slug>/", views.article_detail, name="detail"),
    path("section/<slug:slug>/", views.section_page, name="section"),
    path("author/<slug:slug>/", views.author_page, name="author"),
    path("tag/<slug:slug>/", views.tag_page, name="tag"),
    path("search/", views.search_page, name="search"),
    path("feeds/rss/", front(feeds.LatestFeed()), name="feed_rss"),
    path("feeds/atom/", front(feeds.LatestAtomFeed()), name="feed_atom"),
    path("section/<slug:slug>/rss/", section(feeds.SectionFeed()), name="section_rss"),
    path("section/<slug:slug>/atom/", section(feeds.SectionAtomFeed()), name="section_atom"),
    path("author/<slug:slug>/rss/", author(feeds.AuthorFeed()), name="author_rss"),
    path("author/<slug:slug>/atom/", author(feeds.AuthorAtomFeed()), name="author_atom"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        front(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_part",
    ),
    path("news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("manifest.webmanifest", views.web_manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("comments/post/<int:article_id>/", comment_views.comment_post, name="comment_post"),
    path(
        "comments/<int:comment_id>/report/",
        comment_views.comment_report_view,
        name="comment_report",
    ),
]
