"""Images in the desk: upload with a description, pick as a story's lead or body image."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleImage, Image
from articles.services.images import ImageRejected, image_check, image_delete, image_save

ACCEPT = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"


def _limits_text() -> str:
    limits = settings.NEWSROOM
    return _(
        "JPEG, PNG or WebP, at most %(mb)d MB and %(mp)d megapixels. "
        "Location data (GPS) is removed from the stored file."
    ) % {
        "mb": limits["IMAGE_MAX_BYTES"] // (1024 * 1024),
        "mp": limits["IMAGE_MAX_PIXELS"] // 1_000_000,
    }


class ImageForm(forms.ModelForm):
    """A new image's file is checked and prepared here, so every refusal is a form error."""

    upload = forms.FileField(
        label=_("Image file"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Image
        fields = ["alt_text", "caption", "credit"]
        widgets = {"caption": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepared = None
        if self.instance.pk:
            del self.fields["upload"]  # a new picture is a new image
        else:
            self.fields["upload"].help_text = _limits_text()

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            self.prepared = image_check(upload)
        except ImageRejected as rejected:
            raise forms.ValidationError(rejected.message, code="invalid_image") from None
        return upload


def image_thumbnail(image: Image | None, *, width: int = 160):
    """A small preview for the desk, from the narrowest rendition."""
    if image is None:
        return "—"
    renditions = image.rendition_list("jpeg")
    if not renditions:
        return "—"
    smallest = renditions[0]
    height = round(smallest.height * width / smallest.width)
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" class="desk-thumbnail">',
        smallest.url,
        width,
        height,
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt_text", "credit", "dimensions", "uploaded_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "dimensions", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    list_per_page = 50

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["upload", "alt_text", "caption", "credit"]
        return [
            "preview",
            "alt_text",
            "caption",
            "credit",
            "dimensions",
            "uploaded_by",
            "uploaded_at",
        ]

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return image_thumbnail(obj, width=96)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_thumbnail(obj, width=400)

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}"  # noqa: RUF001

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        image_save(
            image=obj,
            user=request.user,
            prepared=form.prepared,
            filename=getattr(upload, "name", ""),
        )

    def delete_model(self, request, obj):
        image_delete(image=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        # The admin's delete action has already refused images a story still shows.
        for image in queryset:
            image_delete(image=image, user=request.user)


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    autocomplete_fields = ["image"]
    fields = ["after_paragraph", "image"]
    ordering = ["after_paragraph", "pk"]
    verbose_name = _("image in the body")
    verbose_name_plural = _("images in the body")
