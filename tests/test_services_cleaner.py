"""The cleaner learns: live rules and aliases reach imports, sites learn their chrome,
decisions become labels, and a retrained classifier is used only once approved."""

import hashlib
import io
import sys

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.cleaning import classifier
from articles.cleaning.classifier import SHIPPED, Classifier
from articles.cleaning.text import fold
from articles.models import (
    Article,
    CleaningRule,
    Finding,
    RawCopy,
    SiteLine,
    SiteProfile,
    SourceAlias,
    TrainedClassifier,
    TrainingLabel,
)
from articles.services import cleaner, desk
from articles.services.imports import story_import
from tests.factories import BylineFactory

pytestmark = pytest.mark.django_db

PROMO = "Tell us what you think at the Gazette kiosk on Quay Street"


def _story(n: int, *lines: str) -> bytes:
    """A different short story each time, with ``lines`` in the middle."""
    extra = "\n\n".join(lines)
    return (
        f"Quay market day {n} draws a crowd\n\n"
        f"Stall {n} sold out of crab by ten on Saturday morning, the market's organiser said.\n\n"
        f"{extra}\n\n"
        f"Stallholders hope day {n + 1} brings better weather and bigger crowds to the harbour.\n"
    ).encode()


def _page(n: int) -> bytes:
    return f"""<!DOCTYPE html><html lang="en"><head><title>Quay market day {n}</title>
<link rel="canonical" href="https://www.gazette.saltmere.example/2026/04/market-day-{n}">
</head><body><nav><a href="/">Home</a></nav><article><h1>Quay market day {n}</h1>
<p>Stall {n} sold out of crab by ten on Saturday morning, and the queue reached the lifeboat
station before the auction bell rang on the quay.</p>
<p>{PROMO}</p>
<p>Stallholders hope day {n + 1} brings better weather and bigger crowds to the harbour.</p>
</article><footer>&copy; 2026 Saltmere Gazette</footer></body></html>""".encode()


def _findings(article, text):
    index = next(i for i, p in enumerate(article.source_paragraphs) if text in str(p))
    return list(article.findings.filter(paragraph_index=index).values_list("rule", flat=True))


# Rules and aliases


def test_a_live_rule_changes_the_next_import_and_an_offline_one_does_not(editor):
    """Only a rule made live reaches imports; the one before it is untouched."""
    rule = cleaner.cleaning_rule_save(
        rule=CleaningRule(family="chrome", pattern=PROMO, code="chrome.kiosk_promo"),
        user=editor,
    )
    first, _ = story_import(data=_story(1, PROMO), user=editor)
    assert _findings(first, PROMO) == []
    cleaner.cleaning_rule_go_live(rule=rule, user=editor)
    second, _ = story_import(data=_story(2, PROMO), user=editor)
    assert _findings(second, PROMO) == ["chrome.kiosk_promo"]
    assert PROMO not in second.body
    assert _findings(Article.objects.get(pk=first.pk), PROMO) == []


def test_changing_what_a_live_rule_matches_takes_it_offline(editor):
    """A changed pattern must be previewed again before imports use it."""
    rule = cleaner.cleaning_rule_save(
        rule=CleaningRule(family="chrome", pattern=PROMO), user=editor
    )
    cleaner.cleaning_rule_go_live(rule=rule, user=editor)
    rule.message = "The kiosk promo"
    cleaner.cleaning_rule_save(rule=rule, user=editor)
    assert CleaningRule.objects.get(pk=rule.pk).is_live
    rule.pattern = "Visit the Gazette kiosk"
    cleaner.cleaning_rule_save(rule=rule, user=editor)
    assert not CleaningRule.objects.get(pk=rule.pk).is_live


def test_saving_an_unusable_rule_is_refused(editor):
    with pytest.raises(ValidationError, match="not a valid regular expression"):
        cleaner.cleaning_rule_save(
            rule=CleaningRule(family="chatbot", pattern="(oops", is_regex=True), user=editor
        )
    assert not CleaningRule.objects.exists()


def test_reporters_cannot_write_rules(reporter):
    with pytest.raises(PermissionDenied):
        cleaner.cleaning_rule_save(rule=CleaningRule(family="chrome", pattern=PROMO), user=reporter)


