"""Template helpers of the comment section."""

from django import template

from articles.caching.stamps import timestamp_placeholder as _placeholder

register = template.Library()


@register.simple_tag
def timestamp_placeholder(article_id: int):
    """Where a blank comment form's signed timestamp goes; signed as the page is served."""
    return _placeholder(article_id)
