from django.conf import settings


def site(request):
    """The site's name and address for every template."""
    return {
        "site_name": settings.NEWSROOM["SITE_NAME"],
        "site_url": settings.NEWSROOM["SITE_URL"],
    }
