"""Admin: the typed answers learners got wrong most often, and accepting one as a variant.

A missing accepted variant (a translation, a synonym, an abbreviation) shows as the same
wrong answer typed by many learners; the trainer accepts it from here and the quiz is
regraded in a background task as soon as it is saved.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.permissions import policy_registry

from assessments import reports, services
from assessments.admin_views import _quiz_for_results, _quiz_parents
from assessments.models import Question, Response
from lms.admin_pages import admin_header


class AcceptAnswerForm(forms.Form):
    question = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=gettext_lazy("answer"), max_length=services.MAX_ACCEPTED_TEXT, strip=True
    )


def typed_answers(request, quiz_id: int):
    quiz = _quiz_for_results(request, quiz_id)
    return render(
        request,
        "assessments/admin/typed_answers.html",
        {
            "quiz": quiz,
            "questions": reports.typed_answers_marked_wrong(quiz),
            **admin_header(
                _("Typed answers: %(title)s") % {"title": quiz.title},
                parents=[
                    *_quiz_parents(quiz),
                    (_("Results"), reverse("quiz_results", args=[quiz.pk])),
                ],
                icon="doc-full",
            ),
        },
    )


def accept_answer(request, quiz_id: int):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("quiz_typed_answers", args=[quiz_id]))
    quiz = _quiz_for_results(request, quiz_id)
    form = AcceptAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer to accept."))
        return HttpResponseRedirect(reverse("quiz_typed_answers", args=[quiz.pk]))
    # Only a question this quiz's learners answered, and one the user may change.
    answered = Response.objects.filter(attempt__quiz=quiz).values("question_id")
    question = get_object_or_404(
        Question.objects.filter(pk__in=answered), pk=form.cleaned_data["question"]
    )
    policy = policy_registry.get_by_type(Question)
    if not policy.user_has_permission_for_instance(request.user, "change", question):
        raise PermissionDenied
    try:
        count = services.question_accept_answer(question=question, text=form.cleaned_data["text"])
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            ngettext(
                "“%(text)s” is now accepted; %(count)d attempt is being regraded.",
                "“%(text)s” is now accepted; %(count)d attempts are being regraded.",
                count,
            )
            % {"text": form.cleaned_data["text"], "count": count},
        )
    return HttpResponseRedirect(reverse("quiz_typed_answers", args=[quiz.pk]))
