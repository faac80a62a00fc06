"""chatbot.*: what an AI assistant left in the copy it was asked to write or rewrite."""

from __future__ import annotations

import re

from .result import Finding

_I = re.IGNORECASE

_TEXT_NOUN = (
    r"(?:text|article|content|passage|story|piece|paragraph|essay|post|blog post|copy|draft|"
    r"summary|news article|news story|report|write-?up|request|input|version|task|prompt|rewrite|"
    r"information|document|headline|lede|feature)"
)
_TASK_VERB = (
    r"(?:re-?write|paraphrase|rephrase|reword|summari[sz]e|spin|rework|revise|edit|generate|"
    r"create|write|complete|fulfil+|assist|help|provide|process|comply|continue|translate|access|browse)"
)
_CANT = (
    r"(?:can(?:no|')t|cannot|am unable|'m unable|am not able|'m not able|won't be able|will not be able|"
    r"do not have|don't have|am not allowed|'m not allowed|could(?:n't| not)|was(?:n't| not) able|"
    r"was unable|can only|am only able|'m only able|have no)"
)
_SORRY = r"(?:i'?m sorry|i am sorry|i apologi[sz]e|sorry|my apologies|apologies|unfortunately|i'?m afraid|i am afraid|regrettably)"
_MADE = (
    r"(?:re-?written|paraphrased|revised|rephrased|reworded|updated|edited|summari[sz]ed|created|written|"
    r"prepared|generated|drafted|composed|produced|put together|tightened|shortened|expanded|polished|optimi[sz]ed|"
    r"corrected|amended|fixed)"
)
_YOUR_INPUT = (
    r"\bbased on (?:the|your|this) (?:\w+ ){0,2}(?:notes|details|information|bullet points|facts|data|points|"
    r"text|outline|prompt|brief|summary)\b"
)

