"""Coordinators' certificate screens in the admin: eligible learners, bulk issue, revoke."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from certificates import selectors, services
from certificates.models import Certificate, IssueRun
from certificates.scope import certificates_for, issue_runs_for
from courses.models import CoursePage
from courses.scope import cohorts_for
from lms import roles
from lms.admin_pages import admin_header


def _require(request, codename: str) -> None:
    if not request.user.has_perm(f"certificates.{codename}"):
        raise PermissionDenied


def _courses(request):
    """Courses whose certificates ``request.user`` manages: all for programme managers, the
    courses of their own cohorts for coordinators."""
    courses = CoursePage.objects.filter(locale=Locale.get_default())
    if roles.is_programme_manager(request.user):
        return courses
    return courses.filter(pk__in=cohorts_for(request.user).values("course_id"))


def course_list(request):
    _require(request, "add_certificate")
    courses = _courses(request).order_by("title")
    return render(
        request,
        "certificates/admin/course_list.html",
        {"courses": courses, **admin_header(_("Certificates"), icon="doc-full")},
    )


def _course_parents(title: str, course_id: int | None) -> list[tuple[str, str]]:
    if course_id is None:  # a certificate of attendance of a live session: no course page
        return [(_("Certificates"), reverse("certificates_courses"))]
    return [
        (_("Certificates"), reverse("certificates_courses")),
        (title, reverse("certificates_course", args=[course_id])),
    ]


def course_detail(request, course_id: int):
    """Eligible learners (of one cohort, or all in scope), issued certificates, bulk issue."""
    _require(request, "add_certificate")
    course = get_object_or_404(_courses(request), pk=course_id)
    manager = roles.is_programme_manager(request.user)
    in_scope = cohorts_for(request.user).filter(course=course)
    cohorts = list(in_scope)
    cohort = next((c for c in cohorts if str(c.pk) == request.GET.get("cohort")), None)
    if cohort is None and not manager:
        cohort = cohorts[0]  # a coordinator always works on one of their own cohorts
    if request.method == "POST":
        run = services.issue_run_create(course=course, cohort=cohort, requested_by=request.user)
        return redirect("certificates_issue_run", run.pk)
    eligible = selectors.eligible_learners(course=course, cohort=cohort)
    issued = certificates_for(request.user).filter(course=course).select_related("learner")
    issued = issued[:500]
    return render(
        request,
        "certificates/admin/course_detail.html",
        {
            "course": course,
            "cohorts": cohorts,
            "cohort": cohort,
            "manager": manager,
            "eligible": eligible,
            "issued": issued,
            **admin_header(
                course.title,
                parents=[(_("Certificates"), reverse("certificates_courses"))],
                icon="doc-full",
            ),
        },
    )


def issue_run_header(run: IssueRun) -> dict:
    parents = _course_parents(run.course.title, run.course_id)
    return admin_header(_("Bulk issue"), parents=parents, icon="doc-full")


def issue_run(request, run_id: int):
    _require(request, "add_certificate")
    run = get_object_or_404(issue_runs_for(request.user), pk=run_id)
    return render(
        request,
        "certificates/admin/issue_run.html",
        {"run": run, **issue_run_header(run)},
    )


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("reason for revocation"), choices=Certificate.RevocationReason.choices
    )
    note = forms.CharField(label=gettext_lazy("note"), required=False, widget=forms.Textarea)


def revoke(request, code: str):
    """Revoke a certificate the user may revoke: see ``certificates.scope.certificates_for``."""
    _require(request, "change_certificate")
    certificate = get_object_or_404(certificates_for(request.user), code=code)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.certificate_revoke(
            certificate=certificate,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("The certificate was revoked; its record is kept."))
        if certificate.course_id is None:
            return redirect("certificates_courses")
        return redirect("certificates_course", certificate.course_id)
    header = admin_header(
        _("Revoke"),
        parents=_course_parents(certificate.course_title, certificate.course_id),
        icon="warning",
        subtitle=certificate.code,
    )
    return render(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, **header},
    )


class InPersonAwardForm(forms.Form):
    name_as_printed = forms.CharField(label=gettext_lazy("name as printed"), max_length=200)
    event_name = forms.CharField(label=gettext_lazy("in-person event"), max_length=255)
    event_date = forms.DateField(
        label=gettext_lazy("event date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(
        label=gettext_lazy("language"), choices=Certificate._meta.get_field("language").choices
    )


def in_person_award(request, course_id: int):
    """Record an award for someone trained in person who has no account."""
    _require(request, "add_certificate")
    course = get_object_or_404(_courses(request), pk=course_id)
    form = InPersonAwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        certificate = services.certificate_award_in_person(
            course=course, issued_by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Award recorded: %(code)s.") % {"code": certificate.code})
        return redirect("certificates_course", course.pk)
    header = admin_header(
        _("Record an in-person award"),
        parents=_course_parents(course.title, course.pk),
        icon="doc-full",
    )
    return render(
        request, "certificates/admin/in_person.html", {"course": course, "form": form, **header}
    )
