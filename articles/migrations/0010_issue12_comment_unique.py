import hashlib

from django.db import migrations, models


def comment_duplicates_set_apart(apps, schema_editor):
    """Comments stored twice before the constraint keep their rows: the later copies'
    hashes are made unique so nothing is deleted."""
    Comment = apps.get_model("articles", "Comment")
    seen = set()
    for pk, article_id, content_hash in (
        Comment.objects.order_by("pk").values_list("pk", "article_id", "content_hash").iterator()
    ):
        if (article_id, content_hash) in seen:
            apart = hashlib.sha256(f"{content_hash}:duplicate:{pk}".encode()).hexdigest()
            Comment.objects.filter(pk=pk).update(content_hash=apart)
        else:
            seen.add((article_id, content_hash))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_issue12_raw_copy_match"),
    ]

    operations = [
        migrations.RunPython(comment_duplicates_set_apart, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="comment",
            name="content_hash",
            field=models.CharField(max_length=64, verbose_name="content hash"),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.UniqueConstraint(
                fields=("article", "content_hash"),
                name="comment_article_content_unique",
                violation_error_message="This comment was already received.",
            ),
        ),
        migrations.AlterField(
            model_name="moderationsettings",
            name="premoderate_new_commenters",
            field=models.BooleanField(
                default=True,
                help_text="A reader whose browser holds the token of their earlier approved comment is trusted and published at once; an email address alone proves nothing.",
                verbose_name="hold comments from new commenters",
            ),
        ),
    ]
