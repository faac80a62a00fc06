"""Hand-made classifiers for the cleaner's tests: a model whose verdict the test chooses."""

import math
from array import array

from articles.cleaning import Classifier, features


def deaf(bias: tuple[float, float, float], **thresholds) -> Classifier:
    """A model whose words weigh nothing: every line gets the probabilities of ``bias``
    (story, chatbot, chrome) before its place is read.

    ``thresholds`` sets the model's other thresholds (``words_at``, ``far_at``...); the
    junk thresholds are 0.9 to remove and 0.5 to review.
    """
    return Classifier(
        weights=tuple(array("h", bytes(2 * features.SIZE)) for _ in range(3)),
        bias=bias,
        scale=1.0,
        remove_at=0.9,
        review_at=0.5,
        **thresholds,
    )


def chrome_everywhere(junk: float, **thresholds) -> Classifier:
    """A model that reads every line as chrome with probability ``junk``, its words neutral."""
    return deaf((0.0, -30.0, math.log(junk / (1 - junk))), **thresholds)


def chrome_words(weights: dict[str, int], **thresholds) -> Classifier:
    """A model that reads every line as story (about 95%) unless it holds one of the words
    of ``weights``: each pushes the line towards chrome by its weight, spread, as every
    word's features are, over all the line's n-grams."""
    model = deaf((0.0, -30.0, -3.0), **thresholds)
    for word, weight in weights.items():
        model.weights[2][features.word_indices(word)[0]] = weight
    return model
