"""chrome.* by shape: lines of a real page whose form alone says they are not the story.

A whole page copied as text carries lines no phrase list names but whose shape gives them
away: skip links run together ("Skip to main contentSkip to navigation"), a player's timer
("0:00"), a photo credit standing alone or split over lines, a logo's alt text, an
image's file name, an ad-blocker plea. Each pattern must match the whole line, as in ``chrome``.
"""

from __future__ import annotations

import re

from .result import Finding

_I = re.IGNORECASE
_AGENCY = (
    r"(?:getty images?|gettyimages|shutterstock|istock(?:photo)?|alamy(?: stock photo)?|"
    r"afp(?: via getty images)?|ap photo|ap images|the associated press|associated press|"
    r"reuters|epa(?:-efe)?|pa (?:wire|images|media)|freepik(?:\.com)?|unsplash(?:\.com)?|"
    r"pexels(?:\.com)?|pixabay(?:\.com)?|adobe stock|bloomberg(?: via getty images)?|"
    r"wireimage|filmmagic|corbis|nurphoto|sipa(?: usa)?|zuma(?: press)?|imago|dpa|anadolu|"
    r"xinhua|rex features|rex/shutterstock|supplied|handout|file photo|stock photo)"
)
_CREDIT_LABEL = (
    r"(?:photo(?:graph)?s?|image|images|picture|illustration|graphic|video|credit|"
    r"photo illustration|photo credit|image credit|main image|top image|header image|"
    r"cover image|featured image|lead image|source|pictured)"
)
_RULES: dict[str, list[str]] = {
    "chrome.skip_link": [
        r"(?:(?:skip|jump|go|back)(?: to)?(?: the)? (?:main |primary |page |site )?"
        r"(?:content|navigation|nav|menu|search|footer|header|article|sidebar|top|"
        r"accessibility(?: help)?|main)\s*[|,\u00b7]?\s*){1,6}",
    ],
    "chrome.player": [
        r"-?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/\s*-?(?:\d{1,2}:)?\d{1,2}:\d{2})?",
        r"(?:play|pause|listen|watch)(?: live)?(?: (?:radio|audio|video|now|stream|"
        r"episode|podcast|tv))?(?:\s*[\u00b7|:-]?\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?",
        r"listen to (?:this|the) (?:article|story|episode|podcast|report)(?:\s*[\u00b7|:-]?\s*"
        r"(?:\d+ ?min(?:ute)?s?|(?:\d{1,2}:)?\d{1,2}:\d{2}))?",
        r"(?:audio|video) (?:player|loading|is loading)\W*",
    ],
    "chrome.credit": [
        rf"\(?(?:{_CREDIT_LABEL}(?: by)?\s*[:\-\u2013]?\s*)?(?:[\w .'\u2019&-]{{0,60}}?\s*[/|,]\s*|"
        rf"[\w .'\u2019&-]{{0,60}}? (?:for|via) )?{_AGENCY}(?:\s*[/|,]\s*[\w .'&-]{{0,40}})?\)?\.?",
        rf"\(?{_CREDIT_LABEL}(?: by)?\s*[:\-\u2013]\s*[\w .'\u2019&-]{{2,60}}\s*/\s*"
        rf"[\w .'\u2019&-]{{2,40}}\)?\.?",
        r"\(?(?:photo|illustration|photograph|graphic|image|video)s? by [\w .'\u2019&-]{2,60}"
        r"(?:\s*[/|,]\s*[\w .'\u2019&-]{2,40})?\)?\.?",
        rf"{_CREDIT_LABEL}(?: by)?\s*:?",
    ],
    "chrome.logo": [
        r"[\w .&'\u2019-]{1,40} (?:logo|icon|wordmark|masthead)(?: image)?",
        r"(?:logo|icon)(?: of| for)? [\w .&'\u2019-]{1,40}",
    ],
    # An image's file name where its alt text or caption should be ("rtr4iun7.jpg").
    "chrome.image_file": [
        r"[\w%()+~-][\w.%()+~-]{0,150}\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)",
    ],
    # Only a plea to the reader: a sentence about ad blockers is copy.
    "chrome.ad_block": [
        r".{0,200}\b(?:you|your|please)\b.{0,200}\bad[- ]?block(?:er|ers|ing)?\b.{0,200}",
        r".{0,200}\bad[- ]?block(?:er|ers|ing)?\b.{0,200}\b(?:you|your|please|disable|whitelist|"
        r"turn (?:it )?off|pause)\b.{0,200}",
    ],
}
_MESSAGES = {
    "chrome.skip_link": "Skip links for screen readers and keyboards",
    "chrome.player": "An audio or video player's controls or timer",
    "chrome.credit": "A photo credit standing alone",
    "chrome.logo": "A logo's or icon's alt text",
    "chrome.image_file": "An image's file name standing alone",
    "chrome.ad_block": "A plea to turn off an ad blocker",
}
_COMPILED = [
    (rule, re.compile("|".join(f"(?:{p})" for p in patterns), _I))
    for rule, patterns in _RULES.items()
]
MAX_WORDS = 40
_CREDIT_ALONE = re.compile(rf"{_CREDIT_LABEL}(?: by)?\s*:?", _I)
_AGENCY_LINE = re.compile(rf"\(?{_AGENCY}\)?\.?", _I)
_NAME_LINE = re.compile(r"[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,4}")


