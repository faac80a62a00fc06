"""The cleaner: raw copy in, paragraphs with findings and the story's metadata out.

Pure Python, no Django. ``clean()`` is the one entry point; each rule family lives in its
own module (chatbot, chrome, dup, style) and extraction in ``extract``. Their phrase lists
and source aliases are data (``data/*.toml``, read by ``rules``); editors' own rules and a
site's known chrome lines arrive as arguments.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from . import chatbot, chrome, dup, extract, page, style
from .classifier import Classifier, ClassifierModelError, check_shipped_model, shipped
from .headline import pick_headline
from .inputs import CleaningInputError, decode_bytes, detect_format
from .learned import (
    ATTRIBUTES,
    REPORTS,
    Judged,
    bylines,
    is_doubtful,
    is_junk,
    learn,
    removed_lines,
)
from .result import BylineName, CleanResult, Finding, Link, Paragraph, SourceMention
from .rules import PhraseRule, RuleSet, SourceAlias, phrase_matcher
from .text import fold, is_reported, split_paragraphs

__all__ = [
    "Classifier",
    "ClassifierModelError",
    "CleanResult",
    "CleaningInputError",
    "PhraseRule",
    "RuleSet",
    "SourceAlias",
    "check_shipped_model",
    "clean",
]

FORMATS = ("auto", "text", "html")
TITLE_MATCH = 80  # rapidfuzz token-set score above which a first line is the page's title
# Rules whose remove is certain enough to stand even in a paragraph that quotes or attributes.
_STRUCTURAL = ("extract.", "dup.exact", "dup.near", "chrome.reference_link")


def clean(
    source: str | bytes,
    *,
    format: str = "auto",
    rules: RuleSet | None = None,
    site_chrome: Collection[str] = (),
    model: Classifier | None = None,
) -> CleanResult:
    """Clean raw copy (text or an HTML page). Never edits the input; only proposes.

    ``rules``: the shipped rules when None. ``site_chrome``: lines (in their ``fold`` form)
    that recur on the site the copy came from and that editors never kept. ``model``: the
    paragraph classifier, the one shipped in the package when None.
    Raises CleaningInputError for bytes that are not text and for an HTML page with no text.
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if isinstance(source, bytes | bytearray | memoryview):
        source = decode_bytes(bytes(source))
    if format == "auto":
        format = detect_format(source)
    if format == "html":
        # trafilatura and lxml load slowly; plain text never needs them.
        from .html import extract_html

        page = extract_html(source)
        paragraphs = [p for block in page.paragraphs for p in split_paragraphs(block)]
        return analyse(
            paragraphs,
            format="html",
            title=page.title,
            author=page.author,
            published=page.date,
            links=list(page.links),
            rules=rules,
            site_chrome=site_chrome,
            original_url=page.url,
            outlet=page.site_name,
            model=model,
        )
    return analyse(
        split_paragraphs(source), format="text", rules=rules, site_chrome=site_chrome, model=model
    )


