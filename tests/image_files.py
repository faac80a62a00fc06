"""Image files for the upload tests, made here: photos with location data, bombs, impostors."""

import io
import random
import struct
import zlib

from PIL import ExifTags
from PIL import Image as PILImage

# Saltmere harbour, as a camera would write it: 50° 6' N, 5° 3' W.
GPS = {1: "N", 2: (50.0, 6.0, 0.0), 3: "W", 4: (5.0, 3.0, 0.0)}
XMP_LOCATION = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="50,6N" '
    b'exif:GPSLongitude="5,3W"/></rdf:RDF></x:xmpmeta>'
)


def photo(
    width: int = 1800, height: int = 1200, *, format: str = "JPEG", gps: bool = False
) -> bytes:
    """A harbour-coloured picture; with ``gps`` it carries EXIF and XMP location, as phones write."""
    picture = PILImage.new("RGB", (width, height), (40, 90, 130))
    picture.paste((210, 190, 150), (0, height * 2 // 3, width, height))
    options = {}
    if gps:
        exif = PILImage.Exif()
        exif[ExifTags.Base.Artist] = "Maren Holt"
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
        options["exif"] = exif
        if format != "PNG":
            options["xmp"] = XMP_LOCATION
    out = io.BytesIO()
    picture.save(out, format, **options)
    return out.getvalue()


def noise(width: int, height: int) -> bytes:
    """A PNG that does not compress: its file size is about three bytes a pixel."""
    pixels = random.Random(14).randbytes(width * height * 3)
    out = io.BytesIO()
    PILImage.frombytes("RGB", (width, height), pixels).save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A real PNG, a few kilobytes on disk, that decodes to ``width`` by ``height`` pixels.

    One bit a pixel, every pixel black: the zeros compress about a thousand to one.
    """
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then the packed pixels
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )
