"""Images through the desk: upload checks, location data, renditions, the publish gate."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags
from PIL import Image as PILImage

from articles.imaging import rendition_widths
from articles.models import ArticleImage, Image
from articles.services.desk import PublishRefused, article_publish, article_publish_check
from articles.services.images import image_create
from tests.factories import ArticleFactory, BylineFactory
from tests.image_files import XMP_LOCATION, noise, photo, png_bomb

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_image_add")


def media_files() -> list[Path]:
    root = Path(default_storage.location)
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, name: str, data: bytes, **fields):
    post = {
        "upload": SimpleUploadedFile(name, data),
        "alt_text": "Waves break over the harbour wall at high tide",
        "caption": "The wall at Saltmere, a week before the vote.",
        "credit": "Maren Holt",
        **fields,
    }
    return client.post(ADD, post)


def refused(response) -> str:
    """The error the editor reads next to the file field; the form comes back, nothing stored."""
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["upload"], errors
    assert not Image.objects.exists()
    assert media_files() == []
    return " ".join(errors["upload"])


# Refusals, each with a message


def test_png_bomb_is_refused_with_a_message(client, editor):
    """A 48 KB PNG that would decode to 400 megapixels is refused before it is decoded."""
    client.force_login(editor)
    response = upload(client, "harbour.png", png_bomb(20_000, 20_000))
    message = refused(response)
    assert "more than 50 megapixels" in message
    assert message in response.content.decode()


def test_image_over_the_pixel_limit_is_refused_with_its_dimensions(client, editor):
    """An image Pillow itself would only warn about is refused by the desk's own limit."""
    client.force_login(editor)
    message = refused(upload(client, "harbour.png", png_bomb(10_000, 10_000)))
    assert "10,000 by 10,000 pixels (100 megapixels)" in message
    assert "at most 50 megapixels" in message


def test_file_with_an_image_extension_that_is_not_an_image_is_refused(client, editor):
    """A text file named .jpg is not an image, whatever its name says."""
    client.force_login(editor)
    message = refused(upload(client, "harbour.jpg", b"Saltmere council minutes, 4 March\n" * 50))
    assert "not an image the desk can read" in message


def test_image_over_the_size_limit_is_refused_with_a_message(client, editor, settings):
    """A real picture over IMAGE_MAX_BYTES is refused with its size and the limit."""
    settings.NEWSROOM = {**settings.NEWSROOM, "IMAGE_MAX_BYTES": 1024 * 1024}
    client.force_login(editor)
    message = refused(upload(client, "harbour.png", noise(700, 600)))
    assert message.startswith("This file is 1.2 MB; the desk accepts images of at most 1 MB.")


