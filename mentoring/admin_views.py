"""Mentors' screens in the admin: the questions of the courses they mentor, one question with
its answer form and its FAQ form, and the coordinators' response-time report.

A question outside the user's courses answers 404, whatever id is typed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms import roles
from lms.admin_pages import admin_header
from mentoring import selectors, services
from mentoring.models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH

PER_PAGE = 50
STATUSES = ("open", "answered")


def _require_staff(request) -> None:
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied


def inbox(request):
    """The questions of the courses the user mentors, open or answered."""
    _require_staff(request)
    status = request.GET.get("status", "")
    status = status if status in STATUSES else ""
    page = Paginator(selectors.mentor_inbox_for(user=request.user, status=status), PER_PAGE)
    return render(
        request,
        "mentoring/admin/inbox.html",
        {
            "questions": page.get_page(request.GET.get("page")),
            "status": status,
            "shows_report": roles.is_coordinator(request.user)
            or roles.is_programme_manager(request.user),
            **admin_header(_("Questions to mentors"), icon="help"),
        },
    )


def _question(request, mentor_question_id: int):
    _require_staff(request)
    return get_object_or_404(
        selectors.mentored_questions_for(request.user).select_related(
            "course", "learner__profile", "answered_by__profile", "faq_entry"
        ),
        pk=mentor_question_id,
    )


def question(request, mentor_question_id: int):
    """One question: the learner's text, the answer form and the FAQ form."""
    item = _question(request, mentor_question_id)
    entry = getattr(item, "faq_entry", None)
    return render(
        request,
        "mentoring/admin/question.html",
        {
            "question": item,
            "faq_entry": entry,
            "answer_max_length": ANSWER_MAX_LENGTH,
            "question_max_length": QUESTION_MAX_LENGTH,
            **admin_header(
                _("Question"),
                parents=[(_("Questions to mentors"), reverse("mentoring_inbox"))],
                icon="help",
                subtitle=item.course.title,
            ),
        },
    )


@require_POST
def answer(request, mentor_question_id: int):
    item = _question(request, mentor_question_id)
    try:
        services.question_answer(question=item, by=request.user, text=request.POST.get("text", ""))
    except services.MentoringRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The answer is sent; the learner is notified."))
    return redirect("mentoring_question", item.pk)


@require_POST
def publish(request, mentor_question_id: int):
    item = _question(request, mentor_question_id)
    try:
        if request.POST.get("action") == "withdraw":
            entry = getattr(item, "faq_entry", None)
            if entry is not None:
                services.faq_withdraw(entry=entry)
            messages.success(request, _("The entry is no longer in the course's FAQ."))
        else:
            services.faq_publish(
                question=item,
                by=request.user,
                question_text=request.POST.get("question", ""),
                answer_text=request.POST.get("answer", ""),
            )
            messages.success(
                request, _("Published in the course's FAQ, without the learner's name.")
            )
    except services.MentoringRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("mentoring_question", item.pk)


def report(request):
    """Coordinators and managers: questions and median response times per course."""
    _require_staff(request)
    if not (roles.is_coordinator(request.user) or roles.is_programme_manager(request.user)):
        raise PermissionDenied
    return render(
        request,
        "mentoring/admin/report.html",
        {
            "rows": selectors.response_report_for(user=request.user),
            **admin_header(
                _("Mentoring response times"),
                parents=[(_("Questions to mentors"), reverse("mentoring_inbox"))],
                icon="time",
            ),
        },
    )
