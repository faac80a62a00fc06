"""What the cleaner learns from the newsroom: editors' rules and aliases, site profiles,
labels from editors' decisions, and classifier models trained on them.

Split by subject, re-exported here. Imports call ``live_rules``, ``site_*`` and
``live_classifier``; the desk records labels; the admin and ``train_cleaner`` do the rest.
"""

from articles.services.cleaner.classifier import (
    ClassifierRefused,
    classifier_approve,
    classifier_retire,
    classifier_train,
    live_classifier,
)
from articles.services.cleaner.labels import labels_record, training_examples
from articles.services.cleaner.rules import (
    PREVIEW_RAW_COPIES,
    Preview,
    cleaning_rule_go_live,
    cleaning_rule_preview,
    cleaning_rule_problem,
    cleaning_rule_save,
    cleaning_rule_take_offline,
    live_rules,
    source_alias_go_live,
    source_alias_preview,
    source_alias_problem,
    source_alias_save,
    source_alias_take_offline,
)
from articles.services.cleaner.sites import (
    site_chrome_lines,
    site_domain,
    site_lines_keep,
    site_lines_keep_published,
    site_lines_record,
    site_resolve,
)

__all__ = [
    "PREVIEW_RAW_COPIES",
    "ClassifierRefused",
    "Preview",
    "classifier_approve",
    "classifier_retire",
    "classifier_train",
    "cleaning_rule_go_live",
    "cleaning_rule_preview",
    "cleaning_rule_problem",
    "cleaning_rule_save",
    "cleaning_rule_take_offline",
    "labels_record",
    "live_classifier",
    "live_rules",
    "site_chrome_lines",
    "site_domain",
    "site_lines_keep",
    "site_lines_keep_published",
    "site_lines_record",
    "site_resolve",
    "source_alias_go_live",
    "source_alias_preview",
    "source_alias_problem",
    "source_alias_save",
    "source_alias_take_offline",
    "training_examples",
]
