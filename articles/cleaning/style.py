"""style.*: copy that is kept but needs an editor's hand. Never remove, only fix or review."""

from __future__ import annotations

import re

from .result import Finding

_I = re.IGNORECASE

_STOCK = re.compile(
    r"\b(?:it is|it's|it was) (?:worth (?:noting|mentioning|highlighting|pointing out)|important to (?:note|mention|remember|highlight|stress|understand)|"
    r"crucial to (?:note|remember|understand)|essential to (?:note|remember)|interesting to note|noteworthy)(?: that)?"
    r"|\bit should be (?:noted|mentioned|emphasi[sz]ed) that\b|\bit goes without saying(?: that)?\b|\bneedless to say\b"
    r"|\bin today'?s (?:fast-paced|ever-changing|digital|modern) (?:world|age|landscape|era)\b|\blast but not least\b"
    r"|\bin conclusion\b|\ball in all\b|\bat the end of the day\b|\bplays? a (?:crucial|pivotal|vital) role\b"
    r"|\b(?:delves?|delving) into\b|\ba testament to\b|\bin the realm of\b|\bnavigat(?:e|ing) the complexities\b",
    _I,
)

_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_ORDINAL_AFTER = re.compile(rf"\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)\b")
_ORDINAL_BEFORE = re.compile(
    rf"\b(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)\s+(?:of\s+)?({_MONTHS})(?![\w])"
)

_DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,4})(?![\w])")
_HYPHENATED = re.compile(r"\b([A-Za-z]+-[A-Za-z]{2,})\b")


def _fix(rule: str, message: str, text: str, new: str, evidence: str) -> Finding:
    return Finding(rule=rule, message=message, action="fix", evidence=evidence, replacement=new)


def stock_phrases(text: str) -> list[Finding]:
    match = _STOCK.search(text)
    if not match:
        return []
    return [
        Finding(
            rule="style.stock_phrase",
            message=f"Stock phrase of spun copy: '{match.group(0)}'; cut it or say it plainly",
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


def _form_pattern(form: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.-]){re.escape(form)}(?![\w]|\.\w)")


def _variants(texts: list[str]) -> dict[str, str]:
    """Minority spelling -> the story's majority spelling ("US" and "U.S.", "e-mail" and "email")."""
    forms: list[str] = []
    for text in texts:
        for form in _DOTTED.findall(text) + _HYPHENATED.findall(text):
            if form not in forms:
                forms.append(form)
    mapping: dict[str, str] = {}
    for form in forms:
        plain = form.replace(".", "") if "." in form else form.replace("-", "")
        pair = [form, plain]
        totals = {f: sum(len(_form_pattern(f).findall(t)) for t in texts) for f in pair}
        if not totals[plain]:
            continue
        majority = max(pair, key=lambda f: (totals[f], f == form))
        minority = plain if majority == form else form
        mapping[minority] = majority
    return mapping


def spellings(texts: list[str], indices: list[int]) -> dict[int, list[Finding]]:
    """A name or abbreviation spelled two ways in one story: suggest the more common one."""
    body = [texts[i] for i in indices]
    mapping = _variants(body)
    found: dict[int, list[Finding]] = {}
    if not mapping:
        return found
    for i in indices:
        text = texts[i]
        new = text
        used = []
        for form, majority in mapping.items():
            pattern = _form_pattern(form)
            if pattern.search(new):
                new = pattern.sub(majority, new)
                used.append(f"{form} -> {majority}")
        if new != text:
            message = "Spelled two ways in this story: " + ", ".join(used)
            found[i] = [_fix("style.inconsistent_spelling", message, text, new, used[0])]
    return found


def check(text: str) -> list[Finding]:
    return stock_phrases(text) + date_forms(text)
