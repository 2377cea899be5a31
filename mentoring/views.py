"""Learners ask a course's mentors and read their answers. Thin: check, call a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from assessments.models import Attempt
from lms import ratelimit
from mentoring import selectors, services

# Questions a person may send per minute: more than anyone types, fewer than a script sends.
ASK_LIMIT_PER_MINUTE = 5


def _back(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and (
        target.startswith("/")
    ):
        return target
    return fallback


def _ask(request, *, page=None, attempt=None, fallback: str):
    back = _back(request, fallback)
    if not ratelimit.allow(
        request, action=f"mentor-ask:{request.user.pk}", limit=ASK_LIMIT_PER_MINUTE
    ):
        messages.error(request, _("You are sending questions too fast. Wait a minute."))
        return HttpResponseRedirect(back)
    try:
        services.question_ask(
            learner=request.user,
            page=page,
            attempt=attempt,
            text=request.POST.get("text", ""),
            source_path=back,
        )
    except services.NotALearner as refusal:
        raise PermissionDenied(str(refusal)) from None
    except services.MentoringRefused as refusal:
        messages.error(request, refusal.message)
        return HttpResponseRedirect(back)
    messages.success(
        request, _("Your question is sent to the mentors. Their answer appears in My questions.")
    )
    return HttpResponseRedirect(back)


@require_POST
@login_required
def ask_from_page(request, page_id: int):
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    return _ask(request, page=page, fallback=page.get_url(request) or "/")


@require_POST
@login_required
def ask_from_attempt(request, attempt_id: int):
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=attempt_id, learner=request.user
    )
    return _ask(
        request, attempt=attempt, fallback=reverse("assessments:result", args=[attempt.pk])
    )


@login_required
def questions(request):
    """The learner's own questions and the mentors' answers."""
    return render(
        request,
        "mentoring/questions.html",
        {"questions": selectors.own_questions_for(user=request.user)},
    )
