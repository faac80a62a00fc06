"""chrome.*: the page furniture a scraper drags along with the story.

Every pattern must match the whole paragraph: a sentence that merely mentions comments,
shares or cookies is copy, not chrome.
"""

from __future__ import annotations

import re

from .result import BylineName, Finding

_I = re.IGNORECASE
_SOCIAL = r"(?:facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|email|e-mail|print|tumblr|messenger|threads|bluesky|mastodon|flipboard|pocket|copy link|sms|mail)"

_RULES: dict[str, list[str]] = {
    "chrome.author_box": [
        r"avatar photo",
        r"(?:author )?avatar",
        r"about the author",
        r"view all posts by .{2,60}",
        r"(?:see |view )?(?:all |more )?(?:articles|posts|stories) by .{2,60}",
        r"more from (?:this|the) author",
        r"author:\s*[\w .'-]{2,60}",
        r"(?:senior |staff |contributing )?(?:writer|reporter|editor|correspondent) at .{2,60}",
    ],
    "chrome.comment_form": [
        r"leave a (?:reply|comment)",
        r"leave a reply to .{1,60}",
        r"cancel reply",
        r"post (?:a )?comment",
        r"submit comment",
        r"add (?:a )?comment",
        r"your email address will not be published\.?.*",
        r"required fields are marked \*?\.?",
        r"(?:name|email|e-mail|website|comment|url)\s*\*",
        r"save my name,? email,? and website in this browser for the next time i comment\.?",
        r"you must be (?:logged|signed) in to post a comment\.?",
        r"comments are closed\.?",
        r"(?:\d+|no) (?:comments?|responses?|replies)(?: so far)?",
        r"(?:comments?|responses?|replies)\s*[(\[]\d+[)\]]",
        r"join the (?:discussion|conversation)",
        r"(?:log|sign) in to (?:comment|reply)",
        r"notify me of (?:follow-up comments|new posts).*",
        r"this site uses akismet to reduce spam\..*",
        r"be the first to comment\.?",
        r"reply",
    ],
    "chrome.share": [
        rf"(?:share|tweet|pin|email|print)(?: this)?(?: (?:article|story|post|page))?:?(?:[\s,|/\u00b7\u2022]*{_SOCIAL})*",
        rf"share (?:on|via|to) {_SOCIAL}.*",
        r"click to (?:share|email|print) .{0,60}",
        r"like this:?",
        r"like loading\.{0,3}",
        r"be the first to like this\.?",
        rf"(?:{_SOCIAL}|share|tweet|pin|like|follow)(?:[\s,|/\u00b7\u2022]+(?:{_SOCIAL}|share|tweet|pin|like|follow))+",
        r"(?:share|shares|likes|tweets):?\s*\d[\d,.]*k?",
        _SOCIAL,
    ],
    "chrome.newsletter": [
        r"(?:sign up|subscribe|register) (?:for|to)\b.{0,50}(?:newsletter|updates|alerts|bulletin|digest|briefing).*",
        r"subscribe(?: now| today| here)?[.!]?",
        r"get (?:the latest|our|breaking).{0,60}(?:inbox|newsletter)[.!]?",
        rf"follow us on (?:{_SOCIAL}|instagram|youtube|tiktok|google news).*",
        r"enter your e-?mail(?: address)?.{0,40}",
        r"(?:don't|never) miss (?:out|a|an|another)\b.{0,80}",
        r"(?:join|sign up)(?: now| today)?(?: for free)?[.!]?",
        r"thank you for subscribing[.!]?",
    ],
    "chrome.navigation": [
        r"(?:«|<|←)?\s*(?:previous|next|prev|older|newer) (?:post|article|story|entry|page)s?\s*(?:»|>|→)?(?::.{0,120})?",
        r"(?:back to top|skip to (?:main )?content|go to top|return to top)",
        r"home\s*(?:»|>|/|\u203a)\s*.{0,100}",
        r"(?:related(?: (?:posts|articles|stories|news|content|coverage))?|you (?:may|might) also like|more stories|trending(?: now)?|recommended(?: for you)?|most (?:read|popular)|latest news|read next|up next|more on this story)[:.]?",
        r"(?:continue reading|read the full (?:story|article))(?: \.{3}|…)?",
        r"menu",
        r"(?:photo |picture |video )?gallery:?(?:\s*\(?\d+ (?:photos|images|pictures|videos)\)?)?",
        r"home",
        r"(?:read|see|view|show)? ?more(?: [\w-]+){0,2}",
        r"search(?: for)?:?",
        r"(?:load|show) more",
    ],
    "chrome.taxonomy": [
        r"(?:tags?|tagged(?: with)?|categor(?:y|ies)|filed under|posted in|topics?|sections?|labels?)\s*[:\-]\s*.{0,200}",
        r"(?:#[\w-]+[\s,]*){2,}",
        r"(?:posted|filed) (?:in|under):?\s+(?-i:[A-Z][\w&-]*(?:,? (?:and |& )?[A-Z][\w&-]*)*)",
    ],
    "chrome.copyright": [
        r"(?:©|\(c\)|copyright\s*©|copyright\s+\d{4}).{0,200}",
        r".{0,80}all rights reserved\.?",
        r"(?:proudly )?powered by \S+(?: \S+){0,3}",
        r"(?:\S+ ){0,4}theme by \S+(?: \S+){0,3}",
        r"this (?:material|article) may not be (?:published|reproduced).{0,120}",
    ],
    "chrome.cookie": [
        r"(?:we|this (?:site|website)) uses? cookies.{0,300}",
        r"(?:accept|reject|allow|manage)(?: all)? cookies.{0,40}",
        r"cookie (?:policy|settings|preferences|consent)\.?",
        r"by (?:continuing to (?:use|browse)|using) this (?:site|website).{0,200}",
        r"cookies help us .{0,200}(?:use of cookies|cookie policy)\.?",
    ],
    "chrome.advert": [
        r"(?:advertisement|advertising|ad|sponsored(?: content)?|paid content|promoted(?: content)?|partner content)[.:]?",
        r"(?:story|article) continues below(?: (?:advertisement|ad))?\.?",
        r"scroll (?:down )?to continue(?: with content| reading)?\.?",
        r"continue reading below\.?",
        r"\(?ad\)?",
    ],
    "chrome.counts": [
        r"(?:articles|posts|views|reads|comments|shares|likes):\s*\d[\d,.]*k?",
        r"\d[\d,.]*k?\s+(?:views|reads|shares|likes|comments)",
        r"\d+\s+min(?:ute)?s?\s+read",
        r"(?:reading time|read time):?\s*\d+\s*min(?:ute)?s?",
        r"(?:views|comments|shares)\s*\d[\d,.]*k?",
    ],
}

