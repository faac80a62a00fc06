"""Editors' cleaning rules and source aliases: add, preview on imported copy, make live."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from articles.models import CleaningRule, SourceAlias
from articles.services import cleaner

RULE_FIELDS = ["family", "pattern", "is_regex", "action", "code", "message"]
ALIAS_FIELDS = ["alias", "name", "kind"]


class CleaningRuleForm(forms.ModelForm):
    class Meta:
        model = CleaningRule
        fields = RULE_FIELDS

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            rule = CleaningRule(**{name: cleaned.get(name) for name in RULE_FIELDS})
            if problem := cleaner.cleaning_rule_problem(rule):
                raise ValidationError(problem)
        return cleaned


class SourceAliasForm(forms.ModelForm):
    class Meta:
        model = SourceAlias
        fields = ALIAS_FIELDS

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            alias = SourceAlias(**{name: cleaned.get(name) for name in ALIAS_FIELDS})
            if problem := cleaner.source_alias_problem(alias):
                raise ValidationError(problem)
        return cleaned


class PreviewedAdmin(admin.ModelAdmin):
    """A rule that goes live only from its preview page: what it would have flagged."""

    readonly_fields = ["live_status", "created_by", "created_at", "updated_at"]
    actions = ["take_offline"]
    # Set by each subclass: the services behind it.
    services: dict

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{info}_preview",
            ),
            *super().get_urls(),
        ]

    def _preview_url(self, obj) -> str:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return reverse(f"admin:{info}_preview", args=[obj.pk])

    @admin.display(description=_("live"), boolean=True, ordering="is_live")
    def live(self, obj):
        return obj.is_live

    @admin.display(description=_("status"))
    def live_status(self, obj):
        if obj.pk is None:
            return _("Offline until previewed and made live.")
        label = _("Live since %s") % obj.went_live_at if obj.is_live else _("Offline")
        return format_html('{} — <a href="{}">{}</a>', label, self._preview_url(obj), _("Preview"))

    def save_model(self, request, obj, form, change):
        self.services["save"](obj, request.user)

    def _after_save(self, request, obj, response):
        if "_addanother" in request.POST or "_continue" in request.POST:
            return response
        if not obj.is_live:
            messages.info(request, _t("See what it would flag, then make it live."))
        return HttpResponseRedirect(self._preview_url(obj))

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._after_save(request, obj, super().response_change(request, obj))

    @admin.action(description=_("Take the selected offline"), permissions=["change"])
    def take_offline(self, request, queryset):
        for obj in queryset:
            self.services["offline"](obj, request.user)
        self.message_user(request, _t("Offline: the next imports do without them."))

    def preview_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_t("No such rule."))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        may_change = self.has_change_permission(request, obj)
        if request.method == "POST":
            if not may_change:
                raise PermissionDenied
            return self._switch(request, obj)
        try:
            preview = self.services["preview"](obj)
        except ValidationError as error:
            preview = None
            messages.error(request, " ".join(error.messages))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": _t("Preview: %s") % obj,
            "preview": preview,
            "may_change": may_change,
            "change_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
            ),
        }
        return TemplateResponse(request, "admin/articles/cleaning_preview.html", context)

    def _switch(self, request, obj):
        action = request.POST.get("action", "")
        if action == "live":
            try:
                self.services["live"](obj, request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(self._preview_url(obj))
            messages.success(request, _t("Live: the next imports use it."))
        elif action == "offline":
            self.services["offline"](obj, request.user)
            messages.success(request, _t("Offline: the next imports do without it."))
        else:
            messages.error(request, _t("Unknown action."))
            return HttpResponseRedirect(self._preview_url(obj))
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        )


@admin.register(CleaningRule)
class CleaningRuleAdmin(PreviewedAdmin):
    form = CleaningRuleForm
    list_display = ["pattern", "family", "action", "is_regex", "live", "code", "created_by"]
    list_filter = ["family", "is_live", "action", "is_regex"]
    list_select_related = ["created_by"]
    search_fields = ["pattern", "code", "message"]
    fieldsets = [
        (None, {"fields": ["family", "pattern", "is_regex", "action", "live_status"]}),
        (_("What the finding says"), {"fields": ["code", "message"]}),
        (
            _("Record"),
            {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at"]},
        ),
    ]
    services = {
        "save": lambda rule, user: cleaner.cleaning_rule_save(rule=rule, user=user),
        "live": lambda rule, user: cleaner.cleaning_rule_go_live(rule=rule, user=user),
        "offline": lambda rule, user: cleaner.cleaning_rule_take_offline(rule=rule, user=user),
        "preview": lambda rule: cleaner.cleaning_rule_preview(rule=rule),
    }


@admin.register(SourceAlias)
class SourceAliasAdmin(PreviewedAdmin):
    form = SourceAliasForm
    list_display = ["alias", "name", "kind", "live", "created_by"]
    list_filter = ["kind", "is_live"]
    list_select_related = ["created_by"]
    search_fields = ["alias", "name"]
    fieldsets = [
        (None, {"fields": ["alias", "name", "kind", "live_status"]}),
        (
            _("Record"),
            {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at"]},
        ),
    ]
    services = {
        "save": lambda alias, user: cleaner.source_alias_save(alias=alias, user=user),
        "live": lambda alias, user: cleaner.source_alias_go_live(alias=alias, user=user),
        "offline": lambda alias, user: cleaner.source_alias_take_offline(alias=alias, user=user),
        "preview": lambda alias: cleaner.source_alias_preview(alias=alias),
    }