def test_a_live_alias_names_the_source_on_import(editor):
    """'SG' in capitals is proposed as The Saltmere Gazette, a source of kind outlet."""
    alias = cleaner.source_alias_save(
        alias=SourceAlias(alias="SG", name="The Saltmere Gazette", kind="outlet"), user=editor
    )
    cleaner.source_alias_go_live(alias=alias, user=editor)
    article, _ = story_import(
        data=_story(1, "The stalls were back for good, SG reported on Monday."), user=editor
    )
    proposed = article.suggestions.filter(target="source")
    assert [(s.name, s.kind) for s in proposed] == [("The Saltmere Gazette", "outlet")]


def test_a_preview_reads_a_bounded_number_of_raw_copies_and_says_so(editor):
    """The preview lists the paragraphs a rule would flag in the newest imports only."""
    for n in range(3):
        story_import(data=_story(n, PROMO), user=editor)
    rule = CleaningRule.objects.create(family="chrome", pattern=PROMO)
    preview = cleaner.cleaning_rule_preview(rule=rule, limit=2)
    assert (preview.scanned, preview.total, preview.limit) == (2, 3, 2)
    assert [(hit.number, hit.action) for hit in preview.hits] == [(3, "remove"), (3, "remove")]
    assert {hit.text for hit in preview.hits} == {PROMO}


def test_an_alias_preview_lists_attributions(editor):
    story_import(data=_story(1, "The stalls were back, SG reported."), user=editor)
    alias = SourceAlias.objects.create(alias="SG", name="The Saltmere Gazette")
    preview = cleaner.source_alias_preview(alias=alias)
    assert [hit.text for hit in preview.hits] == ["The stalls were back, SG reported."]


# Site profiles


def test_a_sites_recurring_line_is_flagged_on_the_third_import_from_that_site(editor):
    """Three pages of one site share a line no rule knows: the third import flags it."""
    first, _ = story_import(data=_page(1), user=editor)
    second, _ = story_import(data=_page(2), user=editor)
    third, _ = story_import(data=_page(3), user=editor)
    site = SiteProfile.objects.get()
    assert site.domain == "gazette.saltmere.example"
    assert RawCopy.objects.filter(site=site).count() == 3
    assert _findings(first, PROMO) == []
    assert _findings(second, PROMO) == []
    assert _findings(third, PROMO) == ["chrome.site_profile"]
    assert PROMO not in third.body


def test_pasted_text_learns_the_site_the_editor_names(editor):
    """For pasted copy the editor's site counts; another site's imports do not."""
    for n in range(2):
        story_import(data=_story(n, PROMO), user=editor, site="gazette.saltmere.example")
    elsewhere, _ = story_import(data=_story(5, PROMO), user=editor, site="courier.example")
    third, _ = story_import(
        data=_story(9, PROMO), user=editor, site="https://gazette.saltmere.example/news"
    )
    assert _findings(elsewhere, PROMO) == []
    assert _findings(third, PROMO) == ["chrome.site_profile"]


def test_the_same_page_imported_again_counts_once(editor):
    """A story re-imported after an edit is the same page: its lines are not chrome."""
    for version in ("", " (updated)", " (corrected)"):
        data = _page(1).replace(b"Saturday morning", f"Saturday morning{version}".encode())
        article, created = story_import(data=data, user=editor)
        assert created
    assert _findings(article, PROMO) == []
    assert SiteLine.objects.get(folded=fold(PROMO)).page_count == 1


def test_a_line_an_editor_kept_never_becomes_chrome(editor):
    """Rejecting the finding keeps the line for good: the next import leaves it alone."""
    site = "gazette.saltmere.example"
    for n in range(2):
        story_import(data=_story(n, PROMO), user=editor, site=site)
    third, _ = story_import(data=_story(3, PROMO), user=editor, site=site)
    finding = third.findings.get(rule="chrome.site_profile")
    desk.finding_reject(finding=finding, user=editor)
    assert SiteLine.objects.get(folded=fold(PROMO)).is_kept
    fourth, _ = story_import(data=_story(4, PROMO), user=editor, site=site)
    assert _findings(fourth, PROMO) == []


def test_a_published_line_is_kept(editor):
    """A line an editor published is the site's story, however often it recurs."""
    site = "gazette.saltmere.example"
    first, _ = story_import(data=_story(1, "He declined to comment."), user=editor, site=site)
    first.findings.update(decision=Finding.Decision.ACCEPTED)
    BylineFactory(article=first)
    desk.article_publish(article=first, user=editor)
    for n in (2, 3):
        later, _ = story_import(data=_story(n, "He declined to comment."), user=editor, site=site)
    assert _findings(later, "He declined to comment.") == []


# Labels


