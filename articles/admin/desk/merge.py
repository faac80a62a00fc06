"""Two editors on one article: a three-way merge of the change form's fields.

The form carries a fingerprint of each field as the editor loaded it. When
someone else saved in between, each field is one of:

- the same on both sides: nothing to do;
- unchanged by this editor: the other editor's value is taken;
- unchanged by the other editor: this editor's value is kept;
- changed by both, differently: a conflict, shown side by side to choose.

Fingerprints, not whole values, travel with the form, so a long body is
not posted twice.
"""

import hashlib
import json
from dataclasses import dataclass

from django.db.models import Model

MERGED_FIELDS = (
    "headline",
    "dek",
    "body",
    "lead_image",
    "section",
    "tags",
    "comment_mode",
)
FOREIGN_KEYS = ("lead_image", "section")


def canonical(value) -> str:
    """A field's value as comparable text: line endings as stored, a row as its key."""
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set) or hasattr(value, "values_list"):
        return ",".join(sorted(str(getattr(item, "pk", item)) for item in value))
    return str(value).replace("\r\n", "\n").strip()


def fingerprint(value) -> str:
    return hashlib.sha256(canonical(value).encode()).hexdigest()[:20]


def fingerprints(values: dict) -> str:
    """The hidden field's value: every merged field's fingerprint, as JSON."""
    return json.dumps({name: fingerprint(values[name]) for name in MERGED_FIELDS})


def fingerprints_read(text: str) -> dict[str, str]:
    """What the form posted back; anything unreadable counts as "loaded nothing known"."""
    try:
        loaded = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {name: value for name, value in loaded.items() if isinstance(value, str)}


@dataclass
class MergeResult:
    theirs_taken: list[str]  # fields only the other editor changed
    conflicts: list[str]  # fields both changed, differently


def merge(*, mine: dict, theirs: dict, loaded: dict[str, str]) -> MergeResult:
    result = MergeResult(theirs_taken=[], conflicts=[])
    for name in MERGED_FIELDS:
        mine_print, theirs_print = fingerprint(mine[name]), fingerprint(theirs[name])
        if mine_print == theirs_print:
            continue
        base = loaded.get(name)
        if mine_print == base:
            result.theirs_taken.append(name)
        elif theirs_print != base:
            result.conflicts.append(name)
    return result
