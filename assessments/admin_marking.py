"""The marking queue in the admin: written responses waiting for a trainer, and marking them.

Thin views: the queue and the attempt come from ``selectors`` through
``permissions.markable_attempts`` (another course's or cohort's attempt is a 404), and a
marking is saved by ``services.response_mark``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from assessments import permissions, selectors, services
from assessments.views import file_response
from lms.admin_pages import admin_header


def _require_marker(request) -> None:
    if not permissions.may_mark(request.user):
        raise PermissionDenied


def marking_queue(request):
    _require_marker(request)
    queue = selectors.marking_queue_for(user=request.user, show=request.GET.get("show", ""))
    return render(
        request,
        "assessments/admin/marking_queue.html",
        {"queue": queue, **admin_header(_("Marking"), icon="edit")},
    )


def _chosen_levels(data, written) -> dict[str, int]:
    chosen = {}
    for row in written.criteria:
        try:
            chosen[row.criterion.key] = int(data.get(row.field_name, ""))
        except ValueError:
            continue
    return chosen


@require_http_methods(["GET", "POST"])
def marking_attempt(request, attempt_id: int):
    """One attempt's written responses beside their rubric, each with its marking form."""
    _require_marker(request)
    attempt = selectors.markable_attempt_for(attempt_id=attempt_id, user=request.user)
    written = selectors.written_answers_for(attempt=attempt, language=attempt.language)
    status = 200
    if request.method == "POST":
        target = next(
            (w for w in written if str(w.response.pk) == request.POST.get("response", "")), None
        )
        if target is None:
            messages.error(request, _("Choose an answer of this attempt to mark."))
            status = 400
        else:
            try:
                services.response_mark(
                    response=target.response,
                    marker=request.user,
                    chosen=_chosen_levels(request.POST, target),
                    feedback={
                        row.criterion.key: request.POST.get(row.feedback_name, "")
                        for row in target.criteria
                    },
                    comment=request.POST.get("comment", ""),
                )
            except services.MarkingRefused as refusal:
                for message in refusal.messages:
                    messages.error(request, message)
                status = 400
            else:
                messages.success(request, _("The marking is saved and the learner is told."))
                return HttpResponseRedirect(
                    reverse("assessments_marking_attempt", args=[attempt.pk])
                )
    title = _("%(name)s, %(quiz)s, attempt %(number)s") % {
        "name": selectors.QueueItem(attempt=attempt, course_title="").learner_name,
        "quiz": attempt.quiz.title,
        "number": attempt.number,
    }
    return render(
        request,
        "assessments/admin/marking_attempt.html",
        {
            "attempt": attempt,
            "written_answers": written,
            **admin_header(
                title, parents=[(_("Marking"), reverse("assessments_marking"))], icon="edit"
            ),
        },
        status=status,
    )


def marking_file(request, response_id: int):
    """The file attached to a written response, for those who may mark it."""
    _require_marker(request)
    return file_response(selectors.markable_file_for(response_id=response_id, user=request.user))
