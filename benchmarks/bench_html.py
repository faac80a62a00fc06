"""How well the cleaner finds a page's story text: ``make bench-html``.

Runs over the 181 pages of the Zyte article extraction benchmark
(``../shared/corpus/zyte-article-extraction/``, or ``--corpus``) and scores
with that benchmark's own metric (``evaluate.py`` of
scrapinghub/article-extraction-benchmark): tokens are ``\\w+`` runs, each
page's text becomes 4-token shingles (a page with fewer tokens is one
shingle of all of them), true/false positives and negatives are counted per
shingle and normalised per page, precision and recall are averaged over the
pages where they are defined, and F1 comes from those two averages.

Two extractors in the same run: plain trafilatura as the benchmark ran it
(``trafilatura.extract(html, include_comments=False)``) and Newsroom's
``clean(html, format="html").body`` (trafilatura with precision favoured,
then the paragraph rules). Prints F1, precision, recall and seconds.
"""

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from articles.cleaning import clean  # noqa: E402
from articles.cleaning.inputs import CleaningInputError  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "zyte-article-extraction"
SHINGLE = 4
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)) if tokens
    )


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle matches for one page, normalised so long pages weigh no more than short ones."""
    want, got = shingles(true), shingles(pred)
    tp = fp = fn = 0
    for key in want.keys() | got.keys():
        t, p = want.get(key, 0), got.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return {"f1": 2 * p * r / (p + r), "precision": p, "recall": r}


def _page_sum(counts: tuple[float, float, float]) -> float:
    return precision(*counts) + recall(*counts)


def plain_trafilatura(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


def newsroom(html: str) -> str:
    try:
        return clean(html, format="html").body
    except CleaningInputError:
        return ""


def run(name: str, extractor: Callable[[str], str], pages: dict, truth: dict) -> dict:
    started = time.perf_counter()
    predicted = {key: extractor(html) for key, html in pages.items()}
    seconds = time.perf_counter() - started
    counts = [tp_fp_fn(truth[key].get("articleBody", ""), predicted[key]) for key in truth]
    metrics = score(counts)
    print(
        f"{name:<22} F1={metrics['f1']:.4f}  precision={metrics['precision']:.4f}  "
        f"recall={metrics['recall']:.4f}  {seconds:.1f} s ({1000 * seconds / len(pages):.0f} ms/page)",
        flush=True,
    )
    return {**metrics, "seconds": seconds, "predicted": predicted, "counts": counts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--worst", type=int, default=0, help="also list the N pages where Newsroom loses most"
    )
    args = parser.parse_args()
    truth_file = args.corpus / "ground-truth.json"
    if not truth_file.exists():
        print(f"No corpus at {args.corpus}; pass --corpus.", file=sys.stderr)
        return 2
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = {}
    for key in truth:
        with gzip.open(args.corpus / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages[key] = f.read()
    print(f"{len(pages)} pages from {args.corpus}, trafilatura {trafilatura.__version__}")
    base = run("plain trafilatura", plain_trafilatura, pages, truth)
    ours = run("Newsroom clean()", newsroom, pages, truth)
    print(f"F1 difference: {ours['f1'] - base['f1']:+.4f}")
    if args.worst:
        keys = list(truth)
        loss = sorted(
            range(len(keys)),
            key=lambda i: _page_sum(ours["counts"][i]) - _page_sum(base["counts"][i]),
        )
        for i in loss[: args.worst]:
            print(
                f"  {keys[i][:12]}  trafilatura P/R {precision(*base['counts'][i]):.2f}/"
                f"{recall(*base['counts'][i]):.2f}  Newsroom P/R {precision(*ours['counts'][i]):.2f}/"
                f"{recall(*ours['counts'][i]):.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