def test_a_rejected_finding_is_stored_as_a_story_label(editor):
    article, _ = story_import(data=_story(1, "Share this"), user=editor)
    finding = article.findings.get(rule="chrome.share")
    desk.finding_reject(finding=finding, user=editor)
    label = TrainingLabel.objects.get()
    assert (label.text, label.label, label.origin, label.rule, label.labelled_by) == (
        "Share this",
        "story",
        "rejected",
        "chrome.share",
        editor,
    )
    desk.finding_accept(finding=finding, user=editor)
    label.refresh_from_db()
    assert (label.label, label.origin) == ("chrome", "accepted")
    assert TrainingLabel.objects.count() == 1


def test_findings_that_say_nothing_of_a_paragraphs_kind_make_no_label(editor):
    """Headline, duplicate and style findings are not chatbot, chrome or story labels."""
    article, _ = story_import(data=_story(1), user=editor)
    desk.findings_decide_rule(
        article=article, rule="extract.headline", decision="rejected", user=editor
    )
    assert not TrainingLabel.objects.exists()


def test_labels_outlive_the_article(editor):
    article, _ = story_import(data=_story(1, "Share this"), user=editor)
    desk.finding_accept(finding=article.findings.get(rule="chrome.share"), user=editor)
    article.delete()
    label = TrainingLabel.objects.get()
    assert (label.text, label.label, label.article, label.finding) == (
        "Share this",
        "chrome",
        None,
        None,
    )


def test_removing_a_missed_paragraph_as_junk_teaches_and_can_be_undone(editor):
    """The paragraph leaves the body, is labelled; rejecting the mark puts it back."""
    line = "Our assistant hopes you enjoyed this little story!"
    article, _ = story_import(data=_story(1, line), user=editor)
    assert line in article.body
    index = next(i for i, p in enumerate(article.source_paragraphs) if line in str(p))
    finding = desk.paragraph_mark_junk(
        article=article, paragraph_index=index, kind="chatbot", user=editor
    )
    article.refresh_from_db()
    assert line not in article.body
    assert article.revisions.first().note == f"Removed paragraph {index + 1} as chatbot junk."
    assert (finding.rule, finding.decision) == ("chatbot.editor_marked", "accepted")
    assert TrainingLabel.objects.values_list("label", "origin").get() == ("chatbot", "marked")
    with pytest.raises(desk.JunkRefused, match="already out of the body"):
        desk.paragraph_mark_junk(article=article, paragraph_index=index, kind="chrome", user=editor)
    desk.finding_reject(finding=finding, user=editor)
    article.refresh_from_db()
    assert line in article.body
    assert TrainingLabel.objects.values_list("label", flat=True).get() == "story"


@pytest.mark.parametrize(
    ("index", "kind", "message"),
    [(99, "chrome", "no such imported paragraph"), (1, "weather", "Junk is one of")],
)
def test_marking_junk_refuses_nonsense(editor, index, kind, message):
    article, _ = story_import(data=_story(1), user=editor)
    with pytest.raises(desk.JunkRefused, match=message):
        desk.paragraph_mark_junk(article=article, paragraph_index=index, kind=kind, user=editor)


def test_training_examples_keep_the_newest_label_of_a_text(editor):
    TrainingLabel.objects.create(text="Share this!", label="chrome", origin="accepted")
    TrainingLabel.objects.create(text="share this", label="story", origin="rejected")
    assert cleaner.training_examples() == [("share this", "story")]


# Training and approval (the real trainer, on the small corpus of tests/cleaner_training.py)


def _candidate(data: bytes, **fields) -> TrainedClassifier:
    return TrainedClassifier.objects.create(
        data=data, sha256=hashlib.sha256(data).hexdigest(), size=len(data), label_count=0, **fields
    )


def test_a_rejected_finding_is_used_by_train_cleaner(editor, small_training, small_model, capsys):
    """The rejected paragraph becomes a story label, train_cleaner trains on it: the model has
    one story paragraph more than the same training without labels, and reads that paragraph
    as less of a junk line. It is stored, not yet used."""
    article, _ = story_import(data=_story(1, "Share this"), user=editor)
    desk.finding_reject(finding=article.findings.get(rule="chrome.share"), user=editor)
    call_command("train_cleaner", "--seed", "7")
    candidate = TrainedClassifier.objects.get()
    assert (candidate.status, candidate.label_count, candidate.seed) == ("candidate", 1, 7)
    assert candidate.heldout["generator"]["families"]["chatbot"]["labelled"] > 0
    assert candidate.baseline_heldout["sites"]["story"]["labelled"] > 0
    trained = Classifier.from_bytes(bytes(candidate.data))
    unlabelled = Classifier.from_bytes(small_model.model_bytes)
    assert trained.meta["trained_on"]["story"] == unlabelled.meta["trained_on"]["story"] + 1
    assert trained.verdict("Share this").junk < unlabelled.verdict("Share this").junk
    out = capsys.readouterr().out
    assert "Trained with 1 newsroom label(s)" in out
    assert "was: recall" in out  # the shipped model's figures beside the new one's
    assert "until an editor approves" in out
    assert cleaner.live_classifier() is None


