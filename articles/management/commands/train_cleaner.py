"""``manage.py train_cleaner [--seed N] [--approve | --queue]``: retrain the paragraph classifier with
the newsroom's own labels, show the held-out figures before and after, store the model.

The site keeps using the model it has until an editor approves the new one in the admin
(Trained classifiers), or ``--approve`` does it here.
"""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.services import cleaner


class Command(BaseCommand):
    help = (
        "Retrain the paragraph classifier with the shipped data and every editor's label, "
        "print the held-out figures of the shipped model and the new one, and store the new "
        "one as a candidate. It is used only once approved (in the admin, or --approve)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=0, help="training seed (default 0)")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="train on a background worker instead; the candidate appears in the admin",
        )
        parser.add_argument(
            "--approve",
            action="store_true",
            help="approve the new model at once: imports use it from now on",
        )

    def handle(self, *args, seed, approve, queue, **options):
        if queue:
            if approve:
                raise CommandError("--queue trains in the background: approve it in the admin.")
            from articles.tasks import cleaner_retrain

            cleaner_retrain.delay(seed)
            self.stdout.write(
                "Queued: the new model appears under Trained classifiers once trained."
            )
            return
        try:
            candidate, report = cleaner.classifier_train(seed=seed)
        except cleaner.ClassifierRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            f"Trained with {candidate.label_count} newsroom label(s) besides the shipped data."
        )
        self.stdout.write(report.summary())
        url = reverse("admin:articles_trainedclassifier_change", args=[candidate.pk])
        if not approve:
            self.stdout.write(
                f"Stored as candidate {candidate.pk}: {url}\n"
                "Imports keep the current model until an editor approves this one there "
                "(or run again with --approve)."
            )
            return
        try:
            cleaner.classifier_approve(classifier=candidate, user=None)
        except cleaner.ClassifierRefused as refused:
            raise CommandError(
                f"Stored as candidate {candidate.pk} but not approved: {refused}"
            ) from None
        self.stdout.write(self.style.SUCCESS(f"Approved model {candidate.pk}: imports use it now."))
