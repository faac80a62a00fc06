"""The cleaner on what its classifier never saw: ``make bench-cleaner``.

Four held-out sets, rebuilt the same way on every run (``articles.cleaning.training``):
generated chatbot leftovers from the grammar's held-out templates, dropped into real story
paragraphs of held-out sites; the held-out sites' pages read whole, every line labelled
story or chrome against the page's ground truth; the same pages copied from around their
story ("clipped", three copies each with their own margins of up to ten lines), what an
editor who selects the article pastes; and runs of the held-out sites' story paragraphs
with one to three lines of their pages' furniture dragged in ("pasted"). The whole cleaner
runs (rules, then the shipped model); per family: recall (flagged for removal or review), the share removed
without an editor, and precision; then the real paragraphs flagged and lost, and on the
pages what the headline found was. Every real paragraph lost is listed with the rule that
removed it. Last, how sure those figures are: a site's pages share their menus, so the
pages and clipped copies are measured again on sites drawn with replacement (1,000 draws),
and the middle 95% of the shares is printed; a figure that moves less than that between
two models is not a difference the held-out sites can show.
Needs ``../shared/corpus/zyte-article-extraction`` (or NEWSROOM_ZYTE_CORPUS).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.cleaning import shipped
from articles.cleaning.train import measure, spreads, totals, zyte_corpus
from articles.cleaning.training import documents, pages
from articles.cleaning.training.evaluate import lost_lines, site_of, table


def main() -> int:
    zyte = zyte_corpus()
    if not (zyte / "ground-truth.json").exists():
        print(f"held-out sets skipped: no Zyte corpus at {zyte}")
        return 0
    site_pages = pages.load(zyte)
    sets = documents.heldout_docs(site_pages, "heldout", seed=0)
    sites = {site_of(doc) for doc in sets["sites"]}
    print(f"held out: {len(sites)} sites of {len({p.site for p in site_pages})}; generator")
    by_site = measure(shipped(), sets)
    results = totals(by_site)
    print(table(results), *lost_lines(results), *spreads(by_site), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