def test_train_cleaner_approve_puts_the_model_to_use_without_a_shipped_one_to_compare(
    small_training, monkeypatch, tmp_path
):
    """--approve: imports use the new model at once; with no shipped model to compare, the
    candidate is stored with no baseline figures."""
    monkeypatch.setattr(classifier, "SHIPPED", tmp_path / "gone.bin")
    classifier.shipped.cache_clear()
    try:
        call_command("train_cleaner", "--seed", "11", "--approve", stdout=io.StringIO())
    finally:
        monkeypatch.undo()
        classifier.shipped.cache_clear()
    stored = TrainedClassifier.objects.get()
    assert (stored.status, stored.baseline_heldout) == ("approved", {})
    assert cleaner.live_classifier().to_bytes() == bytes(stored.data)


def test_approving_retires_the_model_before_and_reloads_once(editor, small_model, monkeypatch):
    """Each import asks which model is approved; the bytes load only when that changes."""
    older = _candidate(SHIPPED.read_bytes())
    newer = _candidate(small_model.model_bytes)
    loads = []
    real_from_bytes = Classifier.from_bytes.__func__

    def counted(cls, data, **options):
        loads.append(data)
        return real_from_bytes(cls, data, **options)

    monkeypatch.setattr(Classifier, "from_bytes", classmethod(counted))
    cleaner.classifier_approve(classifier=older, user=editor)
    loads.clear()
    assert cleaner.live_classifier().to_bytes() == SHIPPED.read_bytes()
    assert cleaner.live_classifier().to_bytes() == SHIPPED.read_bytes()
    assert len(loads) == 1
    cleaner.classifier_approve(classifier=newer, user=editor)
    assert cleaner.live_classifier().to_bytes() == small_model.model_bytes
    older.refresh_from_db()
    assert older.status == "retired"


def test_imports_pass_the_approved_model_to_the_cleaner(editor, small_model, monkeypatch):
    """story_import cleans with the approved model, and its verdicts are that model's."""
    cleaner.classifier_approve(classifier=_candidate(small_model.model_bytes), user=editor)
    from articles.services import imports

    seen = {}
    real_clean = imports.clean

    def clean_spy(data, **options):
        seen.update(options)
        return real_clean(data, **options)

    monkeypatch.setattr(imports, "clean", clean_spy)
    data = _story(1, "Would you like me to make the story shorter?")
    article, _ = story_import(data=data, user=editor)
    assert seen["model"].to_bytes() == small_model.model_bytes
    expected = real_clean(data, model=Classifier.from_bytes(small_model.model_bytes))
    learned = [
        (i, f.rule, f.action)
        for i, p in enumerate(expected.paragraphs)
        for f in p.findings
        if f.rule.endswith(".learned")
    ]
    stored = article.findings.filter(rule__endswith=".learned")
    assert sorted(stored.values_list("paragraph_index", "rule", "action")) == learned


def test_training_data_that_is_missing_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("NEWSROOM_ZYTE_CORPUS", "/nowhere")
    with pytest.raises(CommandError, match="the Zyte corpus is not at /nowhere"):
        call_command("train_cleaner")
    assert not TrainedClassifier.objects.exists()


def test_a_model_that_does_not_load_is_not_approved(editor):
    bad = _candidate(b"garbage")
    with pytest.raises(cleaner.ClassifierRefused, match="not a Newsroom paragraph model"):
        cleaner.classifier_approve(classifier=bad, user=editor)
    assert TrainedClassifier.objects.get().status == "candidate"


def test_without_the_train_extra_train_cleaner_says_what_to_install(small_training, monkeypatch):
    """scikit-learn missing: a clear message, not a traceback, and nothing stored."""
    monkeypatch.setitem(sys.modules, "sklearn.linear_model", None)
    with pytest.raises(CommandError, match=r"needs the 'train' extra"):
        call_command("train_cleaner")
    assert not TrainedClassifier.objects.exists()
