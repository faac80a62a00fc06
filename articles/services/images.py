"""Images in and out of the media storage: upload, describe, delete.

Renditions are made once, here, when an image is uploaded (``articles.imaging``
does the Pillow work); pages read the list kept on the row and never touch the
storage. Files go through Django's default storage, so a file system or an
S3-compatible bucket is a matter of settings.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.imaging import ImageRejected, PreparedImage, image_prepare, image_size_check
from articles.models import Image
from articles.services.desk.common import require_permission

__all__ = ["ImageRejected", "image_check", "image_create", "image_delete", "image_save"]


def image_check(upload) -> PreparedImage:
    """Read an upload (a file or bytes) within the configured limits; ``ImageRejected`` says why not.

    The size is checked before the file is read, so an oversized upload is
    never held in memory.
    """
    max_bytes = settings.NEWSROOM["IMAGE_MAX_BYTES"]
    if isinstance(upload, bytes | bytearray):
        data = bytes(upload)
    else:
        image_size_check(upload.size, max_bytes=max_bytes)
        upload.seek(0)
        data = upload.read(max_bytes + 1)
    return image_prepare(
        data, max_bytes=max_bytes, max_pixels=settings.NEWSROOM["IMAGE_MAX_PIXELS"]
    )


def _folder(filename: str, prepared: PreparedImage) -> str:
    stem = slugify(PurePath(filename or "image").stem)[:40].strip("-") or "image"
    return f"images/{timezone.now():%Y/%m}/{stem}-{prepared.sha256[:12]}"


def _store(image: Image, prepared: PreparedImage, filename: str) -> list[str]:
    folder = _folder(filename, prepared)
    names = [
        default_storage.save(f"{folder}/original.{prepared.extension}", ContentFile(prepared.data))
    ]
    image.file.name = names[0]
    image.width, image.height = prepared.width, prepared.height
    image.renditions = []
    for rendition in prepared.renditions:
        extension = "jpg" if rendition.format == "jpeg" else rendition.format
        name = default_storage.save(
            f"{folder}/{rendition.width}.{extension}", ContentFile(rendition.data)
        )
        names.append(name)
        image.renditions.append(
            {
                "format": rendition.format,
                "width": rendition.width,
                "height": rendition.height,
                "name": name,
            }
        )
    return names


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def image_save(
    *, image: Image, user, prepared: PreparedImage | None = None, filename: str = ""
) -> Image:
    """Save an image's description; a new image also stores its file and renditions.

    ``prepared`` comes from ``image_check`` and is needed for a new image
    only: an image's picture never changes (a new picture is a new image), so
    a URL once published always shows the same thing.
    """
    if image.pk is None:
        require_permission(user, "articles.add_image")
        if prepared is None:
            raise ValueError("A new image needs its prepared upload.")
        names = _store(image, prepared, filename)
        if user is not None:
            image.uploaded_by = user
        try:
            image.save()
        except Exception:
            _delete_files(names)
            raise
        return image
    require_permission(user, "articles.change_image")
    image.save(update_fields=["alt_text", "caption", "credit"])
    return image


def image_create(
    *, upload, alt_text: str, caption: str = "", credit: str = "", user=None, filename: str = ""
) -> Image:
    """Check, store and describe a new image in one call (commands and the demo loader)."""
    prepared = image_check(upload)
    image = Image(alt_text=alt_text, caption=caption, credit=credit)
    return image_save(
        image=image,
        user=user,
        prepared=prepared,
        filename=filename or getattr(upload, "name", ""),
    )


def image_delete(*, image: Image, user) -> None:
    """Delete an image no story shows, and its files once the deletion is committed.

    A story that still shows it protects it (``ProtectedError``).
    """
    require_permission(user, "articles.delete_image")
    names = [image.file.name] + [row["name"] for row in image.renditions]
    with transaction.atomic():
        image.delete()
        transaction.on_commit(lambda: _delete_files(names))
