"""Profile editing, notifications, the admin login redirect and the error pages.

Views parse, check permission, call one service, and render or redirect.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_http_methods, require_POST

from lms import selectors, services, timezones
from lms.forms import ProfileForm, status_for


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = services.profile_ensure(user=request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = services.profile_update(
            user=request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields}
        )
        request.session[timezones.SESSION_KEY] = profile.time_zone
        # Continue in the language just chosen; the language middleware remembers it.
        language = profile.preferred_language
        with translation.override(language):
            messages.success(request, _("Your profile has been saved."))
            target = translate_url(next_url, language) if next_url else reverse("profile")
        return redirect(target)
    return render(
        request,
        "lms/profile_edit.html",
        {"form": form, "next": next_url},
        status=status_for(form),
    )


def admin_login_redirect(request):
    """Send Wagtail's login URL (GET or POST) to allauth's login, keeping ``next``."""
    target = reverse("account_login")
    next_url = request.GET.get("next")
    if next_url:
        target += "?" + urlencode({"next": next_url})
    return HttpResponseRedirect(target)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Render the 500 page in the active language without touching the database."""
    template = loader.get_template(template_name)
    return HttpResponseServerError(template.render({"request_path": request.path}))


@login_required
@require_http_methods(["GET"])
def notifications(request):
    items = selectors.notifications_for(user=request.user, request=request)
    return render(
        request,
        "lms/notifications.html",
        {"notifications": items, "has_unread": any(not item.is_read for item in items)},
    )


@login_required
@require_POST
def notification_read(request, notification_id: int):
    if not services.notification_mark_read(user=request.user, notification_id=notification_id):
        raise Http404
    return redirect("notifications")


@login_required
@require_POST
def notifications_read_all(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications")
