from django.utils.text import slugify


def unique_slug(model, value: str, *, max_length: int = 255, exclude_pk=None) -> str:
    """A slug from ``value`` that no other row of ``model`` uses yet.

    Collisions get ``-2``, ``-3``... appended; the base is cut so the result
    still fits ``max_length``.
    """
    full = slugify(value)
    base = full[:max_length]
    if len(full) > max_length and full[max_length] != "-" and "-" in base:
        base = base.rsplit("-", 1)[0]  # whole words only
    base = base.strip("-") or "untitled"
    queryset = model._default_manager.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    taken = set(queryset.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = f"{base[: max_length - len(suffix)].rstrip('-')}{suffix}"
        if candidate not in taken:
            return candidate
        n += 1


class AutoSlugMixin:
    """Fill an empty ``slug`` from ``slug_source`` on save, unique within the model.

    ``slug_length`` caps a made slug below the field's size.
    """

    slug_source = "name"
    slug_length: int | None = None

    def slug_made(self) -> str:
        return unique_slug(
            type(self),
            getattr(self, self.slug_source),
            max_length=self.slug_length or self._meta.get_field("slug").max_length,
            exclude_pk=self.pk,
        )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.slug_made()
        super().save(*args, **kwargs)