def analyse(
    texts: list[str],
    *,
    format: str = "text",
    title: str | None = None,
    author: str | None = None,
    published: str | None = None,
    links: list[Link] | None = None,
    rules: RuleSet | None = None,
    site_chrome: Collection[str] = (),
    original_url: str | None = None,
    outlet: str | None = None,
    model: Classifier | None = None,
) -> CleanResult:
    """Run every rule over paragraphs already split, and gather the metadata.

    The rules decide first; the classifier (``model``, or the shipped one) reads the
    paragraphs no rule had anything to say about.
    """
    with _collector_paused():
        return _analyse(
            texts,
            format=format,
            title=title,
            author=author,
            published=published,
            links=links,
            rules=rules,
            site_chrome=site_chrome,
            original_url=original_url,
            outlet=outlet,
            model=model,
        )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while one copy is cleaned, and resumed after.

    A megabyte of copy makes millions of small objects (findings, contexts, verdict keys)
    that reference counting frees as they go: the cleaner makes no reference cycles. Yet
    while they are alive each of the collector's full passes walks all of them, and the
    caches too: on a megabyte of real pages that was a third of the time. A call that
    finds it paused already (another copy being cleaned, or a caller that turned it off)
    leaves it as it is.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _analyse(
    texts: list[str],
    *,
    format: str,
    title: str | None,
    author: str | None,
    published: str | None,
    links: list[Link] | None,
    rules: RuleSet | None,
    site_chrome: Collection[str],
    original_url: str | None,
    outlet: str | None,
    model: Classifier | None,
) -> CleanResult:
    rules = RuleSet.shipped() if rules is None else rules
    findings: list[list[Finding]] = [[] for _ in texts]
    byline, related, label_headline, first_ran = _line_rules(texts, findings, rules, site_chrome)
    related = list(links or []) + related
    boxes, box_names = chrome.author_boxes(
        texts, {i for i, fs in enumerate(findings) if fs}, rules.chrome, rules.sources
    )
    for i, finding in boxes.items():
        if not any(f.rule == "chrome.author_box" for f in findings[i]):
            findings[i].append(finding)
    byline = box_names + byline
    taken = {i for i, fs in enumerate(findings) if fs}
    for i, finding in page.split_credits(texts, taken).items():
        findings[i].append(finding)
    model = model or shipped()
    judged = Judged()
    placed = learn(texts, findings, model, judged, rules)

    guards: dict[str, str] = {}  # a line's guard, worked out once: menus recur
    for i, text in enumerate(texts):
        if findings[i]:
            if text not in guards:
                guards[text] = _guard(text, rules)
            findings[i] = _guarded(findings[i], guards[text])

    removed = removed_lines(findings)
    line = _headline(texts, findings, removed, placed, title)
    headline = title or label_headline or (None if line is None else texts[line])
    before = removed_lines(findings)
    for i, finding in dup.find(texts, before, headline).items():
        findings[i].append(finding)
    removed = removed_lines(findings)
    if removed != before:
        placed = learn(texts, findings, model, judged, rules, find_headline=False, headline=line)
        removed = removed_lines(findings)
        if headline is None:
            # With the repeats gone the copy reads as a second pass will read it: look
            # again, or that pass would find the headline this one missed.
            line = _headline(texts, findings, removed, placed)
            headline = None if line is None else texts[line]
            removed = removed_lines(findings)
    kept = [i for i in range(len(texts)) if i not in removed]
    for i in kept:
        findings[i].extend(style.check(texts[i], rules.style))
        findings[i].extend(rules.phrase_findings(texts[i], ("style",)))
    for i, extra in style.spellings(texts, kept).items():
        findings[i].extend(extra)

    wires = []
    if author and not byline:
        byline, wires = extract.author_field(author, rules.sources)
    paragraphs = [
        Paragraph(text=t, action=_action(fs), findings=fs)
        for t, fs in zip(texts, findings, strict=True)
    ]
    return CleanResult(
        headline=headline,
        byline=_unique(byline, key=lambda b: b.name),
        paragraphs=paragraphs,
        sources=_unique(
            first_ran + extract.sources([texts[i] for i in kept], rules.sources) + wires,
            key=lambda s: s.name.lower(),
        ),
        related_links=_links(related),
        format=format,
        published=published,
        original_url=original_url,
        outlet=outlet,
    )


def rule_removed(texts: list[str], rules: RuleSet | None = None) -> set[int]:
    """The paragraphs the rules remove before the classifier reads the rest (for training)."""
    rules = RuleSet.shipped() if rules is None else rules
    findings: list[list[Finding]] = [[] for _ in texts]
    _line_rules(texts, findings, rules, ())
    return removed_lines(findings)


def _line_rules(
    texts: list[str], findings: list[list[Finding]], rules: RuleSet, site_chrome: Collection[str]
):
    """Rules that judge a line on its own: link lines, bylines, chatbot leftovers, chrome,
    editors' rules, and the lines the site repeats on every page. A line that recurs (a
    menu, a share button) is judged once."""
    byline: list[BylineName] = []
    related: list[Link] = []
    first_ran: list[SourceMention] = []
    label_headline: str | None = None
    verdicts: dict[str, _LineVerdict] = {}
    for i, text in enumerate(texts):
        verdict = verdicts.get(text)
        if verdict is None:
            verdict = verdicts[text] = _line_verdict(text, rules, site_chrome)
        findings[i].extend(verdict.findings)
        byline.extend(verdict.names)
        if verdict.link:
            related.append(verdict.link)
        if verdict.source:
            first_ran.append(verdict.source)
        if label_headline is None and i < 3:
            label_headline = verdict.title
    return byline, related, label_headline, first_ran


@dataclass(frozen=True, slots=True)
class _LineVerdict:
    findings: tuple[Finding, ...]
    link: Link | None = None  # a related story the line links to
    names: tuple[BylineName, ...] = ()  # the byline it gives
    title: str | None = None  # the headline a "Title: ..." label gives
    source: SourceMention | None = None  # where the story first ran, by its republication note


def _line_verdict(text: str, rules: RuleSet, site_chrome: Collection[str]) -> _LineVerdict:
    # A credit ("Source: Freepik.com") reads like a source link line but names no story.
    if page.is_credit(text):
        return _LineVerdict(tuple(page.check(text)))
    link = extract.related_link(text)
    if link:
        return _LineVerdict((extract.link_finding(text),), link=link)
    names = extract.byline_line(text, rules.sources)
    if names:
        return _LineVerdict((extract.byline_finding(text),), names=tuple(names))
    first_ran = extract.republished(text, rules.sources)
    if first_ran:
        finding = extract.republished_finding(text, first_ran.name)
        return _LineVerdict((finding,), source=first_ran)
    found = chatbot.check(text, rules.chatbot)
    found.extend(chrome.check(text, rules.chrome) or page.check(text))
    found.extend(rules.phrase_findings(text, ("chatbot", "chrome")))
    if site_chrome and not any(f.action == "remove" for f in found) and fold(text) in site_chrome:
        found.append(_site_chrome_finding(text))
    return _LineVerdict(tuple(found), title=chatbot.title_label(text, rules.chatbot) or None)


