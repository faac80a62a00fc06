"""Load Newsroom's own demo stories, comments and accounts. Idempotent."""

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Author, Byline, Comment, Section, Tag
from articles.services.desk import article_publish, finding_accept
from articles.services.imports import story_import

STORIES_DIR = Path(__file__).resolve().parents[2] / "demo" / "stories"


@dataclass(frozen=True)
class DemoStory:
    filename: str
    section: str
    tags: tuple[str, ...]
    hours_ago: int | None  # None leaves the story as a draft with open findings


STORIES = [
    DemoStory("01-harbour-wall.txt", "Local", ("harbour", "council"), 2),
    DemoStory("02-storm-brannock.txt", "Weather", ("Storm Brannock",), 20),
    DemoStory("03-ferry-trial.txt", "Courts", ("ferry",), None),
    DemoStory("04-school-chatbot.txt", "Education", ("schools", "technology"), 30),
    DemoStory("05-lifeboat.txt", "Local", ("lifeboat", "harbour"), 50),
    DemoStory("06-market-hall.txt", "Business", ("planning",), None),
]

ACCOUNTS = [
    ("editor", "Editors", True),
    ("moderator", "Moderators", False),
    ("reporter", "Reporters", False),
]

COMMENTS = [
    (
        "01-harbour-wall.txt",
        "Jory Trelawny",
        "jory@saltmere.example",
        "About time. My nan's cellar flooded every winter.",
        "approved",
    ),
    (
        "01-harbour-wall.txt",
        "Sal Brennan",
        "sal@saltmere.example",
        "Will the slipway stay open for the rowing club during the works?",
        "approved",
    ),
    (
        "01-harbour-wall.txt",
        "New Reader",
        "new@saltmere.example",
        "First time commenting: who pays if the grant comes through later?",
        "pending",
    ),
    (
        "02-storm-brannock.txt",
        "Win Pascoe",
        "win@saltmere.example",
        "Power back on in Lindle since 6am. Thanks to the crews.",
        "approved",
    ),
    (
        "02-storm-brannock.txt",
        "CheapPills",
        "promo@spam.example",
        "Buy cheap pills now at our shop, best prices!!!",
        "spam",
    ),
]


def demo_password(username: str) -> str:
    """A stable password per SECRET_KEY: running the command twice prints the same one."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo:{username}".encode(), hashlib.sha256)
    return f"{username}-{digest.hexdigest()[:10]}"


class Command(BaseCommand):
    help = "Load the demo stories, comments and accounts (editor, moderator, reporter)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off. Demo accounts have printed passwords: never on a public site.",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "load_demo creates accounts with printed passwords; it runs only with DEBUG=1 "
                "(or --allow-production on a private machine)."
            )
        accounts = self.load_accounts()
        editor = accounts["editor"]
        for story in STORIES:
            self.load_story(story, editor=editor)
        self.load_comments()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded. Accounts (local use only):"))
        for username, _group, _superuser in ACCOUNTS:
            self.stdout.write(f"  {username:<10} password: {demo_password(username)}")

    def load_accounts(self) -> dict[str, User]:
        accounts = {}
        for username, group_name, is_superuser in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "is_staff": True,
                    "is_superuser": is_superuser,
                    "email": f"{username}@newsroom.local",
                },
            )
            if created:
                user.set_password(demo_password(username))
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=group_name))
            accounts[username] = user
        return accounts

    def load_story(self, story: DemoStory, *, editor: User) -> None:
        data = (STORIES_DIR / story.filename).read_bytes()
        article, created = story_import(
            data=data, filename=story.filename, user=editor, via="load_demo"
        )
        if not created:
            return
        with transaction.atomic():
            article.section = Section.objects.get_or_create(name=story.section)[0]
            article.save(update_fields=["section"])
            article.tags.set(Tag.objects.get_or_create(name=name)[0] for name in story.tags)
            if not article.bylines.exists():
                desk, _ = Author.objects.get_or_create(
                    name="Courier Desk", defaults={"kind": Author.Kind.STAFF}
                )
                Byline.objects.create(article=article, author=desk, position=0)
        if story.hours_ago is None:
            return
        for finding in article.findings.filter(decision="open"):
            finding_accept(finding=finding, user=editor)
        article.refresh_from_db()
        article_publish(
            article=article, user=editor, at=timezone.now() - dt.timedelta(hours=story.hours_ago)
        )

    def load_comments(self) -> None:
        for filename, name, email, body, status in COMMENTS:
            article = Article.objects.filter(raw_copy__filename=filename).first()
            if article is None or not article.is_live:
                continue
            Comment.objects.get_or_create(
                article=article,
                author_email=email,
                content_hash=hashlib.sha256(body.encode()).hexdigest(),
                defaults={"author_name": name, "body": body, "status": status},
            )
