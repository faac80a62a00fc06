"""What the cleaner returns. Plain dataclasses: no Django here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Action = Literal["keep", "remove", "review"]
Suggestion = Literal["remove", "review", "fix"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on one paragraph."""

    rule: str  # stable code, e.g. "chatbot.refusal", "chrome.comment_form", "dup.near"
    message: str  # what an editor reads
    action: Suggestion
    evidence: str = ""  # the words that triggered the rule
    replacement: str = ""  # for action == "fix": the suggested text of the whole paragraph


@dataclass(slots=True)
class Paragraph:
    text: str
    action: Action = "keep"
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BylineName:
    name: str
    kind: Literal["person", "staff", "wire"] = "person"


@dataclass(frozen=True, slots=True)
class SourceMention:
    name: str  # normalised: "The Associated Press", never "AP"
    kind: Literal["wire", "outlet", "broadcaster", "official", "document", "person", "other"]
    evidence: str  # the sentence that attributes to it


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str | None = None


@dataclass(slots=True)
class CleanResult:
    headline: str | None
    byline: list[BylineName]
    paragraphs: list[Paragraph]
    sources: list[SourceMention]
    related_links: list[Link]
    format: Literal["text", "html"] = "text"
    published: str | None = None  # ISO date from the page's metadata, when it had one
    original_url: str | None = None  # an HTML page's canonical address
    outlet: str | None = None  # the name the page gives its publication

    @property
    def body(self) -> str:
        """Every paragraph not removed: doubt (review) stays in until an editor decides."""
        return "\n\n".join(p.text for p in self.paragraphs if p.action != "remove")

    def as_json(self) -> dict:
        """The shape ``clean_text --json`` prints (see DESIGN.md)."""
        return {
            "headline": self.headline,
            "byline": [b.name for b in self.byline],
            "paragraphs": [
                {
                    "text": p.text,
                    "action": p.action,
                    "findings": [{"rule": f.rule, "message": f.message} for f in p.findings],
                }
                for p in self.paragraphs
            ],
            "sources": [asdict(s) for s in self.sources],
            "related_links": [asdict(link) for link in self.related_links],
            "body": self.body,
        }
