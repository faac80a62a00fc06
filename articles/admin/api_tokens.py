"""Read-API tokens in the desk: editors make one per partner, see it once, and revoke it."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import ApiToken
from articles.services.api_tokens import api_token_change, api_token_create, api_token_revoke


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("Active")), ("revoked", _("Revoked"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "partner",
        "starts_with",
        "state",
        "requests_per_minute",
        "created_by",
        "created_at",
        "last_used_at",
    ]
    list_filter = [StateFilter]
    search_fields = ["partner", "prefix"]
    list_select_related = ["created_by"]
    fields = ["partner", "rate_limit"]
    readonly_fields = [
        "starts_with",
        "state",
        "created_by",
        "created_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else [*self.fields, *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    @admin.display(description=_("starts with"), ordering="prefix")
    def starts_with(self, token):
        return f"{token.prefix}…"

    @admin.display(description=_("state"), boolean=False)
    def state(self, token):
        return _("Active") if token.is_active else _("Revoked")

    def has_delete_permission(self, request, obj=None):
        # A revoked token is kept: the desk can still tell who had access, and until when.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            api_token_change(token=obj, user=request.user)
        else:
            obj.new_key = api_token_create(token=obj, user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        """The one page that ever shows the token; nothing keeps it after."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Token for %(partner)s") % {"partner": obj.partner},
            "token": obj,
            "key": obj.new_key,
        }
        response = TemplateResponse(request, "admin/articles/apitoken/created.html", context)
        add_never_cache_headers(response)
        return response

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        active = list(queryset.filter(revoked_at__isnull=True))
        for token in active:
            api_token_revoke(token=token, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d token revoked: it stops working at once.",
                "%(count)d tokens revoked: they stop working at once.",
                len(active),
            )
            % {"count": len(active)},
            messages.SUCCESS,
        )
