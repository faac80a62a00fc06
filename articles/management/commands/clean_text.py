"""``manage.py clean_text PATH|- [--format auto|text|html] [--json]``: what the cleaner proposes."""

import json
import textwrap

from django.core.management.base import BaseCommand

from articles.cleaning import clean
from articles.cleaning.inputs import CleaningInputError
from articles.cleaning.result import CleanResult
from articles.management.commands._input import read_source, refuse

WIDTH = 100


class Command(BaseCommand):
    help = (
        "Clean raw copy (a text or HTML file, or - for standard input) and print what the "
        "cleaner proposes. Nothing is stored."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to clean, or - to read standard input")
        parser.add_argument("--format", choices=["auto", "text", "html"], default="auto")
        parser.add_argument(
            "--json", action="store_true", help="print one JSON object (see DESIGN.md)"
        )

    def handle(self, *args, path, format, json, **options):
        data, _ = read_source(path, options.get("stdin"))
        try:
            result = clean(data, format=format)
        except CleaningInputError as exc:
            raise refuse(str(exc)) from None
        if json:
            self.stdout.write(_as_json(result))
        else:
            self.stdout.write(report(result))


def _as_json(result: CleanResult) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)


def report(result: CleanResult) -> str:
    """The cleaner's proposal as an editor reads it: every paragraph, then the metadata."""
    counts = dict.fromkeys(("keep", "remove", "review"), 0)
    lines = []
    for number, paragraph in enumerate(result.paragraphs, start=1):
        counts[paragraph.action] += 1
        lines.append(
            textwrap.fill(
                paragraph.text,
                WIDTH,
                initial_indent=f"{number:>3}. [{paragraph.action}] ",
                subsequent_indent="     ",
            )
        )
        for finding in paragraph.findings:
            note = f"{finding.rule} ({finding.action}): {finding.message.rstrip('.')}."
            if finding.evidence:
                note += f' Evidence: "{finding.evidence}"'
            if finding.replacement:
                note += f' Suggested: "{finding.replacement}"'
            lines.append(
                textwrap.fill(
                    note, WIDTH, initial_indent="       - ", subsequent_indent="         "
                )
            )
    lines.append("")
    lines.append(
        f"{len(result.paragraphs)} paragraphs: {counts['keep']} kept, "
        f"{counts['remove']} to remove, {counts['review']} for review ({result.format})."
    )
    lines.append(f"Headline: {result.headline or '(none found)'}")
    byline = ", ".join(f"{b.name} ({b.kind})" for b in result.byline)
    lines.append(f"Byline: {byline or '(none found)'}")
    if result.published:
        lines.append(f"Published: {result.published}")
    lines.append("Sources:" if result.sources else "Sources: (none found)")
    for source in result.sources:
        lines.append(
            textwrap.fill(
                f'{source.name} ({source.kind}): "{source.evidence}"',
                WIDTH,
                initial_indent="  - ",
                subsequent_indent="    ",
            )
        )
    lines.append("Related links:" if result.related_links else "Related links: (none found)")
    for link in result.related_links:
        lines.append(f"  - {link.title}: {link.url or '(no URL)'}")
    return "\n".join(lines)
