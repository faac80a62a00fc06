"""Delete spam and rejected comments older than the retention period. Approved ones stay forever."""

from django.core.management.base import BaseCommand

from articles.models import ModerationSettings
from articles.services.moderation import comments_purge


class Command(BaseCommand):
    help = (
        "Delete spam and rejected comments older than the retention period set in the "
        "moderation settings (default 30 days). Approved and pending comments are never deleted."
    )

    def handle(self, *args, **options):
        days = ModerationSettings.load().retention_days
        deleted = comments_purge()
        self.stdout.write(f"Deleted {deleted} spam or rejected comment(s) older than {days} days.")