def _site_chrome_finding(text: str) -> Finding:
    return Finding(
        rule="chrome.site_profile",
        message="Recurs on this site's pages and editors never kept it: the site's chrome",
        action="remove",
        evidence=text[:200],
    )


def _guard(text: str, rules: RuleSet) -> str:
    """Why a paragraph's findings may only ask an editor, or "": it quotes or attributes
    (every finding), or it may report on chatbots (the chatbot findings)."""
    if is_reported(text):
        return ATTRIBUTES
    if chatbot.reports_on_chatbots(text, rules.chatbot):
        return REPORTS
    return ""


def _guarded(findings: list[Finding], guard: str) -> list[Finding]:
    """Findings for a paragraph that quotes, attributes or reports on chatbots, softened."""
    if guard == ATTRIBUTES:
        return [_soften(f, guard) for f in findings]
    if guard == REPORTS:
        return [_soften(f, guard) if f.rule.startswith("chatbot.") else f for f in findings]
    return findings


def _soften(finding: Finding, why: str) -> Finding:
    """A paragraph that quotes, attributes or reports is copy until an editor says otherwise."""
    if finding.action != "remove" or finding.rule.startswith(_STRUCTURAL):
        return finding
    return Finding(
        rule=finding.rule,
        message=f"{finding.message} ({why}, so an editor decides)",
        action="review",
        evidence=finding.evidence,
        replacement=finding.replacement,
    )


def _headline(
    texts: list[str],
    findings: list[list[Finding]],
    removed: set[int],
    placed: Collection[int] = (),
    title: str | None = None,
) -> int | None:
    """The headline's line (``pick_headline``), its findings added.

    ``placed``: lines the model doubted and removed only for where they stand
    (``learned.beyond_story``); the headline is looked for as if they still stood, doubted,
    as ``learn`` looked for it. On an HTML page whose title says something else, the line is
    a subhead or a teaser: an editor reviews it.
    """
    removed = removed - set(placed)
    doubtful = {i for i, fs in enumerate(findings) if is_doubtful(fs)} | set(placed)
    junk = [is_junk(fs) for fs in findings]
    picked = pick_headline(texts, junk, removed, doubtful, bylines(findings))
    if picked is None:
        return None
    action = picked.action
    if title and fuzz.token_set_ratio(fold(texts[picked.line]), fold(title)) < TITLE_MATCH:
        action = "review"
    for i in (picked.line, *picked.copies):
        findings[i].append(extract.headline_finding(texts[i], action))
    return picked.line


def _action(findings: list[Finding]) -> str:
    actions = {f.action for f in findings}
    if "remove" in actions:
        return "remove"
    return "review" if "review" in actions else "keep"


def _links(links: list[Link]) -> list[Link]:
    """One link per title, in order; a title seen with a URL keeps the URL."""
    by_title: dict[str, Link] = {}
    for link in links:
        key = " ".join(link.title.lower().split())
        if key not in by_title or (by_title[key].url is None and link.url):
            by_title[key] = link
    return list(by_title.values())


def _unique(items, *, key):
    seen = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def phrase_preview(rule: PhraseRule, texts: list[str]) -> dict[int, Finding]:
    """What one editor's rule would flag among these paragraphs, the guards applied.

    Raises RuleError for a rule the cleaner cannot use.
    """
    matcher = phrase_matcher(rule)
    shipped = RuleSet.shipped()
    found: dict[int, Finding] = {}
    for i, text in enumerate(texts):
        finding = matcher.finding(text)
        if finding is not None:
            found[i] = _guarded([finding], _guard(text, shipped))[0]
    return found


def alias_preview(alias: SourceAlias, texts: list[str]) -> dict[int, SourceMention]:
    """The paragraphs where this alias would name a source the shipped rules miss.

    Raises RuleError for an alias the cleaner cannot use.
    """
    shipped = RuleSet.shipped()
    extended = shipped.with_extra(aliases=[alias])
    key = " ".join(alias.alias.split()).lower()
    found: dict[int, SourceMention] = {}
    for i, text in enumerate(texts):
        if key not in text.lower():
            continue
        before = {m.name for m in extract.sources([text], shipped.sources)}
        for mention in extract.sources([text], extended.sources):
            if mention.name == alias.name and mention.name not in before:
                found[i] = mention
                break
    return found
