"""Precision and recall of the cleaner on the labelled corpus: ``make bench-cleaner``.

Each family's row counts paragraphs: labelled (the corpus says it is that family), flagged
(the cleaner found that family there) and the precision and recall that follow. "head",
"byline" and "link" are extraction; "style" paragraphs are real copy that needs a fix.
A second table shows what the cleaner did with each label's paragraphs (remove, review,
keep); "real" is unlabelled copy, which must never be removed.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.cleaning_corpus import load, score, table


def main() -> int:
    stories = load()
    result = score(stories)
    print(
        f"cleaning corpus: {len(stories)} stories, {sum(len(s.labels) for s in stories)} paragraphs"
    )
    print(table(result))
    for story, label, text in result.missed:
        print(f"missed [{label}] {story}: {text[:90]}")
    for story, text in result.real_removed:
        print(f"REAL PARAGRAPH REMOVED {story}: {text[:90]}")
    return 1 if result.real_removed else 0


if __name__ == "__main__":
    raise SystemExit(main())
