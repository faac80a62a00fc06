"""chrome.*: the page furniture a scraper drags along with the story.

Every pattern must match the whole paragraph: a sentence that merely mentions comments,
shares or cookies is copy, not chrome. The patterns live in ``data/chrome.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .patterns import expand
from .result import BylineName, Finding

if TYPE_CHECKING:
    from .extract import SourceRules

_I = re.IGNORECASE
MAX_WORDS = 25
_EDGES = " |\u00b7\u2022-\u2013\u2014\u2191\u2193\u2190\u2192\u25b2\u25bc^"
_NAME = re.compile(
    r"^(?:[A-Z][\w.'-]*)(?: (?:[A-Z][\w.'-]*|de|van|von|al|bin|la|le|du))*(?: (?:Staff|Desk|Team|Reporters?|Newsroom))?$"
)


@dataclass(frozen=True, slots=True, eq=False)
class ChromeRules:
    """``data/chrome.toml`` compiled: each rule's patterns as one, in the file's order."""

    compiled: tuple[tuple[str, re.Pattern], ...]
    messages: dict[str, str]
    long_notices: tuple[str, ...]
    box_mark: re.Pattern


def rules_from(data: dict) -> ChromeRules:
    parts = data.get("parts", {})
    rules = data["rules"]
    return ChromeRules(
        compiled=tuple(
            (rule, re.compile("|".join(f"(?:{expand(p, parts)})" for p in spec["patterns"]), _I))
            for rule, spec in rules.items()
        ),
        messages={rule: spec["message"] for rule, spec in rules.items()},
        long_notices=tuple(data["long_notices"]),
        box_mark=re.compile(data["author_box_mark"], _I),
    )


def finding(rules: ChromeRules, rule: str, evidence: str, action: str = "remove") -> Finding:
    return Finding(rule=rule, message=rules.messages[rule], action=action, evidence=evidence[:200])


def line(text: str) -> str:
    """The paragraph as chrome patterns read it: straight apostrophes, no bullets or arrows."""
    return text.replace("\u2019", "'").strip(_EDGES)


def check(text: str, rules: ChromeRules) -> list[Finding]:
    """The chrome rule that the whole paragraph matches, if any."""
    if len(text.split()) > MAX_WORDS and not text.lower().startswith(rules.long_notices):
        return []
    stripped = line(text)
    for rule, pattern in rules.compiled:
        if pattern.fullmatch(stripped):
            return [finding(rules, rule, text)]
    return []


def name_kind(name: str, sources: SourceRules) -> str:
    if name.lower() in sources.wire_names:
        return "wire"
    return "staff" if sources.staff.search(name) else "person"


def author_boxes(
    texts: list[str], taken: set[int], rules: ChromeRules, sources: SourceRules
) -> tuple[dict[int, Finding], list[BylineName]]:
    """Author boxes spread over lines: 'Avatar photo' / a name / 'Articles: 7166'.

    A bare name counts as chrome only when it sits right beside a box marker and no other
    rule (``taken``) has claimed that line.
    """
    found: dict[int, Finding] = {}
    names: list[BylineName] = []
    for i, text in enumerate(texts):
        if not rules.box_mark.match(text):
            continue
        found[i] = finding(rules, "chrome.author_box", text)
        for j in (i - 1, i + 1):
            if (
                0 <= j < len(texts)
                and j not in found
                and j not in taken
                and _NAME.match(texts[j])
                and len(texts[j].split()) <= 5
                and not rules.box_mark.match(texts[j])
            ):
                found[j] = finding(rules, "chrome.author_box", texts[j])
                if all(n.name != texts[j] for n in names):
                    names.append(BylineName(name=texts[j], kind=name_kind(texts[j], sources)))
    return found, names
