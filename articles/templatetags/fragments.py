"""``{% fragment %}``: Django's ``{% cache %}`` as the reader pages use it.

``{% fragment name vary_on... %}...{% endfragment %}`` caches what it wraps
for ``FRAGMENT_CACHE_SECONDS`` under ``name``, the values in ``vary_on`` and
the active language, like ``{% cache FRAGMENT_CACHE_SECONDS name vary_on...
LANGUAGE_CODE %}``. As Wagtail's ``{% wagtailcache %}`` does, a staff preview
(``is_preview`` in the context) is rendered afresh and never stored. The
values in ``vary_on`` say what the fragment shows: an article's
``cache_key`` and the versions the page read (``versions.story``, see
``articles.caching.versions``), so a change gives the fragment a new key
rather than deleting the old one.
"""

from django import template
from django.templatetags.cache import CacheNode
from django.utils.translation import get_language

from articles.caching import fragment_cache_seconds

register = template.Library()


class _Setting:
    """The fragments' lifetime, resolved the way ``{% cache %}`` resolves its timeout argument."""

    var = "FRAGMENT_CACHE_SECONDS"

    def resolve(self, context):
        return fragment_cache_seconds()


class _Language:
    def resolve(self, context):
        return get_language()


class FragmentNode(CacheNode):
    def render(self, context):
        if context.get("is_preview"):
            return self.nodelist.render(context)
        return super().render(context)


@register.tag("fragment")
def do_fragment(parser, token):
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 2:
        raise template.TemplateSyntaxError(
            "'fragment' needs a name: {% fragment name vary_on... %}"
        )
    vary_on = [parser.compile_filter(value) for value in tokens[2:]]
    return FragmentNode(nodelist, _Setting(), tokens[1], [*vary_on, _Language()], None)
