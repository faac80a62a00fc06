"""How fast the cleaner is: ``make bench-cleaner``.

Times ``clean()`` on the real sample (``../shared/samples/ukraine-strikes-raw.txt``, when
present) after a warm-up, and on texts of 10 KB, 100 KB and 1 MB built from the labelled
corpus's stories (each copy numbered so the texts are not one story repeated verbatim).
Prints the best of several runs and the time per KB, which stays about flat when the
cleaner's cost grows linearly. Targets: the sample under 20 ms, 1 MB under 2 s.

The corpus's 46 stories fill 1 MB only by coming back many times, and a line seen before is
cheap; so, when the Zyte pages are there (``../shared/corpus/zyte-article-extraction``), a
last row times 1 MB of real pages copied whole: twice as many lines, half of them different;
and, beside its best of three, its first reading, before the model remembers those lines.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.cleaning import clean  # noqa: E402
from articles.cleaning.train import zyte_corpus  # noqa: E402
from articles.cleaning.training import pages  # noqa: E402
from tests.cleaning_corpus import load  # noqa: E402

SAMPLE = ROOT.parent / "shared/samples/ukraine-strikes-raw.txt"


def _time(text: str, runs: int) -> tuple[float, float, float]:
    """Best and median wall time, and best CPU time (what a busy machine's other work can't add)."""
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        clean(text, format="text")
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), min(cpu)


def _build(size: int, stories: list[str]) -> str:
    parts, total, n = [], 0, 0
    while total < size:
        story = stories[n % len(stories)]
        # Numbering each copy keeps the text from being one verbatim repeat after another.
        chunk = story.replace("Saltmere", f"Saltmere {n}", 3)
        parts.append(chunk)
        total += len(chunk.encode("utf-8")) + 2
        n += 1
    return "\n\n".join(parts)[:size]


def main() -> None:
    stories = [s.text for s in load()]
    if SAMPLE.exists():
        sample = SAMPLE.read_text(encoding="utf-8")
        _time(sample, 20)
        best, median, cpu = _time(sample, 50)
        print(
            f"sample ({len(sample.encode()) / 1024:.1f} KB): best {best * 1000:.1f} ms, "
            f"median {median * 1000:.1f} ms, cpu {cpu * 1000:.1f} ms (target < 20 ms)"
        )
    else:
        print(f"sample not found at {SAMPLE}; skipped")
    print(
        f"{'size':>8} {'paragraphs':>10} {'best':>10} {'median':>10} {'cpu':>10} {'ms per KB':>10}"
    )
    for size, runs in ((10_000, 20), (100_000, 5), (1_000_000, 3)):
        text = _build(size, stories)
        paragraphs = len(clean(text, format="text").paragraphs)
        best, median, cpu = _time(text, runs)
        print(
            f"{size // 1000:>6} KB {paragraphs:>10} {best * 1000:>7.0f} ms {median * 1000:>7.0f} ms "
            f"{cpu * 1000:>7.0f} ms {best * 1000 / (size / 1000):>10.2f}"
        )
    copied = _pages(1_000_000)
    if copied:
        start = time.perf_counter()
        lines = len(clean(copied, format="text").paragraphs)
        first = time.perf_counter() - start
        best, median, cpu = _time(copied, 3)
        print(
            f"{'1000 KB':>9} {lines:>10} {best * 1000:>7.0f} ms {median * 1000:>7.0f} ms "
            f"{cpu * 1000:>7.0f} ms {best * 1000 / 1000:>10.2f}  real pages copied whole"
        )
        # The model remembers each line's scores and explanation (a site prints the same
        # menus on every page): the first reading of these pages is what one import costs.
        print(f"{'':>9} {'':>10} {first * 1000:>7.0f} ms  the first reading of those pages")
    print("target: 1 MB under 2 s; ms per KB about flat (linear)")


def _pages(size: int) -> str:
    """``size`` bytes of the Zyte pages, each read whole as someone copying it would get it."""
    zyte = zyte_corpus()
    if not (zyte / "ground-truth.json").exists():
        return ""
    parts, total = [], 0
    for page in pages.load(zyte):
        chunk = "\n\n".join(page.lines)
        parts.append(chunk)
        total += len(chunk.encode("utf-8")) + 2
        if total >= size:
            break
    return "\n\n".join(parts)[:size]


if __name__ == "__main__":
    main()
