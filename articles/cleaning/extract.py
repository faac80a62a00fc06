"""extract.*: headline, byline, the sources a story attributes to, and its related links."""

from __future__ import annotations

import re

from .result import BylineName, Finding, Link, SourceMention
from .text import sentences

_I = re.IGNORECASE

# Every spelling a story may use -> (one name, kind). Keys are lower case.
SOURCE_TABLE: dict[str, tuple[str, str]] = {}
for _names, _canonical, _kind in (
    (("ap", "the associated press", "associated press", "a.p."), "The Associated Press", "wire"),
    (("reuters", "thomson reuters"), "Reuters", "wire"),
    (("afp", "agence france-presse", "agence france presse"), "AFP", "wire"),
    (("dpa", "deutsche presse-agentur"), "dpa", "wire"),
    (("bloomberg", "bloomberg news"), "Bloomberg", "wire"),
    (("xinhua",), "Xinhua", "wire"),
    (("tass",), "TASS", "wire"),
    (("pa media", "press association"), "PA Media", "wire"),
    (("politico",), "Politico", "outlet"),
    (("axios",), "Axios", "outlet"),
    (("the new york times", "new york times", "nyt"), "The New York Times", "outlet"),
    (("the washington post", "washington post"), "The Washington Post", "outlet"),
    (("the guardian", "guardian"), "The Guardian", "outlet"),
    (("the times",), "The Times", "outlet"),
    (
        ("the wall street journal", "wall street journal", "wsj"),
        "The Wall Street Journal",
        "outlet",
    ),
    (("financial times", "the financial times", "ft"), "Financial Times", "outlet"),
    (("the economist",), "The Economist", "outlet"),
    (("saltmere gazette", "the saltmere gazette"), "The Saltmere Gazette", "outlet"),
    (("nrk", "norwegian broadcaster nrk"), "NRK", "broadcaster"),
    (("bbc", "the bbc", "bbc news"), "BBC", "broadcaster"),
    (("cnn",), "CNN", "broadcaster"),
    (("nbc news", "nbc"), "NBC News", "broadcaster"),
    (("cbs news", "cbs"), "CBS News", "broadcaster"),
    (("abc news",), "ABC News", "broadcaster"),
    (("sky news",), "Sky News", "broadcaster"),
    (("al jazeera",), "Al Jazeera", "broadcaster"),
    (("npr",), "NPR", "broadcaster"),
    (("fox news",), "Fox News", "broadcaster"),
    (("rte", "rt\u00e9"), "RT\u00c9", "broadcaster"),
    (("deutsche welle", "dw"), "Deutsche Welle", "broadcaster"),
    (("harbour fm", "saltmere harbour fm"), "Harbour FM", "broadcaster"),
):
    for _name in _names:
        SOURCE_TABLE[_name] = (_canonical, _kind)
WIRE_NAMES = frozenset(k for k, (_, kind) in SOURCE_TABLE.items() if kind == "wire") | {
    "associated press staff",
    "reuters staff",
}

_SOURCE_NAMES = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(k) for k in sorted(SOURCE_TABLE, key=len, reverse=True))
    + r")(?![\w])",
    _I,
)
_CASE_SENSITIVE = {
    "ap",
    "afp",
    "dpa",
    "nrk",
    "bbc",
    "cnn",
    "nbc",
    "cbs",
    "npr",
    "nyt",
    "wsj",
    "ft",
    "dw",
    "tass",
    "rte",
}
_ATTRIBUTION = re.compile(
    r"\b(?:according to|reported|reports|report|reporting|told|said|says|quoted|citing|cited|"
    r"first to report|as reported by|broadcaster|in a statement|interview|statement|confirmed|"
    r"revealed|published|wrote|via|figures from|data from|a report by|showed|shows)\b",
    _I,
)
_BODIES = (
    r"(?:Council|Ministry|Department|Authority|Police|Agency|Office|Commission|Service|Board|Trust|"
    r"Coastguard|Court|Institute|Bureau|Federation|Association|Union|Parliament|Government|"
    r"Administration|Pentagon|Kremlin|White House|Met Office|NHS)"
)
_OFFICIAL_WORD = re.compile(rf"\b{_BODIES}\b")
_OFFICIAL = re.compile(
    r"\b(?i:according to|said|told|in a statement from|a statement (?:from|by)|figures from|data from|a report by)\s+"
    rf"(?:the\s+)?((?:[A-Z][\w'&-]+\s+){{0,5}}{_BODIES})\b"
)
# "Pellan Ferries said in a statement": whoever issued a statement is a source.
_STATEMENT = re.compile(
    r"(?:^|[,;]\s+|\band\s+|\bthe\s+)((?:[A-Z][\w&'\u2019-]+\s+){0,4}[A-Z][\w&'\u2019-]+)\s+"
    r"(?i:said|says|announced|confirmed)\s+(?i:in\s+a\s+(?:written\s+)?statement)"
)
_DOCUMENT = re.compile(
    r"\b(?:according to|cited in|published in|set out in)\s+(?:a|an|the)\s+((?:\w+\s+){0,3}(?:report|document|filing|memo|letter|study|survey|minutes|audit))\b",
    _I,
)

_HEADLINE_MAX = 160
_NOT_HEADLINE_END = (".", ",", ";", ":", "\u2026")
# "BAAR, SWITZERLAND": a dateline, not a headline.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,(?: [A-Z][A-Z .'-]+){1,3}:?$")
_STAFF_LINE = re.compile(r"^(?:from )?(?:staff|wire|news|agency) (?:reports?|writers?)$", _I)
_BY = re.compile(
    r"^(?:(?:written|words|posted|story|reporting|report|text|published) )?by:?\s+(.{2,120})$", _I
)
_BY_NAME = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]*)(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|der|al|bin|la|le|du|da|of))*$"
)
_NOT_NAMES = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|then|now|the|this|that|noon|midnight|law|far|contrast|comparison|mid|late|early)\b",
    _I,
)
_OUTLET = re.compile(
    r"\b(?:gazette|times|news|post|herald|journal|press|media|chronicle|observer|echo|mail|telegraph|"
    r"express|standard|tribune|courier|advertiser|magazine|radio|tv|fm)\b",
    _I,
)
_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|desk|team|newsroom|contributor|columnist|in\s+\w+)\b",
    _I,
)

_LINK_LINE = re.compile(
    r"^(?:(reference article|source link|original article|source article|view original(?: article)?|read the original(?: article)?|read more|read more here|click here to read more)"
    r"|(?:(?:read more|related|see also|also read|also see|source|via|more|read|further reading)\s*[:\-\u2013\u2014]"
    r"|(?:read more|originally published|first published|first appeared|this (?:article|story) (?:first )?appeared) (?:at|on|in)\b:?)"
    r"\s*(.{1,200}))\s*$",
    _I,
)
_URL = re.compile(r"https?://\S+|www\.\S+", _I)


def headline_like(text: str) -> bool:
    """Reads as a headline: one short line, not a sentence ending in a full stop."""
    words = text.split()
    return (
        2 <= len(words) <= 22
        and len(text) <= _HEADLINE_MAX
        and not text.rstrip("\"'\u201d\u2019)").endswith(_NOT_HEADLINE_END)
        and not _URL.search(text)
        and not _DATELINE.match(text)
        and len(sentences(text)) == 1
    )


def byline_line(text: str) -> list[BylineName] | None:
    """Names in a 'By ...' line ("By Jane Hale and Tom Reed, Saltmere Gazette"), or None."""
    if _STAFF_LINE.match(text.strip()):
        return [BylineName(name=text.strip(), kind="staff")]
    match = _BY.match(text.strip())
    if (
        not match
        or len(text.split()) > 14
        or (text.rstrip().endswith((".", "?", "!")) and not text.rstrip().endswith(" Jr."))
    ):
        return None
    rest = re.split(r"\s*[|;\u2022\u00b7]\s*|\s+[-\u2013\u2014]\s+", match.group(1))[0]
    parts = [p.strip() for p in re.split(r",|\band\b|&", rest) if p.strip()]
    if not parts or (_NOT_NAMES.match(parts[0]) and parts[0].lower() not in SOURCE_TABLE):
        return None
    names: list[BylineName] = []
    for i, part in enumerate(parts):
        lowered = part.lower()
        if lowered in SOURCE_TABLE and SOURCE_TABLE[lowered][1] == "wire":
            names.append(BylineName(name=SOURCE_TABLE[lowered][0], kind="wire"))
        elif re.search(r"\bstaff\b|\bdesk\b|\bteam\b|\bnewsroom\b", part, _I) and i == 0:
            names.append(BylineName(name=part, kind="staff"))
        elif lowered in SOURCE_TABLE or _OUTLET.search(part):
            continue
        elif _BY_NAME.match(part) and not _ROLE.search(part):
            names.append(BylineName(name=part, kind="person"))
        elif i == 0:
            return None
    return names or None


def byline_finding(text: str) -> Finding:
    return Finding(
        rule="extract.byline",
        message="The byline, moved to the story's byline",
        action="remove",
        evidence=text[:200],
    )


def headline_finding(text: str, action: str = "remove") -> Finding:
    message = "The headline, moved to the story's headline"
    if action == "review":
        message = "Reads as the headline but the next line does too; an editor decides"
    return Finding(rule="extract.headline", message=message, action=action, evidence=text[:200])


def related_link(text: str) -> Link | None:
    """A link-only line: 'Reference Article', 'Read more: ...', 'Source link'."""
    if len(text) > 250:
        return None
    match = _LINK_LINE.match(text.strip())
    if match:
        title = (match.group(1) or match.group(2) or "").strip()
        url_match = _URL.search(title)
        url = url_match.group(0).rstrip(".,)") if url_match else None
        bare = _URL.sub("", title).strip(" -:()") or title
        # "Source: the council's own figures." is a sentence; a link line is a short title.
        if match.group(2) and not url and (len(bare.split()) > 12 or bare.endswith(".")):
            return None
        return Link(title=bare if not match.group(1) else match.group(1), url=url)
    if _URL.fullmatch(text.strip()):
        url = text.strip().rstrip(".,)")
        return Link(title=url, url=url)
    return None


def link_finding(text: str) -> Finding:
    return Finding(
        rule="chrome.reference_link",
        message="A link-only line, moved to related links",
        action="remove",
        evidence=text[:200],
    )


def _canonical(match: re.Match) -> tuple[str, str] | None:
    raw = match.group(1)
    if raw.lower() in _CASE_SENSITIVE and raw != raw.upper() and raw.lower() != "rte":
        return None
    return SOURCE_TABLE.get(raw.lower())


def sources(texts: list[str]) -> list[SourceMention]:
    """Every outlet, wire, broadcaster or body the copy attributes to, once, with its sentence."""
    found: dict[str, SourceMention] = {}
    for text in texts:
        # One scan of the paragraph spares splitting the many that name nobody.
        if not (
            _SOURCE_NAMES.search(text)
            or _OFFICIAL.search(text)
            or _DOCUMENT.search(text)
            or "statement" in text
        ):
            continue
        for sentence in sentences(text):
            if not _ATTRIBUTION.search(sentence):
                continue
            for match in _SOURCE_NAMES.finditer(sentence):
                hit = _canonical(match)
                if hit and hit[0] not in found:
                    found[hit[0]] = SourceMention(
                        name=hit[0], kind=hit[1], evidence=sentence.strip()
                    )
            for match in _OFFICIAL.finditer(sentence):
                name = " ".join(match.group(1).split())
                if name not in found:
                    found[name] = SourceMention(
                        name=name, kind="official", evidence=sentence.strip()
                    )
            for match in _STATEMENT.finditer(sentence):
                name = " ".join(match.group(1).split())
                if name not in found and name.lower() not in SOURCE_TABLE:
                    kind = "official" if _OFFICIAL_WORD.search(name) else "other"
                    found[name] = SourceMention(name=name, kind=kind, evidence=sentence.strip())
            for match in _DOCUMENT.finditer(sentence):
                name = " ".join(match.group(1).split())
                key = name.lower()
                if key not in found:
                    found[key] = SourceMention(
                        name=name, kind="document", evidence=sentence.strip()
                    )
    return list(found.values())
