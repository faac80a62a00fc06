"""A story as an import leaves it, built without the importer: paragraphs, findings, byline."""

from articles.models import Article, Finding
from articles.services.desk.body import body_compose, paragraph_states
from tests.factories import ArticleFactory, BylineFactory

PARAGRAPHS = [
    "Saltmere's harbour wall will be rebuilt before next winter, the council decided on Tuesday.",
    "Sure! Here is a rewritten version of your article about the harbour wall:",
    "Councillor Mena Avery said the vote ended two years of argument about the cost.",
    "Share this story on your favourite network.",
    "The work is expected to cost 4.2m pounds, most of it from a coastal grant.",
    "The work is expected to cost 4.2m pounds, most of it from a coastal grant.",
    "Fishermen on the quay said they welcomed the news , though the slipway will close.",
]

FINDINGS = [
    # (paragraph, rule, action, replacement)
    (1, "chatbot.preamble", Finding.Action.REMOVE, ""),
    (3, "chrome.share", Finding.Action.REMOVE, ""),
    (5, "dup.exact", Finding.Action.REMOVE, ""),
    (2, "chatbot.tone", Finding.Action.REVIEW, ""),
    (6, "style.spacing", Finding.Action.REVIEW, ""),
    (
        6,
        "style.punctuation",
        Finding.Action.FIX,
        "Fishermen on the quay said they welcomed the news, though the slipway will close.",
    ),
]


def imported_story(*, byline: bool = True, **kwargs) -> Article:
    """A draft whose body is what the cleaner proposes, every finding still open."""
    article = ArticleFactory(source_paragraphs=[{"text": p} for p in PARAGRAPHS], **kwargs)
    findings = [
        Finding(
            article=article,
            paragraph_index=index,
            rule=rule,
            action=action,
            replacement=replacement,
            message=f"The cleaner's note on {rule}.",
            evidence=PARAGRAPHS[index][:40],
        )
        for index, rule, action, replacement in FINDINGS
    ]
    Finding.objects.bulk_create(findings)
    article.body = body_compose(paragraph_states(article.source_paragraphs, findings))
    article.save()
    if byline:
        BylineFactory(article=article, position=0)
    return article
