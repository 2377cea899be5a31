"""Admin screens: GIFT import and export, and quiz results with their exports."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.permissions import policy_registry

from assessments import permissions, reports, selectors, services
from assessments.models import Attempt, QuestionCategory, QuizPage
from lms.admin_pages import admin_header
from lms.forms import status_for

MAX_GIFT_BYTES = 1024 * 1024


def category_label(category: QuestionCategory) -> str:
    """Categories are translatable: each exists once per language, so a choice of categories
    names each one's language."""
    return _("%(name)s (%(language)s)") % {
        "name": category.name,
        "language": category.locale.get_display_name(),
    }


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return category_label(obj)


class GiftImportForm(forms.Form):
    category = CategoryChoiceField(
        label=gettext_lazy("category"),
        queryset=QuestionCategory.objects.order_by("name"),
        help_text=gettext_lazy("Questions without a $CATEGORY line go here."),
    )
    file = forms.FileField(
        label=gettext_lazy("GIFT file"), help_text=gettext_lazy("A .txt or .gift file, UTF-8.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the categories of the user's courses: another course's id is not a choice.
        self.fields["category"].queryset = (
            _categories_for(user)
            .select_related("locale")
            .order_by("name", "locale__language_code")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_GIFT_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as UTF-8 and try again.")
            ) from None


def _require(request, codename: str) -> None:
    if not request.user.has_perm(f"assessments.{codename}"):
        raise PermissionDenied


def _categories_for(user):
    """The categories of the user's courses (assessments.permissions); the rest are 404."""
    return policy_registry.get_by_type(QuestionCategory).instances_user_has_any_permission_for(
        user, ["add", "change", "view"]
    )


def gift_import(request):
    _require(request, "add_question")
    form = GiftImportForm(request.POST or None, request.FILES or None, user=request.user)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.questions_import_gift(
            text=form.cleaned_data["file"], category=form.cleaned_data["category"]
        )
        if report.ok:
            # A $CATEGORY line may have made a category: the export list below must show it.
            permissions.category_ids_forget(request.user)
            messages.success(
                request,
                _("%(count)d questions imported.") % {"count": len(report.questions)},
            )
        else:
            messages.error(request, _("Nothing was imported: correct the file and try again."))
    refused = status_for(form) == 400 or (report is not None and not report.ok)
    return render(
        request,
        "assessments/admin/gift_import.html",
        {
            "form": form,
            "report": report,
            "export_categories": _categories_for(request.user)
            .select_related("locale")
            .order_by("name"),
            **admin_header(
                _("Import questions (GIFT)"),
                parents=[
                    (_("Question bank"), reverse("wagtailsnippets_assessments_question:list"))
                ],
                icon="upload",
            ),
        },
        status=400 if refused else 200,
    )


def gift_export(request, category_id: int):
    _require(request, "view_question")
    category = get_object_or_404(_categories_for(request.user), pk=category_id)
    text, left_out = services.questions_export_gift(category=category)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    filename = f"{slugify(category.name) or 'questions'}.gift.txt"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if left_out:
        response["X-Questions-Left-Out"] = str(len(left_out))
    return response


def _quiz_for_results(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    if not quiz.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return quiz


def _quiz_parents(quiz) -> list[tuple[str, str]]:
    """The quiz's page in the editor, as the breadcrumb before its results."""
    return [(quiz.title, reverse("wagtailadmin_pages:edit", args=[quiz.pk]))]


def quiz_results(request, quiz_id: int):
    """Attempts, pass rate, score distribution, and facility and discrimination per question."""
    quiz = _quiz_for_results(request, quiz_id)
    return render(
        request,
        "assessments/admin/quiz_results.html",
        {
            "results": reports.quiz_results_for(quiz),
            **admin_header(
                _("Results: %(title)s") % {"title": quiz.title},
                parents=_quiz_parents(quiz),
                icon="doc-full",
            ),
        },
    )


def quiz_attempt(request, quiz_id: int, attempt_id: int):
    """One learner's attempt with every answer and its score."""
    quiz = _quiz_for_results(request, quiz_id)
    attempt = get_object_or_404(
        Attempt.objects.select_related("learner"), pk=attempt_id, quiz=quiz
    )
    view = selectors.attempt_page_for(attempt=attempt, page=1, with_grades=True)
    title = _("%(email)s, attempt %(number)s") % {
        "email": attempt.learner.email,
        "number": attempt.number,
    }
    parents = [
        *_quiz_parents(quiz),
        (_("Results: %(title)s") % {"title": quiz.title}, reverse("quiz_results", args=[quiz.pk])),
    ]
    return render(
        request,
        "assessments/admin/quiz_attempt.html",
        {"attempt": attempt, "view": view, **admin_header(title, parents=parents, icon="user")},
    )


def quiz_export(request, quiz_id: int, file_format: str):
    quiz = _quiz_for_results(request, quiz_id)
    name = slugify(quiz.title) or "quiz"
    if file_format == "xlsx":
        response = HttpResponse(
            reports.export_xlsx(quiz),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(reports.export_csv(quiz), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-results.{file_format}"'
    return response
