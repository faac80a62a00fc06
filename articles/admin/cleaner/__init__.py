"""What editors teach the cleaner: rules and aliases with their preview, site profiles,
training labels and the trained classifiers waiting for approval."""

from articles.admin.cleaner import learning, rules  # noqa: F401
