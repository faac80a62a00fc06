"""Email moderators the comments that have waited too long. Run it from cron every few minutes."""

from django.core.management.base import BaseCommand

from articles.services.notifications import comments_digest_send


class Command(BaseCommand):
    help = (
        "Email each moderator a digest of comments waiting longer than the moderation "
        "settings allow. Safe to run often: nobody hears twice about the same comments."
    )

    def handle(self, *args, **options):
        sent = comments_digest_send()
        self.stdout.write(f"{sent} digest email(s) sent.")
