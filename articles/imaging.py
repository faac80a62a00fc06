"""Pillow work on an uploaded image: check it, remove its location data, make its renditions.

No Django and no storage here: bytes in, bytes out. ``articles.services.images``
stores what this returns. Every refusal is an ``ImageRejected`` whose message
the desk shows the editor as it is.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import ExifTags, ImageOps, UnidentifiedImageError
from PIL import Image as PILImage

# Pillow's name for each accepted format, and the extension its files get.
ACCEPTED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (400, 800, 1200, 1600)
RENDITION_FORMATS = ("webp", "jpeg")
JPEG_QUALITY = 82
WEBP_QUALITY = 80
# Errors Pillow raises on a file that is damaged or only claims to be an image.
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


class ImageRejected(Exception):
    """The upload is not an image the desk accepts; ``message`` says why, for the editor."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class RenditionData:
    format: str  # "webp" or "jpeg"
    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class PreparedImage:
    """An accepted upload: the original without location data, and its renditions."""

    data: bytes
    extension: str
    width: int  # as a reader sees it, turned upright
    height: int
    sha256: str
    renditions: tuple[RenditionData, ...]


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.1f}".rstrip("0").rstrip(".")


def _file_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:,.0f} KB"
    return f"{size / (1024 * 1024):,.1f}".rstrip("0").rstrip(".") + " MB"


def _open(data: bytes, *, max_pixels: int) -> PILImage.Image:
    too_large = (
        f"This image has more than {_megapixels(max_pixels)} megapixels, the most the desk "
        "accepts. Export it smaller (a news photo rarely needs more than 4,000 pixels across)."
    )
    try:
        # Pillow only warns between its own limit and twice that; the size is checked below.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data))
    except PILImage.DecompressionBombError:
        raise ImageRejected(too_large) from None
    except _UNREADABLE:
        raise ImageRejected(
            "This file is not an image the desk can read, whatever its name says. "
            "Upload a JPEG, PNG or WebP picture."
        ) from None
    if picture.format not in ACCEPTED:
        raise ImageRejected(
            f"This is a {picture.format} file; the desk accepts JPEG, PNG and WebP images."
        )
    width, height = picture.size
    if width * height > max_pixels:
        raise ImageRejected(
            f"This image is {width:,} by {height:,} pixels "
            f"({_megapixels(width * height)} megapixels); the desk accepts at most "
            f"{_megapixels(max_pixels)} megapixels. Export it smaller."
        )
    if getattr(picture, "n_frames", 1) > 1:
        raise ImageRejected("Animated images are not accepted; upload a still picture.")
    return picture


def _exif_without_location(picture: PILImage.Image) -> bytes:
    exif = picture.getexif()
    exif.pop(ExifTags.IFD.GPSInfo, None)
    return exif.tobytes() if len(exif) else b""


def _original(picture: PILImage.Image) -> bytes:
    """The upload saved again with its EXIF location removed, and no XMP, comment or text chunks.

    A JPEG keeps its own quantisation tables, so the copy is as close to the
    upload as a re-encoding gets.
    """
    out = io.BytesIO()
    common = {
        "exif": _exif_without_location(picture),
        "icc_profile": picture.info.get("icc_profile"),
    }
    if picture.format == "JPEG":
        picture.save(out, "JPEG", quality="keep", comment=b"", **common)
    elif picture.format == "PNG":
        picture.save(out, "PNG", **common)
    else:
        picture.save(out, "WEBP", quality=90, **common)
    return out.getvalue()


def rendition_widths(width: int) -> list[int]:
    """The widths made for an image ``width`` pixels wide: never wider than the image itself."""
    widths = [w for w in RENDITION_WIDTHS if w < width]
    if width <= RENDITION_WIDTHS[-1]:
        widths.append(width)
    return widths


def _encode(picture: PILImage.Image, format: str, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    if format == "jpeg":
        if picture.mode == "RGBA":
            flat = PILImage.new("RGB", picture.size, "white")
            flat.paste(picture, mask=picture.getchannel("A"))
            picture = flat
        picture.save(
            out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=icc
        )
    else:
        picture.save(out, "WEBP", quality=WEBP_QUALITY, method=4, icc_profile=icc)
    return out.getvalue()


def _upright(picture: PILImage.Image) -> PILImage.Image:
    """Turned as its EXIF orientation says, in a mode both JPEG and WebP can take."""
    upright = ImageOps.exif_transpose(picture)
    if upright.mode not in ("RGB", "RGBA"):
        upright = upright.convert("RGBA" if upright.has_transparency_data else "RGB")
    return upright


def _renditions(picture: PILImage.Image, upright: PILImage.Image) -> tuple[RenditionData, ...]:
    icc = picture.info.get("icc_profile")
    # Renditions are made from the upright picture and carry no EXIF at all.
    made = []
    for width in rendition_widths(upright.width):
        height = max(1, round(upright.height * width / upright.width))
        if width == upright.width:
            resized = upright
        else:
            resized = upright.resize((width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        for format in RENDITION_FORMATS:
            made.append(RenditionData(format, width, height, _encode(resized, format, icc)))
    return tuple(made)


def image_size_check(size: int, *, max_bytes: int) -> None:
    """Refuse a file over ``max_bytes`` before anything reads it."""
    if size > max_bytes:
        raise ImageRejected(
            f"This file is {_file_size(size)}; the desk accepts images of at most "
            f"{_file_size(max_bytes)}. Export it smaller."
        )


def image_prepare(data: bytes, *, max_bytes: int, max_pixels: int) -> PreparedImage:
    """Check an upload and make what is stored: raises ``ImageRejected`` with the editor's message."""
    image_size_check(len(data), max_bytes=max_bytes)
    picture = _open(data, max_pixels=max_pixels)
    try:
        picture.load()
        original = _original(picture)
        upright = _upright(picture)
        renditions = _renditions(picture, upright)
    except _UNREADABLE:
        raise ImageRejected(
            "This image is damaged or incomplete and cannot be read. Export it again."
        ) from None
    return PreparedImage(
        data=original,
        extension=ACCEPTED[picture.format],
        width=upright.width,
        height=upright.height,
        sha256=hashlib.sha256(original).hexdigest(),
        renditions=renditions,
    )
