"""The demo stories' pictures, drawn here with Pillow: nothing is downloaded.

Each scene is a few flat shapes over a gradient, in the Courier's harbour
colours, and the same bytes every time (seeded), so ``load_demo`` stays
idempotent and its output reproducible.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1600, 900)
W, H = SIZE


def _gradient(top: tuple, bottom: tuple) -> Image.Image:
    height = H
    strip = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        strip.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return strip.resize(SIZE)


def _sea(draw: ImageDraw.ImageDraw, rng: random.Random, top: int, colour, crest) -> None:
    draw.rectangle((0, top, W, H), fill=colour)
    for row in range(top + 12, H, 22):
        phase = rng.random() * math.tau
        amplitude = 3 + (row - top) / 60
        points = [(x, row + amplitude * math.sin(x / 55 + phase)) for x in range(0, W + 20, 20)]
        draw.line(points, fill=crest, width=2)


def _harbour_wall(rng: random.Random) -> Image.Image:
    picture = _gradient((250, 196, 140), (120, 170, 200))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((1180, 140, 1300, 260), fill=(255, 236, 190))
    _sea(draw, rng, 560, (52, 104, 140), (120, 170, 200))
    # The wall runs in from the left, block on block.
    for course in range(6):
        y = 470 + course * 48
        offset = 0 if course % 2 else 60
        for x in range(-offset, 1050 - course * 60, 120):
            shade = rng.randint(120, 160)
            draw.rectangle((x, y, x + 116, y + 44), fill=(shade, shade - 8, shade - 22))
    # The lighthouse at the wall's end.
    draw.polygon([(930, 470), (990, 470), (978, 250), (942, 250)], fill=(236, 232, 224))
    draw.rectangle((938, 226, 982, 252), fill=(60, 60, 70))
    draw.polygon([(932, 226), (988, 226), (960, 196)], fill=(170, 40, 40))
    for band in (300, 380):
        draw.rectangle(
            (944 - (band - 250) // 25, band, 976 + (band - 250) // 25, band + 22),
            fill=(170, 40, 40),
        )
    return picture


def _storm(rng: random.Random) -> Image.Image:
    picture = _gradient((52, 58, 72), (110, 118, 130))
    draw = ImageDraw.Draw(picture)
    for _ in range(14):
        x, y = rng.randint(-200, W), rng.randint(-60, 260)
        grey = rng.randint(70, 105)
        draw.ellipse(
            (x, y, x + rng.randint(300, 600), y + rng.randint(120, 220)),
            fill=(grey, grey + 4, grey + 12),
        )
    picture = picture.filter(ImageFilter.GaussianBlur(18))
    draw = ImageDraw.Draw(picture)
    _sea(draw, rng, 600, (40, 60, 74), (190, 200, 205))
    # Power lines and a leaning pole on the headland.
    draw.polygon([(0, 600), (0, 520), (420, 560), (760, 600)], fill=(34, 46, 40))
    draw.line([(250, 560), (300, 300)], fill=(30, 30, 30), width=12)
    draw.line([(240, 330), (360, 340)], fill=(30, 30, 30), width=8)
    for sag in (0, 22):
        draw.line(
            [(300, 320 + sag), (800, 420 + sag), (1600, 380 + sag)], fill=(20, 20, 20), width=3
        )
    for _ in range(420):
        x, y = rng.randint(0, W), rng.randint(0, H)
        draw.line([(x, y), (x - 18, y + 44)], fill=(190, 200, 210), width=1)
    return picture


def _ferry(rng: random.Random) -> Image.Image:
    picture = _gradient((176, 214, 236), (226, 238, 242))
    draw = ImageDraw.Draw(picture)
    draw.polygon([(0, 520), (300, 470), (640, 500), (900, 520)], fill=(120, 150, 120))
    _sea(draw, rng, 520, (46, 112, 150), (150, 196, 220))
    draw.polygon([(380, 640), (1260, 640), (1200, 730), (450, 730)], fill=(30, 40, 60))
    draw.rectangle((520, 560, 1120, 640), fill=(245, 245, 240))
    draw.rectangle((640, 500, 980, 560), fill=(245, 245, 240))
    for x in range(540, 1100, 46):
        draw.rectangle((x, 584, x + 26, 606), fill=(60, 90, 120))
    draw.rectangle((1000, 470, 1040, 560), fill=(200, 50, 40))
    for _ in range(5):
        x, y = rng.randint(200, 1400), rng.randint(120, 360)
        draw.arc((x, y, x + 40, y + 24), 200, 340, fill=(60, 60, 60), width=3)
        draw.arc((x + 36, y, x + 76, y + 24), 200, 340, fill=(60, 60, 60), width=3)
    return picture


def _classroom(rng: random.Random) -> Image.Image:
    picture = _gradient((236, 226, 204), (206, 190, 164))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((200, 120, 1400, 430), fill=(46, 74, 60))
    draw.rectangle((190, 110, 1410, 440), outline=(140, 100, 60), width=14)
    for line in range(5):
        y = 170 + line * 50
        draw.line([(260, y), (260 + rng.randint(400, 1000), y)], fill=(220, 226, 220), width=4)
    draw.rectangle((0, 640, W, H), fill=(150, 110, 70))
    for x in (120, 620, 1120):
        draw.rectangle((x, 600, x + 380, 640), fill=(190, 150, 100))
        draw.polygon(
            [(x + 110, 600), (x + 270, 600), (x + 290, 500), (x + 130, 500)], fill=(40, 44, 52)
        )
        draw.polygon(
            [(x + 122, 590), (x + 262, 590), (x + 280, 510), (x + 140, 510)], fill=(120, 200, 230)
        )
    return picture


def _lifeboat(rng: random.Random) -> Image.Image:
    picture = _gradient((120, 150, 190), (200, 214, 226))
    draw = ImageDraw.Draw(picture)
    draw.polygon(
        [(1000, 520), (1150, 260), (1350, 200), (1600, 230), (1600, 520)], fill=(90, 96, 80)
    )
    _sea(draw, rng, 520, (38, 86, 120), (220, 230, 236))
    draw.polygon([(360, 660), (900, 660), (960, 600), (320, 600)], fill=(240, 120, 30))
    draw.rectangle((430, 540, 720, 600), fill=(30, 50, 90))
    draw.rectangle((460, 556, 700, 580), fill=(150, 190, 220))
    draw.line([(600, 540), (600, 470)], fill=(240, 240, 240), width=8)
    for x in range(300, 1000, 30):
        draw.ellipse((x, 650 + rng.randint(-6, 6), x + 60, 690), fill=(236, 242, 246))
    return picture


def _market_hall(rng: random.Random) -> Image.Image:
    picture = _gradient((170, 200, 226), (232, 226, 212))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((260, 260, 1340, 740), fill=(196, 160, 120))
    draw.polygon([(220, 260), (1380, 260), (800, 110)], fill=(120, 70, 60))
    for x in range(330, 1300, 200):
        draw.rectangle((x, 470, x + 120, 740), fill=(70, 52, 46))
        draw.pieslice((x, 410, x + 120, 530), 180, 360, fill=(70, 52, 46))
    for x in range(330, 1300, 200):
        draw.rectangle((x + 20, 320, x + 100, 390), fill=(230, 220, 190))
    draw.ellipse((760, 160, 840, 240), fill=(240, 236, 220))
    draw.line([(800, 200), (800, 172)], fill=(40, 40, 40), width=4)
    draw.line([(800, 200), (822, 206)], fill=(40, 40, 40), width=4)
    draw.rectangle((0, 740, W, H), fill=(150, 144, 136))
    for y in range(750, H, 26):
        for x in range(-(y % 52), W, 52):
            draw.rectangle((x + 2, y + 2, x + 48, y + 22), outline=(126, 120, 112), width=2)
    return picture


SCENES = {
    "harbour-wall": _harbour_wall,
    "storm": _storm,
    "ferry": _ferry,
    "classroom": _classroom,
    "lifeboat": _lifeboat,
    "market-hall": _market_hall,
}


def demo_picture(scene: str) -> bytes:
    """The named scene as JPEG bytes, the same every time."""
    picture = SCENES[scene](random.Random(scene))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=90)
    return out.getvalue()
