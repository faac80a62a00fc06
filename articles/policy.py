"""The comment moderation policy: for every new comment, a status and the reasons for it.

Pure decisions over plain data, the site's settings and a few facts the
caller looked up (is the commenter trusted, are they blocked), so the policy
can be read and tested on its own. Words are matched on normalised text:
case, accents, zero-width and bidirectional characters, look-alike digits
and letters spaced out with dots do not hide a banned word.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import timezone

from articles.models import Article, Comment, ModerationSettings

# Zero-width, joiners, bidi embeddings/overrides/isolates, BOM, soft hyphen and
# other "format" characters; C0/C1 controls except newline and tab.
_INVISIBLE = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e007f"
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_TOKEN = re.compile(r"[\w@$]+")
# Letters spaced out to dodge a filter: "c.a.s.i.n.o", "c a s i n o", "c-a-s-i-n-o".
_SPACED = re.compile(r"(?<!\w)(?:\w[ .\-_*·]){2,}\w(?!\w)")
_SPACERS = re.compile(r"[ .\-_*·]")
_LINK = re.compile(r"(?i)\b(?:https?://|www\.)\S+|<a\s")

HOLD_REASON_NEW = "new commenter (pre-moderation)"


def text_strip_invisible(text: str) -> str:
    """``text`` without invisible and direction-changing characters; line ends made ``\\n``."""
    return _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _deleet(match: re.Match) -> str:
    token = match.group(0)
    if any(ch.isalpha() for ch in token):
        return token.translate(_LEET)
    return token


def text_normalise(text: str) -> str:
    """The form words are matched on: NFKC, casefolded, unaccented, invisible characters gone."""
    text = unicodedata.normalize("NFKC", text_strip_invisible(text)).casefold()
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = _TOKEN.sub(_deleet, text)
    text = _SPACED.sub(lambda m: _SPACERS.sub("", m.group(0)), text)
    return " ".join(text.split())


@lru_cache(maxsize=32)
def _word_patterns(words: str) -> tuple[tuple[str, re.Pattern], ...]:
    patterns = []
    for line in words.splitlines():
        word = line.strip()
        normal = text_normalise(word)
        if normal:
            body = r"\s+".join(re.escape(part) for part in normal.split())
            patterns.append((word, re.compile(rf"(?<!\w){body}(?!\w)")))
    return tuple(patterns)


def words_find(words: str, normalised: str) -> list[str]:
    """The configured words (one per line, as the moderator wrote them) found whole in the text."""
    return [word for word, pattern in _word_patterns(words) if pattern.search(normalised)]


def link_count(text: str) -> int:
    return len(_LINK.findall(text))


def comments_closed_reason(*, article: Article, settings: ModerationSettings, now=None) -> str:
    """Why comments on ``article`` are closed, or an empty string when they are open."""
    if article.comment_mode == Article.CommentMode.CLOSED:
        return "Comments are closed on this article."
    start = article.first_published_at or article.published_at
    if settings.close_after_days and start is not None:
        closes = start + dt.timedelta(days=settings.close_after_days)
        if (now or timezone.now()) >= closes:
            return (
                f"Comments close {settings.close_after_days} days after an article is "
                "published, so this one no longer takes new comments."
            )
    return ""


def _machine_rules(body: str) -> list[str]:
    """The cleaner's ``chatbot.*`` rules that fire on ``body``.

    Not the paragraph classifier (``chatbot.learned``): it learned what an assistant leaves
    in a story, and a reader's comment speaks as "I" to "you" by nature.
    """
    try:
        from articles.cleaning import clean
    except ImportError:  # the cleaner is optional for comments; no rules without it
        return []
    result = clean(body, format="text")
    return sorted(
        {
            finding.rule
            for paragraph in result.paragraphs
            for finding in paragraph.findings
            if finding.rule.startswith("chatbot.") and not finding.rule.endswith(".learned")
        }
    )


@dataclass(frozen=True)
class CommentFacts:
    """What the policy needs to know about a new comment and who sent it."""

    body: str
    author_name: str
    author_url: str
    honeypot: str
    form_age_seconds: float
    is_trusted: bool  # proved by the token of an earlier approved comment
    blocked: tuple[str, ...] = ()  # "email", "ip"
    flood: tuple[str, ...] = ()  # why the flood limits hold it


@dataclass
class Decision:
    status: str
    reasons: list[str] = field(default_factory=list)


class CommentPolicy:
    """Decides approve, hold (pending) or spam for one new comment, and says why.

    Spam beats hold beats approve; every reason found is recorded, not only
    the one that decided, so a moderator sees the whole picture.
    """

    def decide(
        self, facts: CommentFacts, *, article: Article, settings: ModerationSettings
    ) -> Decision:
        spam = self._spam_reasons(facts, settings)
        hold = self._hold_reasons(facts, settings)
        premoderation = self._premoderation_reason(facts, article, settings)
        if spam:
            return Decision(Comment.Status.SPAM, spam + hold)
        if hold:
            return Decision(
                Comment.Status.PENDING, hold + ([premoderation] if premoderation else [])
            )
        if premoderation:
            return Decision(Comment.Status.PENDING, [premoderation])
        return Decision(Comment.Status.APPROVED, [self._approval_reason(facts, article)])

    def _spam_reasons(self, facts: CommentFacts, settings: ModerationSettings) -> list[str]:
        reasons = [f"blocked {kind}" for kind in facts.blocked]
        if facts.honeypot:
            reasons.append("honeypot field filled in")
        text = text_normalise(f"{facts.author_name}\n{facts.body}")
        reasons += [f"banned word: {word}" for word in words_find(settings.banned_words, text)]
        return reasons

    def _hold_reasons(self, facts: CommentFacts, settings: ModerationSettings) -> list[str]:
        reasons = list(facts.flood)
        links = link_count(facts.body)
        if settings.max_links and links >= settings.max_links:
            reasons.append(f"{links} links (holding at {settings.max_links})")
        text = text_normalise(f"{facts.author_name}\n{facts.body}")
        reasons += [f"suspect word: {word}" for word in words_find(settings.suspect_words, text)]
        if facts.form_age_seconds < settings.min_seconds_to_submit:
            reasons.append(f"form sent {facts.form_age_seconds:.0f} s after it was shown")
        reasons += [f"looks machine-written: {rule}" for rule in _machine_rules(facts.body)]
        return reasons

    def _premoderation_reason(
        self, facts: CommentFacts, article: Article, settings: ModerationSettings
    ) -> str:
        mode = article.comment_mode
        if mode == Article.CommentMode.PRE:
            return "this article holds every comment"
        if mode == Article.CommentMode.POST:
            return ""
        if settings.premoderate_all:
            return "the site holds every comment"
        if settings.premoderate_new_commenters and not facts.is_trusted:
            return HOLD_REASON_NEW
        return ""

    def _approval_reason(self, facts: CommentFacts, article: Article) -> str:
        if article.comment_mode == Article.CommentMode.POST:
            return "post-moderated article"
        if facts.is_trusted:
            return "trusted commenter (token of an earlier approved comment)"
        return "pre-moderation off"
