"""Stand-ins for issue 10a's ``articles.cleaning.train`` and ``articles.cleaning.classifier``,
written to their contract (../notes/cleaner-contract.md).

SWITCH TO THE REAL MODULES when issue-10a lands on main: the tests that use ``fake_10a``
then run the real ``train_model`` (the ``train`` extra) and load real model bytes. They say
so in their docstrings.
"""

import sys
import types
from dataclasses import dataclass, field

import pytest

MAGIC = b"FAKE-PARAGRAPH-MODEL:"


class FakeClassifierModelError(RuntimeError):
    pass


@dataclass
class FakeClassifier:
    data: bytes

    @classmethod
    def from_bytes(cls, data: bytes):
        if not data.startswith(MAGIC):
            raise FakeClassifierModelError("Not a paragraph model of this version.")
        FAKE.loads.append(data)
        return cls(data)


@dataclass
class FakeReport:
    model_bytes: bytes
    heldout: dict
    baseline_heldout: dict

    def summary(self) -> str:
        return "family   before  after\nchatbot  0.61    0.97\nchrome   0.60    0.95"


@dataclass
class Fake10a:
    trained_with: list = field(default_factory=list)
    loads: list = field(default_factory=list)
    shipped_check_error: str = ""
    train_error: Exception | None = None


FAKE = Fake10a()


def _train_model(*, extra=(), seed=0):
    if FAKE.train_error is not None:
        raise FAKE.train_error
    extra = list(extra)
    FAKE.trained_with.append(extra)
    return FakeReport(
        model_bytes=MAGIC + f"{len(extra)} labels, seed {seed}".encode(),
        heldout={"chatbot": {"precision": 0.97, "recall": 0.97}},
        baseline_heldout=None if seed == 404 else {"chatbot": {"precision": 0.61}},
    )


def _check_shipped_model():
    if FAKE.shipped_check_error:
        raise FakeClassifierModelError(FAKE.shipped_check_error)


@pytest.fixture
def fake_10a(monkeypatch):
    """Installs the stand-ins in ``sys.modules``; yields what they recorded."""
    global FAKE
    FAKE = Fake10a()
    train = types.ModuleType("articles.cleaning.train")
    train.train_model = _train_model
    classifier = types.ModuleType("articles.cleaning.classifier")
    classifier.Classifier = FakeClassifier
    classifier.ClassifierModelError = FakeClassifierModelError
    classifier.check_shipped_model = _check_shipped_model
    monkeypatch.setitem(sys.modules, "articles.cleaning.train", train)
    monkeypatch.setitem(sys.modules, "articles.cleaning.classifier", classifier)
    yield FAKE