_REFUSAL = [
    re.compile(rf"^{_SORRY}\b.{{0,100}}\bi\s*{_CANT}", _I),
    re.compile(rf"^i\s*{_CANT}\s+(?:to\s+)?{_TASK_VERB}\b", _I),
    re.compile(
        rf"^{_SORRY}\b.{{0,60}}\b(?:my (?:previous|last|earlier) (?:response|answer|reply|message|version)|(?:confusion|oversight|error|mistake) in my)",
        _I,
    ),
    re.compile(
        rf"^{_SORRY}\b.{{0,160}}\b(?:the (?:given|provided|original|above|following|source) {_TEXT_NOUN}|could you (?:please )?(?:provide|share|clarify|send|paste)|please (?:provide|paste|share|send))",
        _I,
    ),
    re.compile(
        rf"\bcould you (?:please )?(?:provide|share|paste|send) (?:me )?(?:the|more|a|some|additional) .{{0,40}}{_TEXT_NOUN}",
        _I,
    ),
    re.compile(
        rf"\bplease (?:provide|paste|share|send|give me)\b.{{0,40}}\b{_TEXT_NOUN}\b.{{0,60}}\bi(?:'ll| will| can| would)\b",
        _I,
    ),
    re.compile(
        r"\bthe (?:given|provided|source|original) (?:text|article|content|passage) (?:seems|appears|is) (?:to be )?(?:incomplete|missing|unclear|empty|cut off|truncated)",
        _I,
    ),
]
_PREAMBLE = [
    re.compile(
        r"^(?:certainly|sure(?: thing)?|absolutely|of course|great|okay|ok|alright|happy to help|no problem|"
        r"here you go|here you are|(?:great|good|excellent) question|(?:great|good) idea|understood|got it)"
        r"\s*[!,.:]+\s*(?:here|below|i\b|i'?ve|i'?d|i have|i can|let'?s|this is|the following|$)",
        _I,
    ),
    re.compile(
        rf"^(?:here(?:'s| is| are)|below (?:is|are)|the following is|what follows is)\s+(?:the|a|an|your|my)\s+(?:\w+[- ]?){{0,4}}?(?:{_MADE}|improved|unique|plagiarism[- ]free|seo[- ]?(?:optimi[sz]ed|friendly)|human[- ]?like|new|final)\b.{{0,60}}{_TEXT_NOUN}",
        _I,
    ),
    re.compile(
        rf"^(?:here(?:'s| is)|below is)\s+(?:the|a|an|your)\s+(?:[\w-]+ ){{0,3}}{_TEXT_NOUN}\b.{{0,80}}(?:{_MADE}|as requested|you requested|you asked for|in (?:a|an|the) (?:[\w-]+ ){{0,3}}(?:style|tone|voice)|with (?:a|the) |:$)",
        _I,
    ),
    re.compile(
        rf"^(?:here(?:'s| is| are)|below (?:is|are)|i(?:'ve| have) {_MADE})\b.{{0,80}}{_YOUR_INPUT}",
        _I,
    ),
    re.compile(rf"^here(?:'s| is) (?:the|your|a) (?:[\w-]+ ){{0,2}}{_TEXT_NOUN}\s*:?$", _I),
    re.compile(rf"^i(?:'ve| have)\s+{_MADE}\s+(?:the|a|an|your|this)\b.{{0,60}}{_TEXT_NOUN}", _I),
    re.compile(
        r"^(?:sure|certainly|of course)[,!]?\s+i(?:'d| would| can| will)\s+(?:be happy|be glad|love) to\b",
        _I,
    ),
]
_CLOSING = [
    re.compile(
        r"^i (?:hope|trust)\b.{0,60}\b(?:helps?|helpful|meets?|useful|works?|suits?|is what you|satisf|informative|engaging|enjoy|fits?|right|your (?:needs|purposes|requirements|publication|website|readers))",
        _I,
    ),
    re.compile(
        r"^(?:please )?(?:let me know|feel free to|don'?t hesitate to|do not hesitate to)\b.{0,80}\b(?:if you|any (?:further|other|more)|changes|adjustments|revisions|modifications|questions|help|assist|edits|tweaks|version|me)",
        _I,
    ),
    re.compile(
        r"^(?:if|should) you (?:need|have|would like|want|'d like|require|prefer)\b.{0,60}\b(?:further|more|other|additional|any|different|changes|edits)\b.{0,100}(?:let me know|feel free|happy to|just ask|i can|i'd be|hesitate|ask)",
        _I,
    ),
    re.compile(r"^(?:is there )?anything else (?:i can|you'?d like|you would like)\b", _I),
    re.compile(r"^would you like me to\b", _I),
    re.compile(
        r"^(?:note:\s*)?(?:this|the above|the) (?:article|text|content|story|piece|version) (?:has been|was|is) (?:re-?written|paraphrased|revised|reworded|optimi[sz]ed|generated|written)\b",
        _I,
    ),
    re.compile(
        r"^in (?:this|the) (?:re-?written|revised|paraphrased|updated|new|edited) (?:version|article|text|draft)\b",
        _I,
    ),
    re.compile(
        r"^i(?:'ve| have)\b.{0,60}\b(?:kept (?:all )?the (?:key|main|important)|improved (?:the )?(?:readability|flow|clarity|structure)|made (?:it|the (?:article|text)) (?:more|less)|avoided (?:any )?(?:biased|loaded|emotive))",
        _I,
    ),
    re.compile(r"^(?:happy|glad) to (?:help|assist)\b", _I),
    re.compile(
        r"^[\W_]*(?:end of (?:the )?(?:article|text|story|rewrite|response|report)|\[?end\]?)[\W_]*$",
        _I,
    ),
]
_AI = re.compile(
    r"\bas an? (?:ai|artificial intelligence)(?: language model| model| assistant| chatbot)?\b|\bas a (?:large )?language model\b"
    r"|\bi(?:'m| am) (?:just )?an? (?:ai|artificial intelligence|language model)\b"
    r"|\bi do(?:n't| not) have (?:personal )?(?:opinions|feelings|emotions|beliefs|access to real-time)"
    r"|^(?:note|disclaimer|please note)\s*:.{0,200}\b(?:placeholders?|should be verified|fictional|hypothetical|for illustrative purposes|fabricated|ai[- ]generated)",
    _I,
)
_CUTOFF = re.compile(
    r"\b(?:as of|since|after) my (?:last )?(?:knowledge )?(?:cut-?off|training|update)|\bmy (?:knowledge|training data)(?: cut-?off)?\b.{0,40}\b(?:cut-?off|up to|until|extends)|\bknowledge cut-?off\b",
    _I,
)
_REGENERATE = re.compile(
    r"^(?:regenerate(?: response)?|stop generating|copy code|new chat|chatgpt can make mistakes.*|\d+ ?/ ?\d+ regenerate.*)$",
    _I,
)
_PLACEHOLDER = re.compile(
    r"\[\[[^\]]{1,40}\]\]|\{\{[^}]{1,40}\}\}|\[(?:insert|task|your|add|enter|name of|company|keyword|link|url|date|city|team|product|brand|source|image|photo|quote)\b[^\]]{0,40}\]|<(?:insert|your|add)\b[^>]{0,40}>",
    _I,
)
_WORD_COUNT = re.compile(
    r"^[\[(]?\s*(?:total\s+)?(?:word count|words?|characters?)\s*[:\-]\s*(?:approx(?:imately|\.)?|about|around|roughly|~)?\s*\d[\d,]*(?:\s*words?)?\s*[\])]?\.?$"
    r"|^[\[(]?\s*(?:approx(?:imately|\.)?|about|around|roughly|~)?\s*\d[\d,]*\s+words[\])]?\.?$",
    _I,
)
_TITLE = re.compile(
    r"^(?:title|headline|article title|seo title|meta title|meta description|subtitle|sub-?heading|h[1-3]|slug|focus keyword|keywords?)\s*:\s*(.*)$",
    _I,
)
_CITATION = re.compile(
    r"\u3010[^\u3011]{0,40}\u3011|:?contentReference\[oaicite:\d+\]\{index=\d+\}|\[oaicite:\d+\]|\bturn\d+(?:search|news|view)\d+\b|\(\s*citation needed\s*\)|\[citation needed\]|\[source\]",
    _I,
)

