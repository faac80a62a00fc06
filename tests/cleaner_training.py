"""A small corpus laid out like the Zyte article-extraction corpus, for training in tests.

``write_pages(folder)`` writes a dozen pages of six invented Saltmere news sites: each page a
story (its ground truth) among the site's menus, share buttons, newsletter boxes and
footers. Four sites fall in the training split and two are held out (``split_of`` of their
names), so ``train_model`` fits and measures on them in a few seconds instead of minutes.
"""

import gzip
import json
from pathlib import Path

SITES = {
    # site: (its name, its menu)
    "courier.saltmere.example": ("The Harbourside Courier", ["Home", "News", "Sport", "Tides"]),
    "harbourside.example": ("Harbourside Daily", ["Front page", "Local", "Boats", "Weather"]),
    "quayside-news.example": ("Quayside News", ["Latest", "Council", "Fishing", "Events"]),
    "gullpoint-times.example": ("Gull Point Times", ["Top stories", "Coast", "Arts", "Jobs"]),
    "pellan-post.example": ("The Pellan Post", ["Island", "Ferries", "Farming", "Letters"]),
    "brannock-bugle.example": ("Brannock Bugle", ["Stories", "Schools", "Clubs", "Notices"]),
}
CHROME = [
    "Skip to main content",
    "Share on Facebook",
    "Share on X",
    "Email this story",
    "Sign up for our morning newsletter",
    "Already a subscriber? Log in",
    "Most read",
    "Comments (0)",
    "Advertisement",
    "Privacy policy",
    "Terms of use",
    "Contact us",
]
EVENTS = [
    ("harbour wall", "the council", "repairs will start in March"),
    ("lifeboat station", "the volunteer crew", "a new boat arrives in June"),
    ("ferry to Pellan", "the operator", "fares rise by eight per cent"),
    ("Quay Street bakery", "the owners", "the ovens go cold after sixty years"),
    ("cliff path", "the rangers", "the path reopens before Easter"),
    ("fish market", "the auctioneer", "mackerel prices fell by a third"),
    ("regatta", "the sailing club", "forty boats are entered this year"),
    ("town library", "the librarians", "opening hours grow on Saturdays"),
    ("primary school roof", "the head teacher", "pupils return after half term"),
    ("Gull Point lighthouse", "the trust", "visitors may climb the tower again"),
    ("allotments", "the parish", "the waiting list reached two hundred"),
    ("seafront shelter", "the residents", "the shelter is repainted in blue"),
]


def _story(n: int) -> tuple[str, list[str]]:
    place, who, news = EVENTS[n % len(EVENTS)]
    headline = f"Saltmere {place} news as {who} confirm plans"
    body = [
        f"Work on the Saltmere {place} was agreed on Tuesday evening, and {who} said that "
        f"{news}, after a long winter of meetings.",
        f"Residents who spoke at the meeting welcomed the decision about the {place}, though "
        "several asked how long the quay would stay closed to cars.",
        f"A spokesperson for {who} said the budget had been checked twice and that nobody "
        "expected the cost to rise before the summer season.",
        f"The next public meeting about the {place} will be held at the town hall in May, "
        "and questions can be sent to the parish clerk before then.",
    ]
    return headline, body


def _page(site: str, n: int) -> tuple[str, dict]:
    name, menu = SITES[site]
    headline, body = _story(n)
    chrome = CHROME[n % 4 :] + CHROME[: n % 4]
    html = (
        f"<html><head><title>{headline} | {name}</title></head><body>"
        f"<nav><a>{chrome[0]}</a><ul>{''.join(f'<li>{m}</li>' for m in menu)}</ul></nav>"
        f"<header><p>{name}</p></header><article><h1>{headline}</h1>"
        f"<div><a>{chrome[1]}</a><a>{chrome[2]}</a></div>"
        f"{''.join(f'<p>{p}</p>' for p in body)}</article>"
        f"<aside><h3>{chrome[3]}</h3><p>{chrome[4]}</p><p>{chrome[5]}</p></aside>"
        f"<footer><p>{chrome[6]}</p><p>© 2026 {name}</p><p>{chrome[7]}</p></footer>"
        "</body></html>"
    )
    truth = {"url": f"https://www.{site}/news/{n}", "articleBody": "\n".join(body)}
    return html, truth


def write_pages(folder: Path) -> Path:
    """The corpus in ``folder`` (``ground-truth.json`` and ``html/*.html.gz``); returns it."""
    (folder / "html").mkdir(parents=True, exist_ok=True)
    truth = {}
    for s, site in enumerate(SITES):
        for page in range(2):
            key = f"page-{s}-{page}"
            html, truth[key] = _page(site, 2 * s + page)
            (folder / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode()))
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder
