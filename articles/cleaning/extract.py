"""extract.*: headline, byline, the sources a story attributes to, and its related links.

The sources and their spellings live in ``data/sources.toml``, the words that find
attributions and bylines in ``data/extract.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .patterns import alternatives
from .result import BylineName, Finding, Link, SourceMention
from .text import sentences

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True, eq=False)
class SourceRules:
    """``data/sources.toml`` and ``data/extract.toml`` compiled, with any editors' aliases.

    ``table`` maps every spelling, in lower case, to (one name, kind); a spelling in
    ``capitals_only`` counts only when the copy writes it in capitals.
    """

    table: dict[str, tuple[str, str]]
    capitals_only: frozenset[str]
    wire_names: frozenset[str]
    wire_bylines: frozenset[str]
    names: re.Pattern
    staff: re.Pattern
    attribution: re.Pattern
    official_word: re.Pattern
    official: re.Pattern
    document: re.Pattern
    not_names: re.Pattern
    outlet: re.Pattern
    role: re.Pattern

    def with_aliases(self, aliases: Iterable[tuple[str, str, str]]) -> SourceRules:
        """A copy that also knows each (alias, name, kind); an alias may replace a shipped one."""
        table = dict(self.table)
        capitals = set(self.capitals_only)
        _add(table, capitals, aliases)
        return replace(self, **_table_fields(table, capitals, self.wire_bylines))


def _add(table: dict, capitals: set, aliases: Iterable[tuple[str, str, str]]) -> None:
    for alias, name, kind in aliases:
        key = " ".join(alias.split()).lower()
        table[key] = (name, kind)
        if alias.upper() == alias != alias.lower():
            capitals.add(key)
        else:
            capitals.discard(key)


def _table_fields(table: dict, capitals: set, wire_bylines: frozenset[str]) -> dict:
    return {
        "table": table,
        "capitals_only": frozenset(capitals),
        "wire_names": frozenset(k for k, (_, kind) in table.items() if kind == "wire")
        | wire_bylines,
        "wire_bylines": wire_bylines,
        "names": re.compile(
            r"(?<![\w.])("
            + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
            + r")(?![\w])",
            _I,
        ),
    }


def rules_from(sources: dict, words: dict) -> SourceRules:
    table: dict[str, tuple[str, str]] = {}
    capitals: set[str] = set()
    _add(
        table,
        capitals,
        ((alias, s["name"], s["kind"]) for s in sources["source"] for alias in s["aliases"]),
    )
    bodies = alternatives(words["official_bodies"])
    return SourceRules(
        **_table_fields(table, capitals, frozenset(sources["wire_bylines"])),
        staff=re.compile(rf"\b{alternatives(words['staff_words'])}\b", _I),
        attribution=re.compile(rf"\b{alternatives(words['attribution'])}\b", _I),
        official_word=re.compile(rf"\b{bodies}\b"),
        official=re.compile(
            rf"\b(?i:{'|'.join(words['official_attribution'])})\s+"
            rf"(?:the\s+)?((?:[A-Z][\w'&-]+\s+){{0,5}}{bodies})\b"
        ),
        document=re.compile(
            rf"\b{alternatives(words['document_attribution'])}\s+(?:a|an|the)\s+"
            rf"((?:\w+\s+){{0,3}}{alternatives(words['documents'])})\b",
            _I,
        ),
        not_names=re.compile(rf"^{alternatives(words['not_names'])}\b", _I),
        outlet=re.compile(rf"\b{alternatives(words['outlet_words'])}\b", _I),
        role=re.compile(rf"\b{alternatives(words['role_words'])}\b", _I),
    )


# "Pellan Ferries said in a statement": whoever issued a statement is a source.
_STATEMENT = re.compile(
    r"(?:^|[,;]\s+|\band\s+|\bthe\s+)((?:[A-Z][\w&'\u2019-]+\s+){0,4}[A-Z][\w&'\u2019-]+)\s+"
    r"(?i:said|says|announced|confirmed)\s+(?i:in\s+a\s+(?:written\s+)?statement)"
)

_HEADLINE_MAX = 160
LABEL_WORDS = 3
_NOT_HEADLINE_END = (".", ",", ";", ":", "\u2026")
# "Supported by", "Presented by", "A production of the": a label before a name or a logo.
# No headline of the Zyte pages' 178 ends so.
_DANGLING = frozenset({"by", "of", "the", "a", "an", "and", "or"})
# "The road is long.Kathrin Ziegler/Getty", "Leaders met last week.Credit...": a caption
# with its credit run on, no space between; a headline is one sentence.
_RUN_ON = re.compile(r"[a-z\u00df-\u024f][.!?][A-Z]")
# "BAAR, SWITZERLAND": a dateline, not a headline.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,(?: [A-Z][A-Z .'-]+){1,3}:?$")
_STAFF_LINE = re.compile(r"^(?:from )?(?:staff|wire|news|agency) (?:reports?|writers?)$", _I)
_BY = re.compile(
    r"^(?:(?:written|words|posted|story|reporting|report|text|published) )?by:?\s+(.{2,120})$", _I
)
# The date a page prints after the names: "By Mara Quell On 11/13/19 at 4:00 PM EST",
# "by Mara Quell September 15, 2014", "By Mara Quell, Nov. 19, 2019", "By Mara Quell on
# Monday, November 18th, 2019 at 11:08 a.m.".
_BYLINE_DATE = re.compile(
    r"\s+(?:(?:on|updated|published|posted)\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\b.*$",
    _I,
)
_BY_NAME = re.compile(
    r"^(?:[A-Z][\w.'\u2019-]*)(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|der|al|bin|la|le|du|da|of))*$"
)
_LINK_LINE = re.compile(
    r"^(?:(reference article|source link|original article|source article|view original(?: article)?|read the original(?: article)?)"
    r"|(?:(?:read more|related|see also|also read|also see|source|via|more|read|further reading)\s*[:\-\u2013\u2014]"
    r"|(?:read more|originally published|first published|first appeared|this (?:article|story) (?:first )?appeared) (?:at|on|in)\b:?)"
    r"\s*(.{1,200}))\s*$",
    _I,
)
_URL = re.compile(r"https?://\S+|www\.\S+", _I)


@functools.lru_cache(maxsize=1 << 14)  # asked of the same lines again each round
def headline_like(text: str) -> bool:
    """Reads as a headline: one short line, not a sentence ending in a full stop."""
    words = text.split()
    return (
        2 <= len(words) <= 22
        and len(text) <= _HEADLINE_MAX
        and not text.rstrip("\"'\u201d\u2019)").endswith(_NOT_HEADLINE_END)
        and not text.startswith(("\u2014", "\u2013", "-"))  # "— Mara Quell on Sunday": a credit
        and words[-1].lower() not in _DANGLING
        and not _RUN_ON.search(text)
        and not _URL.search(text)
        and not _DATELINE.match(text)
        and _one_sentence(text)
    )


def _one_sentence(text: str) -> bool:
    """One sentence, perhaps after a label or an abbreviation of at most ``LABEL_WORDS``
    words that a full stop ends ("Amnesty. More than 100 protesters killed", "The VW ID.
    Space Vizzion is a weird EV", "'Meth. We're on it.': Spokane agencies divided"); not
    a numbered list's item ("3. Establish your target") or a figure after a name."""
    parts = sentences(text)
    if len(parts) != 2:
        return len(parts) == 1
    label, rest = parts
    return len(label.split()) <= LABEL_WORDS and any(map(str.isalpha, label)) and rest[:1].isalpha()


def byline_line(text: str, rules: SourceRules) -> list[BylineName] | None:
    """Names in a 'By ...' line ("By Jane Hale and Tom Reed, Saltmere Gazette"), or None."""
    table = rules.table
    if _STAFF_LINE.match(text.strip()):
        return [BylineName(name=text.strip(), kind="staff")]
    undated = _BYLINE_DATE.sub("", text.strip())  # "... at 11:08 a.m." ends no sentence
    match = _BY.match(undated)
    if (
        not match
        or len(undated.split()) > 14
        or (undated.endswith((".", "?", "!")) and not undated.endswith(" Jr."))
    ):
        return None
    rest = re.split(r"\s*[|;\u2022\u00b7]\s*|\s+[-\u2013\u2014]\s+", match.group(1))[0]
    parts = [p.strip() for p in re.split(r",|\band\b|&", rest) if p.strip()]
    if not parts or (rules.not_names.match(parts[0]) and parts[0].lower() not in table):
        return None
    names: list[BylineName] = []
    for i, part in enumerate(parts):
        lowered = part.lower()
        if lowered in table and table[lowered][1] == "wire":
            names.append(BylineName(name=table[lowered][0], kind="wire"))
        elif re.search(r"\bstaff\b|\bdesk\b|\bteam\b|\bnewsroom\b", part, _I) and i == 0:
            names.append(BylineName(name=part, kind="staff"))
        elif lowered in table or rules.outlet.search(part):
            continue
        elif _BY_NAME.match(part) and not rules.role.search(part):
            names.append(BylineName(name=part, kind="person"))
        elif i == 0:
            return None
    return names or None


_JOB_TITLE = re.compile(
    r"\b(?:writers?|reporters?|correspondents?|editors?|columnists?|contributors?|photographers?)\b",
    _I,
)


def _wire_named(piece: str, rules: SourceRules) -> str | None:
    """The wire's one name when ``piece`` is a wire, alone or with a job title ("AP Auto Writer")."""
    words = piece.split()
    for n in range(len(words), 0, -1):
        head, rest = " ".join(words[:n]).lower(), " ".join(words[n:])
        if head in rules.wire_names and (not rest or _JOB_TITLE.search(rest)):
            return rules.table.get(head, (piece,))[0]
    return None


def author_field(text: str, rules: SourceRules) -> tuple[list[BylineName], list[SourceMention]]:
    """The people and wires in a page's author field, and the wires as sources.

    Pages give "Tom Krisher; Ap Auto Writer" or "Tom Krisher, AP Auto Writer":
    one person and the wire that employs them, never one person so named. The
    wire is on the byline only when no person is; it is always a source. Job
    titles ("Staff Writer") are dropped.
    """
    from .chrome import name_kind

    names: list[BylineName] = []
    wires: list[SourceMention] = []
    for piece in re.split(r"\s*[;|,\u2022]\s*|\s+and\s+|\s*&\s*", text.strip()):
        piece = piece.strip()
        if not piece:
            continue
        wire = _wire_named(piece, rules)
        kind = name_kind(piece, rules)
        if wire:
            names.append(BylineName(name=wire, kind="wire"))
            wires.append(SourceMention(name=wire, kind="wire", evidence=text.strip()))
        elif _JOB_TITLE.search(piece) or (rules.role.search(piece) and kind != "staff"):
            continue  # "Staff Writer", "Auto Writer", "in Detroit": a title, not a name
        else:
            names.append(BylineName(name=piece, kind=kind))
    people = [name for name in names if name.kind != "wire"]
    return people or names, wires


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


# A note of where the story first ran, the whole line: "This article was originally
# published by Futurism. Read the original article."; "Republished with permission from The
# Conversation under a Creative Commons licence." Its outlet is the story's source.
_REPUBLISHED = re.compile(
    r"(?:(?:this (?:article|story|post|piece|report|column|essay)(?: was| is| has been)?"
    r"(?: originally| first)? (?:published|posted|appeared|ran)"
    r"|(?:originally|first) (?:published|posted|appeared))\s+(?:by|in|on|at)"
    # Republished or reprinted *from* the outlet: "reprinted on Wired.com" names where it
    # went next, not where it first ran.
    r"|(?:this (?:article|story|post|piece|report|column|essay)(?: was| is| has been)? )?"
    r"(?:republished|reprinted)(?: here)?(?: with (?:kind )?permission)?\s+from)"
    r"\s+(?P<outlet>[^\W\d][\w&.'\u2019 -]{0,59}?)"
    r"(?:\s+(?:under|with)\s+[^.]{0,80})?\.?"
    r"(?:\s+read the original(?: article| story| post| piece)?(?: here)?\.?)?",
    _I,
)
_REPUBLISHED_WORDS = 40


def republished(text: str, rules: SourceRules) -> SourceMention | None:
    """The outlet a republication note names as where the story first ran, or None."""
    stripped = text.strip()
    if stripped.count(" ") >= _REPUBLISHED_WORDS:
        return None
    match = _REPUBLISHED.fullmatch(stripped)
    if match is None:
        return None
    outlet = match.group("outlet").strip()
    bare = re.sub(r"^the\s+", "", outlet, flags=_I)
    known = rules.table.get(outlet.lower()) or rules.table.get(bare.lower())
    if known:
        return SourceMention(name=known[0], kind=known[1], evidence=stripped)
    return SourceMention(
        name=outlet if outlet[:1].isupper() else bare, kind="outlet", evidence=stripped
    )


def republished_finding(text: str, outlet: str) -> Finding:
    return Finding(
        rule="extract.republished",
        message=f"Says where the story first ran ({outlet}): moved to its sources",
        action="remove",
        evidence=text[:200],
    )


def link_finding(text: str) -> Finding:
    return Finding(
        rule="chrome.reference_link",
        message="A link-only line, moved to related links",
        action="remove",
        evidence=text[:200],
    )


def _canonical(match: re.Match, rules: SourceRules) -> tuple[str, str] | None:
    raw = match.group(1)
    if raw.lower() in rules.capitals_only and raw != raw.upper():
        return None
    return rules.table.get(raw.lower())


def sources(texts: list[str], rules: SourceRules) -> list[SourceMention]:
    """Every outlet, wire, broadcaster or body the copy attributes to, once, with its sentence."""
    found: dict[str, SourceMention] = {}
    for text in texts:
        # One scan of the paragraph spares splitting the many that name nobody.
        if not (
            rules.names.search(text)
            or rules.official.search(text)
            or rules.document.search(text)
            or "statement" in text
        ):
            continue
        for sentence in sentences(text):
            if not rules.attribution.search(sentence):
                continue
            for match in rules.names.finditer(sentence):
                hit = _canonical(match, rules)
                if hit and hit[0] not in found:
                    found[hit[0]] = SourceMention(
                        name=hit[0], kind=hit[1], evidence=sentence.strip()
                    )
            for match in rules.official.finditer(sentence):
                name = " ".join(match.group(1).split())
                if name not in found:
                    found[name] = SourceMention(
                        name=name, kind="official", evidence=sentence.strip()
                    )
            for match in _STATEMENT.finditer(sentence):
                name = " ".join(match.group(1).split())
                if name not in found and name.lower() not in rules.table:
                    kind = "official" if rules.official_word.search(name) else "other"
                    found[name] = SourceMention(name=name, kind=kind, evidence=sentence.strip())
            for match in rules.document.finditer(sentence):
                name = " ".join(match.group(1).split())
                key = name.lower()
                if key not in found:
                    found[key] = SourceMention(
                        name=name, kind="document", evidence=sentence.strip()
                    )
    return list(found.values())
