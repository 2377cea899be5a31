"""Taking a quiz: start, answer page by page, check the summary and submit, see the result.

Thin views; the grades page lists every quiz of the learner's courses.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments import selectors, services
from assessments.forms import answers_from_post, files_from_post
from assessments.models import QuizPage


def _attempt_url(attempt, page=1) -> str:
    return f"{reverse('assessments:attempt', args=[attempt.pk])}?page={page}"


@require_POST
@login_required
def start(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    try:
        attempt = services.attempt_start(learner=request.user, quiz=quiz)
    except services.AttemptRefused as refusal:
        messages.error(request, refusal.message)
        return HttpResponseRedirect(quiz.get_url(request))
    return HttpResponseRedirect(_attempt_url(attempt))


@require_http_methods(["GET", "POST"])
@login_required
def attempt(request, attempt_id: int):
    attempt = selectors.attempt_for(attempt_id=attempt_id, user=request.user)
    if not attempt.is_open:
        return HttpResponseRedirect(reverse("assessments:result", args=[attempt.pk]))
    page_number = _int(request.POST.get("page") or request.GET.get("page"), 1)
    shown = selectors.attempt_page_for(attempt=attempt, page=page_number)
    if request.method == "GET":
        return render(request, "assessments/attempt.html", {"view": shown})
    answers = answers_from_post(shown.questions, request.POST)
    try:
        services.attempt_save(
            attempt=attempt,
            learner=request.user,
            answers=answers,
            files=files_from_post(shown.questions, request.FILES),
        )
    except services.AnswerRefused as refusal:
        # Nothing was saved: the page comes back with what was typed, to be shortened.
        for message in refusal.messages:
            messages.error(request, message)
        for question in shown.questions:
            question.answer = answers.get(question.source_id, question.answer)
        return render(request, "assessments/attempt.html", {"view": shown}, status=400)
    except services.AttemptRefused as refusal:
        messages.error(request, refusal.message)
        return HttpResponseRedirect(reverse("assessments:result", args=[attempt.pk]))
    action = request.POST.get("go", "next")
    if action == "finish":
        return HttpResponseRedirect(reverse("assessments:submit", args=[attempt.pk]))
    if action == "save":
        messages.success(request, _("Your answers have been saved. You can come back later."))
        return HttpResponseRedirect(_attempt_url(attempt, shown.page))
    target = shown.page - 1 if action == "previous" else shown.page + 1
    return HttpResponseRedirect(_attempt_url(attempt, min(max(1, target), shown.page_count)))


@require_http_methods(["GET", "POST"])
@login_required
def submit(request, attempt_id: int):
    """The summary before submission (GET), and the submission once confirmed (POST)."""
    attempt = selectors.attempt_for(attempt_id=attempt_id, user=request.user)
    if not attempt.is_open:
        return HttpResponseRedirect(reverse("assessments:result", args=[attempt.pk]))
    if request.method == "GET":
        summary = selectors.attempt_summary_for(attempt=attempt)
        return render(request, "assessments/submit.html", {"summary": summary})
    try:
        services.attempt_submit(attempt=attempt, learner=request.user)
    except services.AttemptRefused as refusal:
        messages.error(request, refusal.message)
        attempt.refresh_from_db()
        if attempt.is_open:
            # Still open (a written answer left empty): back to the summary, which lists it.
            return HttpResponseRedirect(reverse("assessments:submit", args=[attempt.pk]))
    return HttpResponseRedirect(reverse("assessments:result", args=[attempt.pk]))


@login_required
def result(request, attempt_id: int):
    attempt = selectors.attempt_for(attempt_id=attempt_id, user=request.user)
    quiz_view = selectors.quiz_view_for(quiz=attempt.quiz, source=attempt.quiz, user=request.user)
    review = selectors.review_for(attempt=attempt, quiz_view=quiz_view)
    shown = selectors.attempt_page_for(attempt=attempt, page=1, with_grades=review.marks)
    next_step = (
        None if attempt.is_open else selectors.next_step_for(quiz=shown.quiz, user=request.user)
    )
    written = (
        [] if attempt.is_open else selectors.written_answers_for(attempt=attempt, language=None)
    )
    return render(
        request,
        "assessments/result.html",
        {
            "attempt": attempt,
            "quiz_view": quiz_view,
            "review": review,
            "view": shown,
            "next_step": next_step,
            "written_answers": written,
        },
    )


@login_required
def written_file(request, response_id: int):
    """The file a learner attached to one of their own written responses; 404 for anyone else."""
    upload = selectors.own_response_file_for(response_id=response_id, user=request.user)
    return file_response(upload)


def file_response(upload) -> FileResponse:
    """A stored attachment, always as a download and never cached by a shared cache."""
    content_types = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt": "application/vnd.oasis.opendocument.text",
        "txt": "text/plain; charset=utf-8",
    }
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=upload.name,
        content_type=content_types.get(upload.kind, "application/octet-stream"),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def grades(request):
    """The learner's own grades in every quiz of their courses."""
    return render(
        request, "assessments/grades.html", {"courses": selectors.grades_for(user=request.user)}
    )


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
