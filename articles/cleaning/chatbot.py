"""chatbot.*: what an AI assistant left in the copy it was asked to write or rewrite."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import compile_entry
from .result import Finding

_I = re.IGNORECASE
# Longer than this, a leftover is mixed with copy: an editor decides.
SHORT = 400


@dataclass(frozen=True, slots=True, eq=False)
class ChatbotRules:
    """``data/chatbot.toml`` compiled: what ``check`` looks for."""

    messages: dict[str, str]
    # (rule, gate, patterns tried in order), in the file's order.
    gated: tuple[tuple[str, re.Pattern, tuple[re.Pattern, ...]], ...]
    regenerate: re.Pattern
    placeholder: re.Pattern
    word_count: re.Pattern
    title: re.Pattern
    citation: re.Pattern
    news: re.Pattern
    self_named: re.Pattern


def rules_from(data: dict) -> ChatbotRules:
    parts = data.get("parts", {})
    rules = data["rules"]

    def one(rule: str) -> re.Pattern:
        return compile_entry(rules[rule]["pattern"], parts, _I)

    return ChatbotRules(
        messages={rule: spec["message"] for rule, spec in rules.items()},
        gated=tuple(
            (
                rule,
                compile_entry(spec["gate"], parts, _I),
                tuple(compile_entry(entry, parts, _I) for entry in spec["patterns"]),
            )
            for rule, spec in rules.items()
            if "gate" in spec
        ),
        regenerate=one("chatbot.regenerate"),
        placeholder=one("chatbot.placeholder"),
        word_count=one("chatbot.word_count"),
        title=one("chatbot.title_label"),
        citation=one("chatbot.citation_markup"),
        news=compile_entry(data["reports_on_chatbots"]["pattern"], parts, _I),
        self_named=compile_entry(data["reports_on_chatbots"]["self_named"], parts, _I),
    )


def _finding(
    rules: ChatbotRules, rule: str, action: str, evidence: str, replacement: str = ""
) -> Finding:
    return Finding(
        rule=rule,
        message=rules.messages[rule],
        action=action,
        evidence=evidence[:200],
        replacement=replacement,
    )


def _first(patterns: tuple[re.Pattern, ...], text: str) -> re.Match | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def reports_on_chatbots(text: str, rules: ChatbotRules) -> bool:
    """The paragraph names a chatbot as a third party: it may be news about one. The
    assistant naming itself ("As an AI language model, I ...") is not such a name."""
    return bool(rules.news.search(rules.self_named.sub(" ", text.replace("\u2019", "'"))))


def title_label(text: str, rules: ChatbotRules) -> str | None:
    """The headline a 'Title: ...' label carries, or None."""
    match = rules.title.match(text)
    return match.group(1).strip(" *\"'\u201c\u201d") if match else None


def check(text: str, rules: ChatbotRules) -> list[Finding]:
    """Findings for one paragraph. Whole-paragraph leftovers are remove; mixed with copy, review."""
    findings: list[Finding] = []
    short = len(text) <= SHORT
    original, text = text, text.replace("\u2019", "'").replace("\u2018", "'")
    for rule, gate, patterns in rules.gated:
        match = gate.search(text) and _first(patterns, text)
        if match:
            findings.append(_finding(rules, rule, "remove" if short else "review", match.group(0)))
    if rules.regenerate.match(text):
        findings.append(_finding(rules, "chatbot.regenerate", "remove", text))
    match = rules.placeholder.search(text)
    if match:
        rest = rules.placeholder.sub("", text).strip(" .:-,")
        findings.append(
            _finding(
                rules,
                "chatbot.placeholder",
                "remove" if len(rest.split()) <= 3 else "review",
                match.group(0),
            )
        )
    if rules.word_count.match(text):
        findings.append(_finding(rules, "chatbot.word_count", "remove", text))
    label = rules.title.match(text)
    if label and len(text) <= 250:
        findings.append(_finding(rules, "chatbot.title_label", "remove", text))
    match = rules.citation.search(text)
    if match:
        stripped = " ".join(rules.citation.sub("", original).split())
        stripped = re.sub(r"\s+([.,;:!?])", r"\1", stripped)
        if stripped.strip(" .,;:"):
            findings.append(
                _finding(rules, "chatbot.citation_markup", "fix", match.group(0), stripped)
            )
        else:
            findings.append(_finding(rules, "chatbot.citation_markup", "remove", match.group(0)))
    return findings
