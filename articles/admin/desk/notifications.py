"""Each person's own email switches, on a page of the desk anyone with an account may open."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from articles.models import NotificationSettings


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["is_review_mail_on", "is_digest_mail_on"]


def notifications_view(request, *, admin_site):
    current = NotificationSettings.objects.filter(user=request.user).first()
    form = NotificationSettingsForm(
        request.POST or None, instance=current or NotificationSettings(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your email notifications are saved."))
        return redirect("admin:desk_notifications")
    return TemplateResponse(
        request,
        "admin/desk_notifications.html",
        {
            **admin_site.each_context(request),
            "title": _("Email notifications"),
            "form": form,
            "email": request.user.email,
        },
    )