def finding(rule: str, evidence: str) -> Finding:
    return Finding(rule=rule, message=_MESSAGES[rule], action="remove", evidence=evidence[:200])


# Words without which a rule cannot match: most lines skip its pattern. A set look-up of
# the line's words costs far less than a search for any of them.
_GATES = {
    "chrome.skip_link": frozenset("skip jump go back".split()),  # noqa: SIM905
    "chrome.player": frozenset("play pause listen watch audio video".split()),  # noqa: SIM905
    "chrome.credit": frozenset(
        """photo photograph photographs photos image images picture illustration graphic
        video credit source pictured main top header cover featured lead getty gettyimages
        shutterstock istock istockphoto alamy afp ap associated press reuters epa pa
        freepik unsplash pexels pixabay adobe bloomberg wireimage filmmagic corbis nurphoto
        sipa zuma imago dpa anadolu xinhua rex supplied handout file stock""".split()  # noqa: SIM905
    ),
    "chrome.logo": frozenset("logo icon wordmark masthead".split()),  # noqa: SIM905
    "chrome.image_file": frozenset("jpg jpeg png gif webp avif svg bmp tif tiff heic".split()),  # noqa: SIM905
    "chrome.ad_block": frozenset("adblock adblocker adblockers block blocker blockers".split()),  # noqa: SIM905
}
_GATE_WORD = re.compile(r"[a-z]+")
_TIME = re.compile(r"\d:\d\d")


# The most words a line of each shape has: a longer line is copy, and skips the pattern.
_WORDS = {
    "chrome.skip_link": 14,
    "chrome.player": 10,
    "chrome.credit": 14,
    "chrome.logo": 8,
    "chrome.image_file": 1,
    "chrome.ad_block": MAX_WORDS,
}


def check(text: str, rules: tuple[str, ...] | None = None) -> list[Finding]:
    """The shape rule (of ``rules``, or all) the whole line matches, if any."""
    words = text.count(" ") + 1
    if len(text) > 400 or words > MAX_WORDS:
        return []
    present = set(_GATE_WORD.findall(text.lower()))
    stripped = text.strip(" |\u00b7\u2022-\u2013\u2014")
    for rule, pattern in _COMPILED:
        if (rules is not None and rule not in rules) or words > _WORDS[rule]:
            continue
        gated = not present.isdisjoint(_GATES[rule]) or (
            rule == "chrome.player" and _TIME.search(text)
        )
        if gated and pattern.fullmatch(stripped):
            return [finding(rule, text)]
    return []


def is_credit(text: str) -> bool:
    """A credit line ("Source: Freepik.com"): never a related link."""
    return bool(check(text, ("chrome.credit",)))


def split_credits(texts: list[str], taken: set[int]) -> dict[int, Finding]:
    """A credit split over lines: "Photo:" / a name / "Getty Images".

    The name between a credit label and an agency line is part of the credit; alone it is a
    name any story may hold, so only the lines around it make it chrome.
    """
    found: dict[int, Finding] = {}
    for i in range(len(texts) - 2):
        label, name, agency = texts[i : i + 3]
        if (
            _CREDIT_ALONE.fullmatch(label.strip())
            and i + 1 not in taken
            and _NAME_LINE.fullmatch(name.strip())
            and _AGENCY_LINE.fullmatch(agency.strip())
        ):
            found[i + 1] = finding("chrome.credit", name)
    return found
