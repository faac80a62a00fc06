"""The rules ``clean()`` runs: the shipped data files, plus what editors add.

``RuleSet.shipped()`` reads ``data/*.toml`` once per process. Editors' phrases and source
aliases arrive as ``PhraseRule`` and ``SourceAlias`` values (the site keeps them in its
database; the cleaner never sees it) and ``with_extra`` returns a new set that knows them.

An editor's pattern is matched with the ``regex`` module and a time limit: a pattern that
backtracks without end costs one paragraph its finding, never an import its time.
``phrase_problem`` and ``alias_problem`` say, in one sentence for the editor, why a rule
cannot be used; a pattern that is slow on probe text is refused there.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from . import chatbot, chrome, extract, style
from .patterns import load
from .result import Finding
from .text import fold

FAMILIES = ("chatbot", "chrome", "style")
# style.* only ever asks an editor to look; it never removes.
ACTIONS = {"chatbot": ("remove", "review"), "chrome": ("remove", "review"), "style": ("review",)}
ALIAS_KINDS = ("wire", "outlet", "broadcaster", "official", "other")
MAX_PATTERN = 300
MAX_ALIAS = 100
MAX_NAME = 200
MAX_MESSAGE = 200
# Seconds one editor's pattern may take on one paragraph, and on the probes that vet it.
MATCH_TIMEOUT = 0.05
PROBE_TIMEOUT = 0.1
PROBE_BUDGET = 1.5
# Codes the cleaner gives itself; an editor's rule picks another.
RESERVED_CODES = frozenset(
    {
        "chatbot.learned",
        "chrome.learned",
        "chrome.site_profile",
        "chrome.reference_link",
        "chatbot.editor_marked",
        "chrome.editor_marked",
    }
)
_CODE = re.compile(r"^[a-z]+\.[a-z0-9_]{1,40}$")
_BIG_REPEAT = re.compile(r"\{\s*\d{4,}|,\s*\d{4,}\s*\}")

logger = logging.getLogger(__name__)


class RuleError(ValueError):
    """An editor's rule the cleaner cannot use; the message says why."""


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """An editor's phrase (or regular expression) and what a paragraph with it gets.

    chatbot and style rules look for it anywhere in a paragraph; chrome rules, like the
    shipped ones, only when it is the whole paragraph. A plain phrase ignores case,
    punctuation and spacing; a pattern ignores case.
    """

    family: str
    pattern: str
    is_regex: bool = False
    action: str = "remove"
    rule: str = ""  # the finding's code; "<family>.editor" when empty
    message: str = ""

    @property
    def code(self) -> str:
        return self.rule or f"{self.family}.editor"


@dataclass(frozen=True, slots=True)
class SourceAlias:
    """A spelling ("AP") of a source ("The Associated Press", kind "wire").

    An alias written in capitals counts only when the copy writes it in capitals.
    """

    alias: str
    name: str
    kind: str = "outlet"


class RuleSet:
    """Everything the rule families need; build one with ``shipped()`` and ``with_extra``."""

    __slots__ = ("_matchers", "aliases", "chatbot", "chrome", "phrases", "sources", "style")

    def __init__(
        self,
        *,
        chatbot: chatbot.ChatbotRules,
        chrome: chrome.ChromeRules,
        style: style.StyleRules,
        sources: extract.SourceRules,
        phrases: tuple[PhraseRule, ...] = (),
        aliases: tuple[SourceAlias, ...] = (),
    ) -> None:
        self.chatbot = chatbot
        self.chrome = chrome
        self.style = style
        self.sources = sources
        self.phrases = phrases
        self.aliases = aliases
        self._matchers = tuple(_Matcher(phrase) for phrase in phrases)

    @classmethod
    def shipped(cls) -> RuleSet:
        """The package's own rules, read from ``data/`` once per process."""
        return _shipped()

    def with_extra(
        self, *, phrases: Iterable[PhraseRule] = (), aliases: Iterable[SourceAlias] = ()
    ) -> RuleSet:
        """A new set with these editors' rules added. Raises RuleError for one it cannot use."""
        phrases, aliases = tuple(phrases), tuple(aliases)
        for phrase in phrases:
            # The slow-pattern probes ran when the rule was saved; matching has a time limit.
            if problem := phrase_problem(phrase, probe=False):
                raise RuleError(f"{phrase.pattern!r}: {problem}")
        for alias in aliases:
            if problem := alias_problem(alias):
                raise RuleError(f"{alias.alias!r}: {problem}")
        sources = self.sources
        if aliases:
            sources = sources.with_aliases((a.alias, a.name, a.kind) for a in aliases)
        return RuleSet(
            chatbot=self.chatbot,
            chrome=self.chrome,
            style=self.style,
            sources=sources,
            phrases=self.phrases + phrases,
            aliases=self.aliases + aliases,
        )

    def phrase_findings(self, text: str, families: tuple[str, ...]) -> list[Finding]:
        """Findings of the editors' rules of these families for one paragraph."""
        findings: list[Finding] = []
        for matcher in self._matchers:
            if matcher.phrase.family in families:
                finding = matcher.finding(text)
                if finding and all(f.rule != finding.rule for f in findings):
                    findings.append(finding)
        return findings


@functools.cache
def _shipped() -> RuleSet:
    return RuleSet(
        chatbot=chatbot.rules_from(load("chatbot")),
        chrome=chrome.rules_from(load("chrome")),
        style=style.rules_from(load("style")),
        sources=extract.rules_from(load("sources"), load("extract")),
    )


def phrase_matcher(phrase: PhraseRule) -> _Matcher:
    """The compiled rule, for a preview of what it would flag. Raises RuleError."""
    if problem := phrase_problem(phrase, probe=False):
        raise RuleError(problem)
    return _Matcher(phrase)


