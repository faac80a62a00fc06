"""What the desk's services raise when a write cannot happen."""


class InvalidTransition(Exception):
    """The article's current status does not allow this step."""


class PublishRefused(InvalidTransition):
    """The publish gate found reasons; ``reasons`` lists them for the editor."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("Publishing refused: " + " ".join(reasons))


class ArticleIncomplete(Exception):
    """A save would leave a published or scheduled article without what the publish gate requires."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("Not saved: " + " ".join(reasons))


class ArticleConflict(Exception):
    """Someone saved, published or unpublished the article after this editor opened it.

    ``current_version`` is the version now stored, so the editor can be shown
    the change they did not see.
    """

    def __init__(self, *, article_id: int, loaded_version: int, current_version: int):
        self.article_id = article_id
        self.loaded_version = loaded_version
        self.current_version = current_version
        super().__init__(
            f"Article {article_id} changed since it was opened "
            f"(version {loaded_version} loaded, {current_version} stored)."
        )


StaleArticle = ArticleConflict
