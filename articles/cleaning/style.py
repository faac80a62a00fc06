"""style.*: copy that is kept but needs an editor's hand. Never remove, only fix or review.

The stock phrases live in ``data/style.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .result import Finding

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True, eq=False)
class StyleRules:
    """``data/style.toml`` compiled."""

    stock: re.Pattern
    stock_message: str


def rules_from(data: dict) -> StyleRules:
    spec = data["rules"]["style.stock_phrase"]
    return StyleRules(
        stock=re.compile("|".join(spec["phrases"]), _I), stock_message=spec["message"]
    )


_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_ORDINAL_AFTER = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)\b")
_ORDINAL_BEFORE = re.compile(
    rf"\b(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)\s+(?:of\s+)?({_MONTHS})(?![\w])"
)


def _fix(rule: str, message: str, text: str, new: str, evidence: str) -> Finding:
    return Finding(rule=rule, message=message, action="fix", evidence=evidence, replacement=new)


def stock_phrases(text: str, rules: StyleRules) -> list[Finding]:
    match = rules.stock.search(text)
    if not match:
        return []
    return [
        Finding(
            rule="style.stock_phrase",
            message=rules.stock_message.replace("{evidence}", match.group(0)),
            action="review",
            evidence=match.group(0),
        )
    ]


def date_forms(text: str) -> list[Finding]:
    new = _ORDINAL_AFTER.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    new = _ORDINAL_BEFORE.sub(lambda m: f"{m.group(2)} {m.group(1)}", new)
    if new == text:
        return []
    evidence = (_ORDINAL_AFTER.search(text) or _ORDINAL_BEFORE.search(text)).group(0)
    return [
        _fix(
            "style.date_form", f"Newsroom dates have no ordinal: '{evidence}'", text, new, evidence
        )
    ]


_TOKEN = re.compile(r"(?<![\w.-])(?:(?:[A-Z]\.){2,4}|[A-Za-z]+(?:-[A-Za-z]+)*)(?![\w]|\.\w)")


def _variants(texts: list[str]) -> dict[str, str]:
    """Minority spelling -> the story's majority spelling ("US" and "U.S.", "e-mail" and "email")."""
    counts = Counter(_TOKEN.findall("\n".join(texts)))
    mapping: dict[str, str] = {}
    for form, count in counts.items():
        if "." in form:
            plain = form.replace(".", "")
        elif "-" in form:
            plain = form.replace("-", "")
        else:
            continue
        if counts[plain]:
            # Ties go to the dotted or hyphenated form, the one a style guide usually names.
            majority, minority = (plain, form) if counts[plain] > count else (form, plain)
            mapping[minority] = majority
    return mapping


def spellings(texts: list[str], indices: list[int]) -> dict[int, list[Finding]]:
    """A name or abbreviation spelled two ways in one story: suggest the more common one."""
    mapping = _variants([texts[i] for i in indices])
    found: dict[int, list[Finding]] = {}
    if not mapping:
        return found
    alternatives = "|".join(re.escape(f) for f in sorted(mapping, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w]|\.\w)")
    for i in indices:
        text = texts[i]
        used = sorted({m.group(0) for m in pattern.finditer(text)})
        if not used:
            continue
        new = pattern.sub(lambda m: mapping[m.group(0)], text)
        pairs = [f"{form} -> {mapping[form]}" for form in used]
        message = "Spelled two ways in this story: " + ", ".join(pairs)
        found[i] = [_fix("style.inconsistent_spelling", message, text, new, pairs[0])]
    return found


def check(text: str, rules: StyleRules) -> list[Finding]:
    return stock_phrases(text, rules) + date_forms(text)
