"""Signing in on a classroom node with a classroom code (thin: the service checks the code)."""

from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from classroom import services
from classroom.forms import CodeSignInForm
from lms import ratelimit

BACKEND = "django.contrib.auth.backends.ModelBackend"


@require_http_methods(["GET", "POST"])
def code_sign_in(request):
    form = CodeSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, action="classroom-code", limit=20):
            form.add_error(None, _("Too many attempts. Wait a minute and try again."))
        else:
            user = services.code_sign_in(code=form.cleaned_data["code"])
            if user is None:
                form.add_error("code", _("This classroom code is not valid here."))
            else:
                login(request, user, backend=BACKEND)
                return redirect("courses:dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "classroom/code_sign_in.html", {"form": form}, status=status)
