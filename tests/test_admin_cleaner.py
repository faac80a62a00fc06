"""The admin side of a learning cleaner: rules with their preview, aliases, site profiles,
labels and models, "remove as junk" on the review screen, and who may do what."""

import hashlib
import io
import json
import zlib

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from articles.cleaning import classifier
from articles.models import (
    Article,
    CleaningRule,
    RawCopy,
    SiteProfile,
    SourceAlias,
    TrainedClassifier,
    TrainingLabel,
)
from articles.services import cleaner
from articles.services.imports import story_import

pytestmark = pytest.mark.django_db

PROMO = "Download the Harbourside app for tide times"
STORY = f"""Lifeboat crew rescues two walkers at Gull Point

Two walkers were lifted from the rocks below Gull Point on Sunday after the tide cut them off.

{PROMO}

Both were cold but unhurt and walked home from the quay.
"""
CLEANER_PAGES = [
    "cleaningrule",
    "sourcealias",
    "siteprofile",
    "siteline",
    "traininglabel",
    "trainedclassifier",
]


def _url(model, view, *args):
    return reverse(f"admin:articles_{model}_{view}", args=args)


def _rule_form(**changes):
    data = {
        "family": "chrome",
        "pattern": PROMO,
        "is_regex": "",
        "action": "remove",
        "code": "chrome.app_promo",
        "message": "The Courier's app promotion",
        "_save": "Save",
    }
    data.update(changes)
    return data


