"""The practitioner's side of vetted enrolment: applying for a course that needs approval."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from coordination import selectors, services
from coordination.forms import ApplicationForm
from courses.models import CoursePage
from lms.forms import status_for


@login_required
def apply(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if course.enrolment != CoursePage.Enrolment.APPROVAL:
        return redirect(course.url)
    profile = request.user.profile
    initial = {"agency_type": profile.agency_type, "job_title": profile.job_title}
    form = ApplicationForm(request.POST or None, request.FILES or None, initial=initial)
    pending = selectors.pending_application_for(applicant=request.user, course=course)
    if request.method == "POST" and form.is_valid() and pending is None:
        details = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.application_submit(
                course=course,
                applicant=request.user,
                letter=form.cleaned_data.get("letter"),
                **details,
            )
        except services.CoordinationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Your application was sent. You will receive an e-mail once it is decided."),
            )
            return redirect(course.url)
    return render(
        request,
        "coordination/apply.html",
        {"course": course, "form": form, "pending": pending},
        status=status_for(form),
    )