class _Matcher:
    __slots__ = ("compiled", "folded", "phrase")

    def __init__(self, phrase: PhraseRule) -> None:
        self.phrase = phrase
        self.compiled = _compile(phrase.pattern) if phrase.is_regex else None
        self.folded = "" if phrase.is_regex else fold(phrase.pattern)

    def evidence(self, text: str) -> str | None:
        """The words that match, or None."""
        whole = self.phrase.family == "chrome"
        if self.compiled is None:
            folded = fold(text)
            if whole:
                return text if folded == self.folded else None
            return self.phrase.pattern if f" {self.folded} " in f" {folded} " else None
        subject = chrome.line(text) if whole else text.replace("\u2019", "'").replace("\u2018", "'")
        try:
            if whole:
                match = self.compiled.fullmatch(subject, timeout=MATCH_TIMEOUT)
            else:
                match = self.compiled.search(subject, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            logger.warning("Editor's rule %r ran out of time on a paragraph", self.phrase.pattern)
            return None
        return (text if whole else match.group(0)) if match else None

    def finding(self, text: str) -> Finding | None:
        evidence = self.evidence(text)
        if evidence is None:
            return None
        phrase = self.phrase
        action = phrase.action
        # Found inside longer copy, a leftover is mixed with story: an editor decides.
        if action == "remove" and phrase.family != "chrome" and len(text) > chatbot.SHORT:
            action = "review"
        message = phrase.message or f"Matches an editor's {phrase.family} rule: {phrase.pattern}"
        return Finding(rule=phrase.code, message=message, action=action, evidence=evidence[:200])


def _compile(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)


def phrase_problem(phrase: PhraseRule, *, probe: bool = True) -> str | None:
    """Why this rule cannot be used, in one sentence for the editor; None when it can.

    ``probe`` also times the pattern on text built to make it backtrack (about a second
    at most): worth it when an editor saves a rule, not on every import.
    """
    if phrase.family not in FAMILIES:
        return f"The family must be one of {', '.join(FAMILIES)}."
    if phrase.action not in ACTIONS[phrase.family]:
        allowed = " or ".join(ACTIONS[phrase.family])
        return f"A {phrase.family} rule may only suggest {allowed}."
    if phrase.rule and not (
        _CODE.match(phrase.rule) and phrase.rule.startswith(f"{phrase.family}.")
    ):
        return (
            f"The rule code must read '{phrase.family}.' and then lower-case letters, "
            "digits or underscores, such as "
            f"'{phrase.family}.house_promo'."
        )
    if phrase.rule in RESERVED_CODES or phrase.rule in _shipped_codes():
        return f"The rule code {phrase.rule!r} belongs to the cleaner; choose another."
    if len(phrase.message) > MAX_MESSAGE:
        return f"The message is longer than {MAX_MESSAGE} characters."
    pattern = phrase.pattern
    if not pattern.strip() or "\n" in pattern or len(pattern) > MAX_PATTERN:
        return f"Give one line of at most {MAX_PATTERN} characters."
    if not phrase.is_regex:
        if not fold(pattern):
            return "The phrase has no letters or digits to match."
        return None
    return _pattern_problem(pattern, whole=phrase.family == "chrome", probe=probe)


def _pattern_problem(pattern: str, *, whole: bool, probe: bool) -> str | None:
    if _BIG_REPEAT.search(pattern):
        return "Repeat counts above 999 are not allowed."
    try:
        compiled = _compile(pattern)
    except regex.error as error:
        return f"This is not a valid regular expression: {error}."
    if compiled.search("") is not None:
        return "The pattern matches an empty paragraph, so it would flag every paragraph."
    if not probe:
        return None
    deadline = time.monotonic() + PROBE_BUDGET
    try:
        for text in _probes(pattern):
            for run in (compiled.search, compiled.fullmatch) if whole else (compiled.search,):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                run(text, timeout=min(PROBE_TIMEOUT, left))
    except TimeoutError:
        return (
            "The pattern is too slow on some text: repeats inside repeats, such as (a+)+ "
            "or (\\w+\\s?)*, make it try without end. Simplify it."
        )
    return None


def _probes(pattern: str) -> list[str]:
    """Long runs of the pattern's own characters and words, ending where it cannot match:
    the text that makes nested repeats try every way of splitting it."""
    words = set(re.findall(r"[A-Za-z]{2,}", pattern)) | {"a", "ab"}
    chars = {c for c in pattern if not c.isspace()} | set("a1 .-'")
    probes = []
    for unit in sorted(chars) + sorted(words):
        for run in (unit, f"{unit} "):
            probes.append(run * (3000 // len(run)) + "\u0000!")
    return probes


@functools.cache
def _shipped_codes() -> frozenset[str]:
    shipped = _shipped()
    return (
        frozenset(shipped.chatbot.messages)
        | frozenset(shipped.chrome.messages)
        | {
            "style.stock_phrase",
            "style.date_form",
            "style.inconsistent_spelling",
        }
    )


def alias_problem(alias: SourceAlias) -> str | None:
    """Why this alias cannot be used, in one sentence for the editor; None when it can."""
    spelled = " ".join(alias.alias.split())
    if not spelled or len(spelled) > MAX_ALIAS:
        return f"Give the alias in at most {MAX_ALIAS} characters."
    if not re.search(r"\w", spelled):
        return "The alias has no letters or digits to match."
    if not alias.name.strip() or len(alias.name) > MAX_NAME:
        return f"Give the source's name in at most {MAX_NAME} characters."
    if alias.kind not in ALIAS_KINDS:
        return f"The kind must be one of {', '.join(ALIAS_KINDS)}."
    return None