_MESSAGES = {
    "chrome.author_box": "The site's author box, not part of the story",
    "chrome.comment_form": "The page's comment form",
    "chrome.share": "Share or like buttons",
    "chrome.newsletter": "A newsletter or follow prompt",
    "chrome.navigation": "Site navigation",
    "chrome.taxonomy": "A tag or category line",
    "chrome.copyright": "A copyright or 'Powered by' line",
    "chrome.cookie": "A cookie notice",
    "chrome.advert": "An advertisement marker",
    "chrome.counts": "A view, comment or article count",
}

_COMPILED = [
    (rule, re.compile("|".join(f"(?:{p})" for p in patterns), _I))
    for rule, patterns in _RULES.items()
]
_NAME = re.compile(
    r"^(?:[A-Z][\w.'-]*)(?: (?:[A-Z][\w.'-]*|de|van|von|al|bin|la|le|du))*(?: (?:Staff|Desk|Team|Reporters?|Newsroom))?$"
)
_STAFF = re.compile(r"\b(?:staff|desk|team|newsroom|reporters|editors|editorial)\b", _I)
_BOX_MARK = re.compile(
    r"^(?:avatar photo|(?:author )?avatar|about the author|articles:\s*\d[\d,.]*)$", _I
)
MAX_WORDS = 25


def finding(rule: str, evidence: str, action: str = "remove") -> Finding:
    return Finding(rule=rule, message=_MESSAGES[rule], action=action, evidence=evidence[:200])


def check(text: str) -> list[Finding]:
    """The chrome rule that the whole paragraph matches, if any."""
    if len(text.split()) > MAX_WORDS and not text.lower().startswith(
        ("we use cookies", "this website uses", "by continuing")
    ):
        return []
    stripped = text.replace("\u2019", "'").strip(
        " |\u00b7\u2022-\u2013\u2014\u2191\u2193\u2190\u2192\u25b2\u25bc^"
    )
    for rule, pattern in _COMPILED:
        if pattern.fullmatch(stripped):
            return [finding(rule, text)]
    return []


def name_kind(name: str) -> str:
    from .extract import WIRE_NAMES

    if name.lower() in WIRE_NAMES:
        return "wire"
    return "staff" if _STAFF.search(name) else "person"


def author_boxes(texts: list[str], taken: set[int]) -> tuple[dict[int, Finding], list[BylineName]]:
    """Author boxes spread over lines: 'Avatar photo' / a name / 'Articles: 7166'.

    A bare name counts as chrome only when it sits right beside a box marker and no other
    rule (``taken``) has claimed that line.
    """
    found: dict[int, Finding] = {}
    names: list[BylineName] = []
    for i, text in enumerate(texts):
        if not _BOX_MARK.match(text):
            continue
        found[i] = finding("chrome.author_box", text)
        for j in (i - 1, i + 1):
            if (
                0 <= j < len(texts)
                and j not in found
                and j not in taken
                and _NAME.match(texts[j])
                and len(texts[j].split()) <= 5
                and not _BOX_MARK.match(texts[j])
            ):
                found[j] = finding("chrome.author_box", texts[j])
                if all(n.name != texts[j] for n in names):
                    names.append(BylineName(name=texts[j], kind=name_kind(texts[j])))
    return found, names
