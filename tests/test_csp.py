"""The Content-Security-Policy header, and public pages that need nothing it forbids."""

import re

import pytest

from tests.factories import UserFactory, full_story

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def test_every_page_carries_a_strict_policy(client):
    """Scripts and styles from this site only, no plugins, no framing, forms post here."""
    article = full_story(comments=2)
    pages = ["/", article.get_absolute_url(), article.get_absolute_url(), "/admin/login/"]
    for url in pages:
        directives = _directives(client.get(url))
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["form-action"] == "'self'"


def test_a_page_served_from_the_cache_carries_it_too(client):
    """The policy is added on the way out, so a cache hit has it as well."""
    article = full_story()
    client.get(article.get_absolute_url())
    hit = client.get(article.get_absolute_url())
    assert hit["X-Page-Cache"] == "hit"
    assert _directives(hit)["script-src"] == "'self'"


def test_public_pages_have_no_inline_script_style_or_handler(client):
    """Nothing on the reader's pages needs 'unsafe-inline' (JSON-LD is data, not script)."""
    article = full_story(comments=3)
    urls = ["/", article.get_absolute_url(), article.section.get_absolute_url(), "/search/?q=wall"]
    for url in urls:
        html = client.get(url).content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_STYLE.search(html), url
        assert not HANDLER.search(html), url


def test_the_error_pages_keep_their_looks_under_the_policy(client, settings):
    """The 404 and 500 pages link the site's stylesheet instead of an inline style."""
    from django.template import loader

    assert "css/site.css" in loader.get_template("500.html").render()
    html = client.get("/no-such-page/").content.decode()
    assert not INLINE_STYLE.search(html)


def test_the_desk_carries_the_policy(client):
    """Editors' pages are covered too (the browser tests check the desk's scripts still run)."""
    client.force_login(UserFactory(username="edna", groups=["Editors"]))
    assert _directives(client.get("/admin/articles/article/"))["script-src"] == "'self'"


def test_the_site_policy_is_the_one_django_csp_builds(client):
    """The header built once per process is django-csp's own, unchanged."""
    from csp.utils import build_policy

    assert client.get("/")["Content-Security-Policy"] == build_policy()


def test_a_view_that_changes_the_policy_gets_its_change(rf):
    """A view decorated with django-csp's csp_update goes through django-csp as usual."""
    from csp.decorators import csp_update
    from django.http import HttpResponse

    from newsroom.middleware import CSPMiddleware

    @csp_update({"img-src": ["https://images.saltmere.example"]})
    def view(request):
        return HttpResponse("a page with a map")

    request = rf.get("/map/")
    middleware = CSPMiddleware(view)
    middleware.process_request(request)
    response = middleware.process_response(request, view(request))
    images = _directives(response)["img-src"]
    assert "https://images.saltmere.example" in images and "'self'" in images


def test_images_from_a_bucket_or_cdn_are_allowed():
    """Uploads served from a bucket's domain or a CDN are named in img-src; nothing else is."""
    import json

    from tests.test_settings import run_manage

    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; import json; "
        "print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))",
        env={
            "DEBUG": "1",
            "MEDIA_URL": "https://media.harbourside.example/uploads/",
            "AWS_S3_CUSTOM_DOMAIN": "images.harbourside.example",
            "CSP_IMG_SRC": "https://cdn.harbourside.example",
        },
    )
    assert result.returncode == 0, result.stderr
    sources = json.loads(result.stdout.strip().splitlines()[-1])
    assert sources == [
        "'self'",
        "data:",
        "https://cdn.harbourside.example",
        "https://images.harbourside.example",
        "https://media.harbourside.example",
    ]
