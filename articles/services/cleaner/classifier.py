"""The paragraph classifier the site uses: trained with the newsroom's labels, approved by
a person, loaded once per process.

``classifier_train`` retrains with the shipped data plus the newsroom's labels
(``articles.cleaning.train.train_model``, which needs the ``train`` extra) and stores the
model as a candidate with its held-out figures. Nothing changes for imports until an
editor or operator approves a candidate. ``live_classifier`` asks the database which
model is approved on every import (one indexed look-up) and loads its bytes only when
that changed, so an approval reaches every process on its next import.

The classifier itself is ``articles.cleaning.classifier``; training, which needs the
``train`` extra, is ``articles.cleaning.train``, imported only when someone trains.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import threading

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.cleaning.classifier import Classifier, ClassifierModelError
from articles.models import TrainedClassifier
from articles.services.cleaner.labels import training_examples

logger = logging.getLogger(__name__)
_loaded: dict = {"key": None, "model": None}
_lock = threading.Lock()


class ClassifierRefused(Exception):
    """Training or approval cannot go ahead; the message says why."""


def _require(user, permission: str) -> None:
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(f"You need the permission {permission!r} for this.")


def _check_loads(data: bytes) -> None:
    try:
        Classifier.from_bytes(data)
    except ClassifierModelError as error:
        raise ClassifierRefused(str(error)) from error


def _jsonable(value):
    """Held-out figures as JSON: dataclasses and tuples become objects and lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def classifier_train(*, user=None, seed: int = 0) -> tuple[TrainedClassifier, object]:
    """Train with every label, store the model as a candidate; (candidate, training report)."""
    _require(user, "articles.change_trainedclassifier")
    from articles.cleaning import train

    examples = training_examples()
    try:
        report = train.train_model(extra=examples, seed=seed)
    except ImportError as error:
        raise ClassifierRefused(
            f"Training needs the 'train' extra (pip install -e '.[train]'): {error}"
        ) from error
    except FileNotFoundError as error:
        # The training data (the Zyte pages) is not where training looks for it.
        raise ClassifierRefused(str(error)) from error
    data = bytes(report.model_bytes)
    _check_loads(data)
    candidate = TrainedClassifier.objects.create(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        label_count=len(examples),
        seed=seed,
        summary=report.summary(),
        heldout=_jsonable(report.heldout) or {},
        # None when there was no shipped model to compare with.
        baseline_heldout=_jsonable(report.baseline_heldout) or {},
        created_by=user,
    )
    return candidate, report


def classifier_approve(*, classifier: TrainedClassifier, user) -> TrainedClassifier:
    """From the next import on, every process uses this model; the one before is retired."""
    _require(user, "articles.change_trainedclassifier")
    with transaction.atomic():
        stored = TrainedClassifier.objects.select_for_update().get(pk=classifier.pk)
        if stored.status == TrainedClassifier.Status.APPROVED:
            return stored
        _check_loads(bytes(stored.data))
        TrainedClassifier.objects.select_for_update().filter(
            status=TrainedClassifier.Status.APPROVED
        ).update(status=TrainedClassifier.Status.RETIRED)
        stored.status = TrainedClassifier.Status.APPROVED
        stored.approved_by, stored.approved_at = user, timezone.now()
        stored.save(update_fields=["status", "approved_by", "approved_at"])
    return stored


def classifier_retire(*, classifier: TrainedClassifier, user) -> None:
    """Take an approved model out of use: imports go back to the shipped model."""
    _require(user, "articles.change_trainedclassifier")
    TrainedClassifier.objects.filter(
        pk=classifier.pk, status=TrainedClassifier.Status.APPROVED
    ).update(status=TrainedClassifier.Status.RETIRED)


def live_classifier() -> Classifier | None:
    """The approved model, loaded, or None for the shipped one."""
    approved = TrainedClassifier.objects.filter(status=TrainedClassifier.Status.APPROVED)
    key = approved.values_list("pk", "sha256").first()
    if key is None:
        return None
    with _lock:
        if _loaded["key"] == key:
            return _loaded["model"]
    pk = key[0]
    data = TrainedClassifier.objects.values_list("data", flat=True).get(pk=pk)
    try:
        model = Classifier.from_bytes(bytes(data))
    except ClassifierModelError:
        # Approved under another version of the classifier: the shipped one is safe.
        logger.exception("Approved classifier %s cannot be loaded; using the shipped one", pk)
        model = None
    with _lock:
        _loaded.update(key=key, model=model)
    return model