_MESSAGES = {
    "chatbot.refusal": "An assistant's refusal or apology, not part of the story",
    "chatbot.preamble": "An assistant's preamble ('Here is the rewritten article')",
    "chatbot.closing": "An assistant's closing offer ('I hope this helps')",
    "chatbot.ai_disclaimer": "An assistant's 'As an AI language model' disclaimer",
    "chatbot.cutoff": "An assistant's note about its knowledge cutoff",
    "chatbot.regenerate": "Chat interface text ('Regenerate response')",
    "chatbot.placeholder": "A template placeholder was never filled in",
    "chatbot.word_count": "A word count left by the writing tool",
    "chatbot.title_label": "A 'Title:' label left by the writing tool",
    "chatbot.citation_markup": "Citation markup leaked from an assistant",
}


def _finding(rule: str, action: str, evidence: str, replacement: str = "") -> Finding:
    return Finding(
        rule=rule,
        message=_MESSAGES[rule],
        action=action,
        evidence=evidence[:200],
        replacement=replacement,
    )


def _first(patterns: list[re.Pattern], text: str) -> re.Match | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


# A story about chatbots names them in the third person; a leaked reply speaks as "I".
_CHATBOT_NEWS = re.compile(
    r"\b(?:chatgpt|gpt-?\d\w*|openai|gemini|copilot|bard|claude|chatbots?|(?:the|its|their|an|a) "
    r"(?:bot|assistant|ai (?:assistant|tool|system|model)|language model|software|tool)(?:'s)?)\b",
    _I,
)


def reports_on_chatbots(text: str) -> bool:
    """The paragraph names a chatbot as a third party: it may be news about one."""
    return bool(_CHATBOT_NEWS.search(text))


def title_label(text: str) -> str | None:
    """The headline a 'Title: ...' label carries, or None."""
    match = _TITLE.match(text)
    return match.group(1).strip(" *\"'\u201c\u201d") if match else None


# Words without which a family cannot match: most paragraphs skip its patterns.
_GATES = {
    "chatbot.refusal": re.compile(
        r"\b(?:i|i'm|i\u2019m|could you|please|given|provided|source|original|sorry|apologi\w*|unfortunately|afraid|regrettably)\b",
        _I,
    ),
    "chatbot.preamble": re.compile(
        r"^\W*(?:certainly|sure|absolutely|of course|great|good|excellent|okay|ok|alright|happy|no problem|here|below|the following|what follows|i|i've|i\u2019ve|understood|got it)\b",
        _I,
    ),
    "chatbot.closing": re.compile(
        r"^\W*(?:i|please|let|feel|don|do|if|should|is|anything|would|note|this|the|in|happy|glad|end|\[?end)\b",
        _I,
    ),
    "chatbot.ai_disclaimer": re.compile(
        r"\b(?:ai|artificial|language model|i don|i do not|note|disclaimer|please note)\b", _I
    ),
    "chatbot.cutoff": re.compile(r"\b(?:my|knowledge)\b", _I),
}


def check(text: str) -> list[Finding]:
    """Findings for one paragraph. Whole-paragraph leftovers are remove; mixed with copy, review."""
    findings: list[Finding] = []
    short = len(text) <= 400
    original, text = text, text.replace("\u2019", "'").replace("\u2018", "'")
    for rule, patterns in (
        ("chatbot.refusal", _REFUSAL),
        ("chatbot.preamble", _PREAMBLE),
        ("chatbot.closing", _CLOSING),
    ):
        match = _GATES[rule].search(text) and _first(patterns, text)
        if match:
            findings.append(_finding(rule, "remove" if short else "review", match.group(0)))
    for rule, pattern in (("chatbot.ai_disclaimer", _AI), ("chatbot.cutoff", _CUTOFF)):
        match = _GATES[rule].search(text) and pattern.search(text)
        if match:
            findings.append(_finding(rule, "remove" if short else "review", match.group(0)))
    if _REGENERATE.match(text):
        findings.append(_finding("chatbot.regenerate", "remove", text))
    match = _PLACEHOLDER.search(text)
    if match:
        rest = _PLACEHOLDER.sub("", text).strip(" .:-,")
        findings.append(
            _finding(
                "chatbot.placeholder",
                "remove" if len(rest.split()) <= 3 else "review",
                match.group(0),
            )
        )
    if _WORD_COUNT.match(text):
        findings.append(_finding("chatbot.word_count", "remove", text))
    label = _TITLE.match(text)
    if label and len(text) <= 250:
        findings.append(_finding("chatbot.title_label", "remove", text))
    match = _CITATION.search(text)
    if match:
        stripped = " ".join(_CITATION.sub("", original).split())
        stripped = re.sub(r"\s+([.,;:!?])", r"\1", stripped)
        if stripped.strip(" .,;:"):
            findings.append(_finding("chatbot.citation_markup", "fix", match.group(0), stripped))
        else:
            findings.append(_finding("chatbot.citation_markup", "remove", match.group(0)))
    return findings
