"""Generated Saltmere wire copy for ``make bench-ingest``, and the server that hands it out.

Every story is made from its number, so the server holds nothing: ``/story/N`` is the
same page on every request. Each has its own figures and names (so none is a repeat
of another), some site chrome around it, and now and then a chatbot's leftover line
for the cleaner to find. The server runs in its own process, so its work does not
share a core's time slices with the process timing the desk.
"""

from __future__ import annotations

import random
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIRST = ["Morwenna", "Jory", "Elowen", "Denzel", "Tamsin", "Kerensa", "Piran", "Lowenna",
         "Tristan", "Demelza", "Ruan", "Senara", "Jago", "Wenna", "Austol", "Ebrel"]  # fmt: skip
LAST = ["Pascoe", "Carne", "Tregear", "Rowe", "Penhallow", "Trevithick", "Nance", "Hocking",
        "Polglase", "Kitto", "Opie", "Jewell", "Tremayne", "Chenoweth", "Bolitho", "Vosper"]  # fmt: skip
PLACES = ["Quay Street", "Gull Point", "Fore Street", "Pellan Cross", "Polgarrow beach",
          "the Battery", "Chapel Hill", "the fish market", "Harbour Road", "Tolcarne"]  # fmt: skip
SUBJECTS = [
    ("council", "Saltmere council voted to spend £{a}.{b}m on {place} after a report found "
     "{c} faults in the old works."),
    ("lifeboat", "The Saltmere lifeboat was launched at {h}.{m}pm to help {c} people cut off "
     "by the tide near {place}."),
    ("ferry", "Fares on the Pellan ferry will rise by {a} per cent from {day} {month}, the "
     "operator said, with {c} sailings a week kept."),
    ("market", "Boats landed {c} boxes of mackerel at {place} on {day} {month}, the most "
     "since records began {a}{b} years ago."),
    ("school", "{c} pupils at Saltmere Primary will move to classrooms on {place} for "
     "{a} weeks while the roof is repaired."),
    ("planning", "Plans for {c} homes on land off {place} were turned down by {a} votes "
     "to {b} at the planning meeting."),
]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
LEFTOVERS = [
    "I hope this helps! Let me know if you would like a shorter version.",
    "Certainly! Here is the article rewritten in a news style:",
    "As an AI language model, I cannot confirm these figures.",
]


def story(n: int) -> tuple[str, list[str]]:
    """The headline and paragraphs of story ``n``."""
    rng = random.Random(n)
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place = rng.choice(PLACES)
    topic, lede = rng.choice(SUBJECTS)
    facts = {
        "a": rng.randint(2, 19), "b": rng.randint(1, 9), "c": n + 11, "h": rng.randint(1, 11),
        "m": rng.randint(10, 59), "day": rng.randint(1, 28), "month": rng.choice(MONTHS),
        "place": place,
    }  # fmt: skip
    headline = f"Saltmere {topic}: {n + 11} at {place}, says {name}"
    paragraphs = [
        lede.format(**facts),
        f"{name}, who has lived in Saltmere for {rng.randint(3, 60)} years, said the town "
        f"had waited long enough and that case {n} should be settled by {facts['month']}.",
        f"{other} of the Harbourside residents' group said {rng.randint(20, 400)} people had "
        f"signed a letter about it, and a meeting is planned at {rng.choice(PLACES)}.",
        f"The next update is expected on {rng.randint(1, 28)} {rng.choice(MONTHS)}, when "
        f"figures for the {rng.randint(2, 9)} months to {facts['month']} are published.",
    ]
    if n % 7 == 0:
        paragraphs.append(rng.choice(LEFTOVERS))
    return headline, paragraphs


def story_page(n: int) -> bytes:
    headline, paragraphs = story(n)
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{escape(headline)} | Saltmere Wire</title></head><body>"
        "<nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>"
        f"<article><h1>{escape(headline)}</h1><p class=byline>By Wire staff</p>{body}</article>"
        "<aside><h2>Most read</h2><ul><li>Tide times</li><li>Ferry timetable</li></ul></aside>"
        "<footer>Share this story. © The Saltmere Wire. Sign up to our newsletter.</footer>"
        "</body></html>"
    ).encode()


def feed(first: int, count: int, base: str) -> bytes:
    items = "".join(
        f"<item><guid isPermaLink='false'>saltmere-wire-{n}</guid>"
        f"<link>{base}/story/{n}</link><title>{escape(story(n)[0])}</title></item>"
        for n in range(first, first + count)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Saltmere Wire {first}</title><link>{base}/</link>"
        f"<description>Generated copy</description>{items}</channel></rss>"
    ).encode()


def _span(name: str) -> tuple[int, int] | None:
    """``(first, count)`` of a feed named ``FIRST-COUNT.xml``."""
    first, _, count = name.removesuffix(".xml").partition("-")
    return (int(first), int(count)) if first.isdigit() and count.isdigit() else None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        base = f"http://{self.headers.get('Host')}"
        kind, _, rest = self.path.strip("/").partition("/")
        if kind == "story" and rest.isdigit():
            self._send(story_page(int(rest)), "text/html; charset=utf-8")
        elif kind == "feed" and _span(rest):
            first, count = _span(rest)
            self._send(feed(first, count, base), "application/rss+xml")
        else:
            self._send(b"not here", "text/plain", status=404)

    def _send(self, body: bytes, content_type: str, status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(port: int) -> None:
    """Serve the generated wire on 127.0.0.1:``port`` until the process is stopped."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    server.daemon_threads = True
    server.serve_forever()
