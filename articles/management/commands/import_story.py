"""``manage.py import_story PATH|- [--format ...] [--user USERNAME] [--site DOMAIN]``: raw copy
in, a draft out."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from articles.management.commands._input import read_source, refuse
from articles.services.cleaner import site_domain
from articles.services.imports import ImportRejected, story_import


class Command(BaseCommand):
    help = (
        "Import raw copy (a text or HTML file, or - for standard input) as a draft article. "
        "The same copy imported twice points to the first draft."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to import, or - to read standard input")
        parser.add_argument("--format", choices=["auto", "text", "html"], default="auto")
        parser.add_argument("--user", help="the username to record as having brought the copy in")
        parser.add_argument(
            "--site",
            default="",
            help="the site the copy came from (a domain); an HTML page names its own",
        )

    def handle(self, *args, path, format, user, site, **options):
        if site and site_domain(site) is None:
            raise refuse(f"{site!r} is not a site's domain, such as gazette.saltmere.example.")
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise refuse(f"No user named {user}.")
        data, filename = read_source(path, options.get("stdin"))
        try:
            article, created = story_import(
                data=data,
                filename=filename,
                format=format,
                user=account,
                via="import_story",
                site=site,
            )
        except ImportRejected as exc:
            raise refuse(str(exc)) from None
        url = reverse("admin:articles_article_change", args=[article.pk])
        if created:
            self.stdout.write(f"Imported draft {article.pk}: {url}")
        else:
            self.stdout.write(
                f"Already imported as article {article.pk} ({article.get_status_display()}): {url}"
            )
