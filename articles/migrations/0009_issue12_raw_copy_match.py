import hashlib

from django.db import migrations, models


def _match_digest(data: bytes) -> str:
    # As articles.services.imports.copy_match_digest at the time of this migration.
    text = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return hashlib.sha256(text.strip()).hexdigest()


def raw_copy_match_fill(apps, schema_editor):
    """Every kept copy gets its duplicate-check digest; copies that already differ only
    in line endings stay apart, keyed by their own bytes."""
    RawCopy = apps.get_model("articles", "RawCopy")
    seen = set()
    for raw in RawCopy.objects.order_by("pk").only("pk", "data", "sha256").iterator():
        digest = _match_digest(bytes(raw.data))
        if digest in seen:
            digest = raw.sha256
        seen.add(digest)
        RawCopy.objects.filter(pk=raw.pk).update(match_sha256=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_i13_desk_flow"),
    ]

    operations = [
        migrations.AddField(
            model_name="rawcopy",
            name="match_sha256",
            field=models.CharField(max_length=64, null=True, verbose_name="SHA-256 for the duplicate check"),
        ),
        migrations.RunPython(raw_copy_match_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="rawcopy",
            name="match_sha256",
            field=models.CharField(
                help_text="Of the bytes with line endings made LF and a byte-order mark and surrounding white space left out, so the same copy pasted (CRLF) or uploaded matches.",
                max_length=64,
                unique=True,
                verbose_name="SHA-256 for the duplicate check",
            ),
        ),
    ]
