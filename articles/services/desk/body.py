"""How the editors' decisions on findings become the article's body.

The imported paragraphs (``Article.source_paragraphs``) never change. Each
one's place in the body follows from its findings:

- an open or accepted ``remove`` finding leaves the paragraph out (open means
  the cleaner proposes it); a rejected one puts it back where it was;
- an accepted ``review`` finding leaves it out, unless its rule is a
  ``style.`` rule, which is only acknowledged; an open one keeps it in, as
  doubt stays until an editor decides;
- an accepted ``fix`` finding swaps the paragraph's text for its replacement.

Editors may also have changed the body by hand since the import. A decision
is therefore applied as a difference: the paragraph states before and after
the decision are compared, and only the paragraphs that changed state are
touched. While the body still is exactly what the decisions produced, it is
rebuilt from scratch. Otherwise each changed paragraph is looked for by its
exact text (the occurrence nearest its expected place, so repeated
paragraphs resolve in order): a dropped one is taken out, a fixed one
replaced, a restored one put back after the nearest earlier paragraph still
in the body (unless the editor already put it back by hand). A paragraph
the editor rewrote cannot be found, so the decision
leaves the editor's text alone: an edit is never lost to a decision.
"""

from collections import defaultdict
from collections.abc import Iterable

from articles.body import body_paragraphs
from articles.models import Finding

# One entry per imported paragraph: its text in the body, or None when left out.
States = list[str | None]


def paragraph_text(item) -> str:
    """An imported paragraph's text, stored either as a string or as a ``{"text": ...}`` dict."""
    if isinstance(item, dict):
        return str(item.get("text", ""))
    return str(item)


def _drops(finding: Finding) -> bool:
    if finding.action == Finding.Action.REMOVE:
        return finding.decision != Finding.Decision.REJECTED
    if finding.action == Finding.Action.REVIEW:
        return finding.decision == Finding.Decision.ACCEPTED and not finding.rule.startswith(
            "style."
        )
    return False


def paragraph_states(paragraphs: list, findings: Iterable[Finding]) -> States:
    """Each imported paragraph's text in the body after the given decisions, or None."""
    by_index = defaultdict(list)
    for finding in findings:
        by_index[finding.paragraph_index].append(finding)
    states: States = []
    for index, item in enumerate(paragraphs):
        own = sorted(by_index.get(index, ()), key=lambda f: f.pk or 0)
        if any(_drops(f) for f in own):
            states.append(None)
            continue
        text = paragraph_text(item).strip()
        for finding in own:
            accepted = finding.decision == Finding.Decision.ACCEPTED
            if finding.action == Finding.Action.FIX and accepted and finding.replacement.strip():
                text = finding.replacement.strip()
        states.append(text or None)
    return states


def body_compose(states: States) -> str:
    return "\n\n".join(text for text in states if text)


def _locate(paragraphs: list[str], text: str, expected: int) -> int | None:
    found = [k for k, paragraph in enumerate(paragraphs) if paragraph == text]
    if not found:
        return None
    return min(found, key=lambda k: abs(k - expected))


def _insert_at(paragraphs: list[str], before: States, after: States, index: int) -> int:
    # Paragraphs before ``index`` are already in their new state, later ones still old.
    for j in range(index - 1, -1, -1):
        if after[j] and (k := _locate(paragraphs, after[j], j)) is not None:
            return k + 1
    for j in range(index + 1, len(before)):
        if before[j] and (k := _locate(paragraphs, before[j], j)) is not None:
            return k
    return len(paragraphs)


def body_apply(body: str, before: States, after: States) -> str:
    """The body once the paragraphs that went from ``before`` to ``after`` are applied."""
    if body_paragraphs(body) == [text for text in before if text]:
        return body_compose(after)
    paragraphs = body_paragraphs(body)
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        if old == new:
            continue
        expected = sum(1 for text in after[:index] if text)
        if old is not None:
            position = _locate(paragraphs, old, expected)
            if position is None:
                continue  # rewritten by hand: the editor's text wins
            if new is None:
                del paragraphs[position]
            else:
                paragraphs[position] = new
        elif paragraphs.count(new) < sum(1 for text in after if text == new):
            paragraphs.insert(_insert_at(paragraphs, before, after, index), new)
    return "\n\n".join(paragraphs)