def test_gif_and_truncated_files_are_refused_with_a_message(client, editor):
    """Only JPEG, PNG and WebP are accepted; a cut-off JPEG is called damaged."""
    client.force_login(editor)
    gif = io.BytesIO()
    PILImage.new("P", (40, 40)).save(gif, "GIF")
    assert "GIF file; the desk accepts JPEG, PNG and WebP" in refused(
        upload(client, "harbour.gif", gif.getvalue())
    )
    cut = photo(800, 600)
    assert "damaged or incomplete" in refused(upload(client, "harbour.jpg", cut[: len(cut) // 3]))


def test_alt_text_is_required_at_upload(client, editor):
    """An image without alt text is not stored."""
    client.force_login(editor)
    response = upload(client, "harbour.jpg", photo(), alt_text="")
    assert "alt_text" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


# Location data and renditions


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_location_data_is_gone_from_the_stored_original_and_every_rendition(client, editor, format):
    """EXIF GPS and XMP location are stripped; the photographer's other EXIF stays on the original."""
    client.force_login(editor)
    data = photo(format=format, gps=True)
    assert PILImage.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    response = upload(client, f"harbour.{format.lower()}", data)
    assert response.status_code == 302
    image = Image.objects.get()
    names = [image.file.name] + [r.name for r in image.rendition_list()]
    assert len(names) == 1 + 2 * 4
    for name in names:
        with default_storage.open(name) as stored:
            stored_bytes = stored.read()
        picture = PILImage.open(io.BytesIO(stored_bytes))
        assert not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo), name
        assert b"GPSLatitude" not in stored_bytes, name
        assert XMP_LOCATION not in stored_bytes, name
    with default_storage.open(image.file.name) as stored:
        original = PILImage.open(stored)
        assert original.getexif()[ExifTags.Base.Artist] == "Maren Holt"


def test_renditions_are_made_at_upload_in_webp_and_jpeg_at_several_widths(client, editor):
    """An 1,800 px photo gets 400, 800, 1,200 and 1,600 px copies in both formats, no wider."""
    client.force_login(editor)
    upload(client, "harbour.jpg", photo(1800, 1200))
    image = Image.objects.get()
    assert (image.width, image.height, image.uploaded_by) == (1800, 1200, editor)
    for format in ("webp", "jpeg"):
        renditions = image.rendition_list(format)
        assert [(r.width, r.height) for r in renditions] == [
            (400, 267),
            (800, 533),
            (1200, 800),
            (1600, 1067),
        ]
        for rendition in renditions:
            with default_storage.open(rendition.name) as stored:
                picture = PILImage.open(stored)
                assert picture.format == format.upper()
                assert picture.size == (rendition.width, rendition.height)
    assert image.srcset("webp").count("w, ") == 3
    assert image.fallback.width == 1200
    assert image.largest.width == 1600


def test_a_small_image_is_never_enlarged():
    """A 600 px image gets a 400 px copy and one at its own width."""
    assert rendition_widths(600) == [400, 600]
    assert rendition_widths(300) == [300]
    assert rendition_widths(4000) == [400, 800, 1200, 1600]


def test_a_sideways_phone_photo_is_turned_upright():
    """EXIF orientation 6 (rotated) gives upright renditions and upright dimensions."""
    picture = PILImage.new("RGB", (1200, 800), "navy")
    exif = PILImage.Exif()
    exif[ExifTags.Base.Orientation] = 6
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    image = image_create(upload=out.getvalue(), alt_text="Quay", filename="quay.jpg")
    assert (image.width, image.height) == (800, 1200)
    assert image.largest.width == 800
    assert image.largest.height == 1200


def test_the_image_keeps_no_file_of_its_own_once_deleted(
    client, editor, django_capture_on_commit_callbacks
):
    """Deleting an unused image deletes its original and renditions with it."""
    client.force_login(editor)
    upload(client, "harbour.jpg", photo())
    image = Image.objects.get()
    assert len(media_files()) == 9
    delete = reverse("admin:articles_image_delete", args=[image.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete, {"post": "yes"}).status_code == 302
    assert media_files() == []


def test_an_image_a_story_shows_cannot_be_deleted(client, editor):
    """The desk refuses to delete a story's lead image."""
    client.force_login(editor)
    image = image_create(upload=photo(), alt_text="Harbour", filename="harbour.jpg")
    ArticleFactory(lead_image=image)
    delete = reverse("admin:articles_image_delete", args=[image.pk])
    response = client.post(delete, {"post": "yes"})
    assert response.status_code == 200
    assert "Cannot delete image" in response.content.decode()
    assert Image.objects.filter(pk=image.pk).exists()


def test_editing_the_description_keeps_the_same_files(client, editor):
    """An image's file cannot be swapped: the change form edits the words only."""
    client.force_login(editor)
    image = image_create(upload=photo(), alt_text="Harbour", filename="harbour.jpg")
    before = (image.file.name, image.renditions)
    change = reverse("admin:articles_image_change", args=[image.pk])
    response = client.post(
        change,
        {
            "alt_text": "The harbour wall at dusk",
            "caption": "Saltmere.",
            "credit": "Courier",
            "upload": SimpleUploadedFile("other.jpg", photo(900, 600)),
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.alt_text == "The harbour wall at dusk"
    assert (image.file.name, image.renditions) == before


def test_reporters_may_upload_but_not_delete(client, reporter):
    """Reporters add images to their stories; deleting is for editors."""
    client.force_login(reporter)
    assert upload(client, "harbour.jpg", photo()).status_code == 302
    image = Image.objects.get()
    delete = reverse("admin:articles_image_delete", args=[image.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


# The publish gate


def test_publishing_needs_a_caption_and_credit_for_every_image_shown(editor):
    """A lead or body image without caption or credit keeps the story from going live."""
    lead = image_create(upload=photo(), alt_text="Harbour wall", filename="lead.jpg")
    inside = image_create(
        upload=photo(800, 600), alt_text="Quay", caption="The quay.", filename="in.jpg"
    )
    article = ArticleFactory(lead_image=lead)
    BylineFactory(article=article)
    ArticleImage.objects.create(article=article, image=inside, after_paragraph=1)
    assert article_publish_check(article) == [
        "The lead image has no caption and no credit.",
        "The image after paragraph 1 has no credit.",
    ]
    with pytest.raises(PublishRefused):
        article_publish(article=article, user=editor)
    Image.objects.filter(pk=lead.pk).update(caption="The wall.", credit="Maren Holt")
    Image.objects.filter(pk=inside.pk).update(credit="Courier staff")
    article.refresh_from_db()
    article_publish(article=article, user=editor)
    assert article.is_live


def test_a_story_without_images_needs_none():
    """No image, no image reasons."""
    article = ArticleFactory()
    BylineFactory(article=article)
    assert article_publish_check(article) == []


# Shared storage for several app servers


def test_images_go_to_an_s3_compatible_bucket_when_one_is_configured(settings, monkeypatch):
    """With S3Storage as STORAGES' default, the original and renditions land in the bucket.

    moto stands in for the object store inside this process; nothing leaves the machine.
    """
    import boto3
    from moto import mock_aws

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-2")
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-2")
        s3.create_bucket(
            Bucket="courier-media",
            CreateBucketConfiguration={"LocationConstraint": "eu-west-2"},
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "courier-media",
                    "region_name": "eu-west-2",
                    "custom_domain": "media.courier.example",
                    "querystring_auth": False,
                    "file_overwrite": False,
                    "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
                },
            },
        }
        image = image_create(upload=photo(gps=True), alt_text="Harbour", filename="harbour.jpg")
        stored = {row["Key"] for row in s3.list_objects_v2(Bucket="courier-media")["Contents"]}
        assert stored == {image.file.name, *(r.name for r in image.rendition_list())}
        assert len(stored) == 9
        largest = image.largest
        assert largest.url == f"https://media.courier.example/{largest.name}"
        head = s3.head_object(Bucket="courier-media", Key=largest.name)
        assert head["ContentType"] == "image/jpeg"
        assert head["CacheControl"] == "public, max-age=31536000, immutable"
        body = s3.get_object(Bucket="courier-media", Key=image.file.name)["Body"].read()
        assert b"GPSLatitude" not in body
        assert not PILImage.open(io.BytesIO(body)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