def test_a_rule_an_editor_adds_in_the_admin_changes_the_next_import(client, editor):
    """Add, preview on imported copy, make live: the next import flags the line."""
    before, _ = story_import(data=STORY.encode(), user=editor, filename="before.txt")
    client.force_login(editor)
    response = client.post(_url("cleaningrule", "add"), _rule_form())
    rule = CleaningRule.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("cleaningrule", "preview", rule.pk)
    assert not rule.is_live and rule.created_by == editor

    preview = client.get(response["Location"]).content.decode()
    assert "Read 1 raw copy, the newest of 1 (a preview reads at most 200)." in preview
    assert "1 paragraph it would have flagged" in preview
    assert f"{_url('article', 'review', before.pk)}#p3" in preview
    assert "Make it live" in preview

    response = client.post(_url("cleaningrule", "preview", rule.pk), {"action": "live"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.is_live

    response = client.post(
        _url("article", "import"), {"text": STORY.replace("Sunday", "Monday"), "format": "auto"}
    )
    after = Article.objects.exclude(pk=before.pk).get()
    assert response["Location"] == _url("article", "review", after.pk)
    finding = after.findings.get(rule="chrome.app_promo")
    assert (finding.paragraph_index, finding.action, finding.message) == (
        2,
        "remove",
        "The Courier's app promotion",
    )
    assert PROMO not in after.body
    assert before.findings.filter(rule="chrome.app_promo").count() == 0


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(unclosed", "This is not a valid regular expression"),
        (r"(\w+\s?)+$", "The pattern is too slow on some text"),
        (".*", "matches an empty paragraph"),
    ],
)
def test_a_bad_pattern_is_refused_with_a_clear_message(client, editor, pattern, message):
    client.force_login(editor)
    response = client.post(_url("cleaningrule", "add"), _rule_form(pattern=pattern, is_regex="on"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CleaningRule.objects.exists()


def test_an_alias_is_previewed_and_made_live(client, editor):
    story_import(
        data=b"Ferry fares rise\n\nFares rise in May, SG reported on Friday.\n", user=editor
    )
    client.force_login(editor)
    response = client.post(
        _url("sourcealias", "add"),
        {"alias": "SG", "name": "The Saltmere Gazette", "kind": "outlet", "_save": "Save"},
    )
    alias = SourceAlias.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "Fares rise in May, SG reported on Friday." in page
    client.post(_url("sourcealias", "preview", alias.pk), {"action": "live"})
    article, _ = story_import(
        data=b"Bus route cut\n\nThe 12 bus stops in June, SG reported.\n", user=editor
    )
    proposed = article.suggestions.filter(target="source")
    assert [s.name for s in proposed] == ["The Saltmere Gazette"]


def test_an_unknown_preview_action_is_an_error_message_not_a_500(client, editor):
    rule = CleaningRule.objects.create(family="chrome", pattern=PROMO)
    client.force_login(editor)
    response = client.post(_url("cleaningrule", "preview", rule.pk), {"action": "explode"})
    assert response.status_code == 302
    assert not CleaningRule.objects.get().is_live
    assert client.get(_url("cleaningrule", "preview", 999999)).status_code == 404


@pytest.mark.parametrize("role", ["reporter", "moderator"])
def test_reporters_and_moderators_cannot_touch_the_cleaners_teaching(client, request, role):
    """Rules, aliases, site profiles, labels and models are the editors' own."""
    user = request.getfixturevalue(role)
    rule = CleaningRule.objects.create(family="chrome", pattern=PROMO)
    client.force_login(user)
    for model in CLEANER_PAGES:
        assert client.get(_url(model, "changelist")).status_code == 403, model
    assert client.get(_url("cleaningrule", "add")).status_code == 403
    assert client.get(_url("cleaningrule", "preview", rule.pk)).status_code == 403
    response = client.post(_url("cleaningrule", "preview", rule.pk), {"action": "live"})
    assert response.status_code == 403
    assert client.post(_url("cleaningrule", "add"), _rule_form()).status_code == 403
    assert not CleaningRule.objects.get().is_live
    assert CleaningRule.objects.count() == 1


def test_editors_open_every_page_of_the_cleaners_teaching(client, editor):
    story_import(data=STORY.encode(), user=editor, site="courier.example")
    TrainingLabel.objects.create(text=PROMO, label="chrome", origin="accepted")
    client.force_login(editor)
    for model in CLEANER_PAGES:
        assert client.get(_url(model, "changelist")).status_code == 200, model
    assert client.get(_url("cleaningrule", "add")).status_code == 200
    assert client.get(_url("siteprofile", "add")).status_code == 403  # made by imports


def test_approving_a_model_in_the_admin(client, editor, small_model):
    """A trained candidate shows its held-out figures; the approve action puts it to use."""
    data = small_model.model_bytes
    candidate = TrainedClassifier.objects.create(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        label_count=0,
        summary=small_model.summary(),
    )
    client.force_login(editor)
    page = client.get(_url("trainedclassifier", "change", candidate.pk)).content.decode()
    assert "headline found" in page and "story (real paragraphs)" in page
    response = client.post(
        _url("trainedclassifier", "changelist"),
        {"action": "approve", "_selected_action": [candidate.pk]},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.status, candidate.approved_by) == ("approved", editor)
    assert cleaner.live_classifier().to_bytes() == data


# "Remove as junk" on the review screen


def test_the_review_screen_removes_a_missed_paragraph_as_junk(client, editor):
    article, _ = story_import(data=STORY.encode(), user=editor)
    client.force_login(editor)
    review = _url("article", "review", article.pk)
    page = client.get(review + "?show=all").content.decode()
    assert page.count("Remove as junk:") == 3  # the three paragraphs still in the body
    response = client.post(_url("article", "junk", article.pk), {"junk": "3:chrome", "show": "all"})
    assert response["Location"] == review + "?show=all#p3"
    article.refresh_from_db()
    assert PROMO not in article.body
    assert TrainingLabel.objects.values_list("text", "label").get() == (PROMO, "chrome")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paragraph": "abc", "kind": "chrome"}, "Choose a paragraph."),
        ({"paragraph": "9" * 5000, "kind": "chrome"}, "Choose a paragraph."),
        ({"paragraph": "0", "kind": "chrome"}, "no such imported paragraph"),
        ({"paragraph": "3", "kind": "weather"}, "Junk is one of"),
    ],
)
def test_junk_nonsense_gets_a_message_not_a_500(client, editor, data, message):
    article, _ = story_import(data=STORY.encode(), user=editor)
    client.force_login(editor)
    response = client.post(_url("article", "junk", article.pk), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert client.get(_url("article", "junk", article.pk)).status_code == 405


def test_a_moderator_cannot_mark_junk(client, editor, moderator):
    article, _ = story_import(data=STORY.encode(), user=editor)
    client.force_login(moderator)
    response = client.post(
        _url("article", "junk", article.pk), {"paragraph": "3", "kind": "chrome"}
    )
    assert response.status_code == 403
    assert not TrainingLabel.objects.exists()


# The site a copy came from


def test_the_import_form_records_the_site_an_editor_names(client, editor):
    SiteProfile.objects.create(domain="gazette.saltmere.example")
    client.force_login(editor)
    form = client.get(_url("article", "import")).content.decode()
    assert '<option value="gazette.saltmere.example">' in form
    refused = client.post(
        _url("article", "import"), {"text": STORY, "format": "auto", "site": "not a site"}
    )
    assert "Give the site&#x27;s domain" in refused.content.decode()
    assert not RawCopy.objects.exists()
    client.post(
        _url("article", "import"),
        {"text": STORY, "format": "auto", "site": "https://www.Gazette.Saltmere.example/x"},
    )
    assert RawCopy.objects.get().site.domain == "gazette.saltmere.example"


def test_import_story_takes_a_site(tmp_path, editor):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    call_command("import_story", str(path), "--site", "courier.example", stdout=io.StringIO())
    assert RawCopy.objects.get().site.domain == "courier.example"


# Start-up


def _other_version(data: bytes) -> bytes:
    """The shipped model's bytes as a model made for the next feature version would be."""
    header, _, body = zlib.decompress(data[len(classifier.MAGIC) :]).partition(b"\n")
    fields = json.loads(header)
    fields["features"] += 1
    return classifier.MAGIC + zlib.compress(json.dumps(fields).encode() + b"\n" + body)


@pytest.mark.parametrize(
    ("model_file", "message"),
    [
        (None, r"cannot be read: .*paragraphs\.bin.*train-cleaner"),
        (b"not a model", "is not a Newsroom paragraph model"),
        ("next version", r"features version \d+; this code reads .*train-cleaner"),
    ],
)
def test_a_missing_or_other_version_model_stops_start_up_with_its_reason(
    model_file, message, tmp_path, monkeypatch
):
    """The site refuses to start on a model it cannot trust, and says why; never a verdict
    from the wrong model."""
    config = apps.get_app_config("articles")
    config.ready()  # the shipped model passes
    path = tmp_path / "paragraphs.bin"
    if model_file == "next version":
        path.write_bytes(_other_version(classifier.SHIPPED.read_bytes()))
    elif model_file is not None:
        path.write_bytes(model_file)
    monkeypatch.setattr(classifier, "SHIPPED", path)
    classifier.shipped.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match=message):
            config.ready()
    finally:
        monkeypatch.undo()
        classifier.shipped.cache_clear()
