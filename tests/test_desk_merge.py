"""The three-way merge of the change form's fields, without a database."""

from articles.admin.desk.merge import canonical, fingerprint, fingerprints_read, merge

BASE = {
    "headline": "Harbour wall vote tonight",
    "dek": "",
    "body": "Line one.\n\nLine two.",
    "lead_image": None,
    "section": 1,
    "tags": [3, 1],
    "comment_mode": "default",
}


def loaded():
    return {name: fingerprint(value) for name, value in BASE.items()}


def test_fields_only_one_side_changed_merge():
    """Theirs is taken where I changed nothing; mine is kept where they changed nothing."""
    mine = {**BASE, "headline": "Council votes to rebuild the wall"}
    theirs = {**BASE, "dek": "The vote was 5-2.", "tags": [1, 3, 4]}
    result = merge(mine=mine, theirs=theirs, loaded=loaded())
    assert result.theirs_taken == ["dek", "tags"]
    assert result.conflicts == []


def test_a_field_both_changed_differently_is_a_conflict_and_the_same_change_is_not():
    mine = {**BASE, "headline": "Mine", "dek": "Same words."}
    theirs = {**BASE, "headline": "Theirs", "dek": "Same words."}
    result = merge(mine=mine, theirs=theirs, loaded=loaded())
    assert result.conflicts == ["headline"]
    assert result.theirs_taken == []


def test_browser_line_endings_and_tag_order_are_not_changes():
    """A textarea posts CRLF; tags come in any order: neither counts as an edit."""
    assert canonical("Line one.\r\n\r\nLine two.") == BASE["body"]
    assert fingerprint([1, 3]) == fingerprint([3, 1])


def test_unreadable_fingerprints_make_every_difference_a_conflict():
    """A form that lost what it loaded never overwrites silently."""
    assert fingerprints_read("not json") == {}
    assert fingerprints_read('["a"]') == {}
    mine = {**BASE, "headline": "Mine"}
    theirs = {**BASE, "dek": "Theirs"}
    result = merge(mine=mine, theirs=theirs, loaded={})
    assert result.conflicts == ["headline", "dek"]
