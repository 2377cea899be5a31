"""GIFT import and export in the admin, for trainers who keep questions in Moodle's format."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import services
from assessments.models import QuestionCategory

MAX_GIFT_BYTES = 1024 * 1024


class GiftImportForm(forms.Form):
    category = forms.ModelChoiceField(
        label=gettext_lazy("category"),
        queryset=QuestionCategory.objects.order_by("name"),
        help_text=gettext_lazy("Questions without a $CATEGORY line go here."),
    )
    file = forms.FileField(
        label=gettext_lazy("GIFT file"), help_text=gettext_lazy("A .txt or .gift file, UTF-8.")
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


def gift_import(request):
    _require(request, "add_question")
    form = GiftImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.questions_import_gift(
            text=form.cleaned_data["file"], category=form.cleaned_data["category"]
        )
        if report.ok:
            messages.success(
                request,
                _("%(count)d questions imported.") % {"count": len(report.questions)},
            )
        else:
            messages.error(request, _("Nothing was imported: correct the file and try again."))
    return render(request, "assessments/admin/gift_import.html", {"form": form, "report": report})


def gift_export(request, category_id: int):
    _require(request, "view_question")
    category = get_object_or_404(QuestionCategory, pk=category_id)
    text, left_out = services.questions_export_gift(category=category)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    filename = f"{slugify(category.name) or 'questions'}.gift.txt"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if left_out:
        response["X-Questions-Left-Out"] = str(len(left_out))
    return response
