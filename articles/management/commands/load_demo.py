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

from articles.demo.pictures import demo_picture
from articles.models import (
    Article,
    ArticleImage,
    Author,
    Byline,
    Comment,
    Section,
    Source,
    Suggestion,
    Tag,
)
from articles.services.desk import (
    article_publish,
    article_save,
    finding_accept,
    suggestion_confirm,
)
from articles.services.images import image_create
from articles.services.imports import story_import

STORIES_DIR = Path(__file__).resolve().parents[2] / "demo" / "stories"


@dataclass(frozen=True)
class DemoPicture:
    scene: str  # a scene of articles/demo/pictures.py
    alt_text: str
    caption: str


@dataclass(frozen=True)
class DemoStory:
    filename: str
    section: str
    tags: tuple[str, ...]
    hours_ago: int | None  # None leaves the story as a draft with open findings
    picture: DemoPicture
    # A second picture, shown in the body after this paragraph.
    body_picture: tuple[int, DemoPicture] | None = None
    # What the desk changes by hand after deciding the findings, as (old, new)
    # in the body: what the cleaner only sent to review (a stock phrase) or
    # missed (a lede said again in other words, a fact said twice).
    edits: tuple[tuple[str, str], ...] = ()


PICTURE_CREDIT = "Illustration: Courier graphics desk"

STORIES = [
    DemoStory(
        "01-harbour-wall.txt",
        "Local",
        ("harbour", "council"),
        2,
        DemoPicture(
            "harbour-wall",
            "A stone harbour wall running out to a red and white lighthouse at sunrise",
            "The eastern harbour wall, where Storm Brannock opened a forty-metre gap.",
        ),
        body_picture=(
            3,
            DemoPicture(
                "lifeboat",
                "An orange lifeboat crossing choppy water below a headland",
                "Saltmere's lifeboat puts out from the harbour the wall protects.",
            ),
        ),
        edits=(
            (
                "The council has agreed to rebuild the harbour wall at a cost of £4.2 million, "
                "councillors decided on Tuesday, after the recent storm left a large breach in "
                "the old structure.\n\n",
                "",
            ),
            ("It is worth noting that the wall protects", "The wall protects"),
            ("\n\nThe vote was 5-2.", ""),
        ),
    ),
    DemoStory(
        "02-storm-brannock.txt",
        "Weather",
        ("Storm Brannock",),
        20,
        DemoPicture(
            "storm",
            "Rain sweeping over a grey sea and a leaning power pole on a headland",
            "Power lines came down across the peninsula as gusts reached 90 mph.",
        ),
        edits=(
            (
                "Gusts of up to 90 mph hit the coast overnight as Storm Brannock swept across "
                "the Saltmere peninsula, leaving roughly 3,000 households without power by "
                "Sunday evening.\n\n",
                "",
            ),
        ),
    ),
    DemoStory(
        "03-ferry-trial.txt",
        "Courts",
        ("ferry",),
        None,
        DemoPicture(
            "ferry",
            "A white passenger ferry with a red funnel crossing a calm bay",
            "The Saltmere-to-Lindle crossing, at the centre of the trial.",
        ),
    ),
    DemoStory(
        "04-school-chatbot.txt",
        "Education",
        ("schools", "technology"),
        30,
        DemoPicture(
            "classroom",
            "Three laptops open on classroom desks in front of a blackboard",
            "Year 10 pupils put 120 questions to the homework chatbot.",
        ),
    ),
    DemoStory(
        "05-lifeboat.txt",
        "Local",
        ("lifeboat", "harbour"),
        50,
        DemoPicture(
            "lifeboat",
            "An orange lifeboat crossing choppy water below a headland",
            "The crew reached the drifting yacht off Kellan Point within twenty minutes.",
        ),
        edits=(("It is important to note that this was", "This was"),),
    ),
    DemoStory(
        "06-market-hall.txt",
        "Business",
        ("planning",),
        None,
        DemoPicture(
            "market-hall",
            "The arched brick front of a Victorian market hall with a clock in its gable",
            "Saltmere's market hall, which Harbourline Homes wants to turn into flats.",
        ),
    ),
]

# (username, role). Each demo account has exactly its role's permissions, so the
# desk looks to it as it will to a real editor, reporter or moderator.
ACCOUNTS = [
    ("editor", "Editors"),
    ("moderator", "Moderators"),
    ("reporter", "Reporters"),
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
        for username, _group in ACCOUNTS:
            self.stdout.write(f"  {username:<10} password: {demo_password(username)}")

    def load_accounts(self) -> dict[str, User]:
        accounts = {}
        for username, group_name in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "email": f"{username}@newsroom.local"},
            )
            if created:
                user.set_password(demo_password(username))
                user.save(update_fields=["password"])
            if user.is_superuser:
                # Demo data from before the roles were shown as they are.
                user.is_superuser = False
                user.save(update_fields=["is_superuser"])
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
            article.lead_image = self.load_picture(story.picture, editor=editor)
            article.save(update_fields=["section", "lead_image"])
            if story.body_picture is not None:
                after, picture = story.body_picture
                ArticleImage.objects.create(
                    article=article,
                    image=self.load_picture(picture, editor=editor),
                    after_paragraph=after,
                )
            article.tags.set(Tag.objects.get_or_create(name=name)[0] for name in story.tags)
        if story.hours_ago is None:
            return  # a draft keeps its findings and suggestions open for the desk
        self.confirm_suggestions(article, editor=editor)
        if not article.bylines.exists():
            desk, _ = Author.objects.get_or_create(
                name="Courier Desk", defaults={"kind": Author.Kind.STAFF}
            )
            Byline.objects.create(article=article, author=desk, position=0)
        for finding in article.findings.filter(decision="open"):
            finding_accept(finding=finding, user=editor)
        self.edit_by_hand(article, story.edits, editor=editor)
        # A related link with no address tells a reader nothing: the desk deletes its row.
        article.related_links.filter(url="").delete()
        article.refresh_from_db()
        article_publish(
            article=article, user=editor, at=timezone.now() - dt.timedelta(hours=story.hours_ago)
        )

    def edit_by_hand(self, article: Article, edits, *, editor: User) -> None:
        """The desk's own changes to the body, saved as one revision."""
        if not edits:
            return
        article.refresh_from_db()
        body = article.body
        for old, new in edits:
            if old not in body:
                raise CommandError(
                    f"Demo edit of {article.slug!r} finds nothing to change: {old!r}"
                )
            body = body.replace(old, new, 1)
        article.body = body
        article_save(article=article, user=editor, note="Cut the repeats and the stock phrases")

    def load_picture(self, picture: DemoPicture, *, editor: User):
        return image_create(
            upload=demo_picture(picture.scene),
            alt_text=picture.alt_text,
            caption=picture.caption,
            credit=PICTURE_CREDIT,
            user=editor,
            filename=f"{picture.scene}.jpg",
        )

    def confirm_suggestions(self, article: Article, *, editor: User) -> None:
        """What an editor would do: the proposed names, matched by name or added as new."""
        for suggestion in article.suggestions.filter(decision=Suggestion.Decision.OPEN):
            model = Author if suggestion.target == Suggestion.Target.BYLINE else Source
            match = model.objects.filter(name__iexact=suggestion.name).order_by("pk").first()
            suggestion_confirm(suggestion=suggestion, user=editor, match=match)

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
