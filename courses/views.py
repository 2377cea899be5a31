"""Enrol, withdraw, mark complete, the dashboard and the calendar.

Serving a lesson to who may read it is in ``courses.serving``, which the page models call.

Thin: parse, check, call one service, redirect or render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses import ical, selectors, services
from courses.models import CoursePage, LessonPage


def _back(request, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return HttpResponseRedirect(target)


@require_POST
@login_required
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        services.enrolment_create(learner=request.user, course=course)
    except services.EnrolmentRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("You are enrolled. Welcome to the course."))
    return _back(request, course.get_url(request))


@require_POST
@login_required
def withdraw(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if services.enrolment_withdraw(learner=request.user, course=course):
        messages.success(
            request,
            _("You have withdrawn from the course. Your progress is kept if you enrol again."),
        )
    return _back(request, course.get_url(request))


@require_POST
@login_required
def complete_lesson(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        services.lesson_complete(learner=request.user, lesson=lesson)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
        return HttpResponseRedirect(lesson.get_url(request))
    view = selectors.lesson_view_for(lesson=lesson, user=request.user)
    if view.next and not view.next.locked:
        return HttpResponseRedirect(view.next.page.get_url(request))
    messages.success(request, _("Lesson complete."))
    return HttpResponseRedirect(lesson.get_url(request))


@require_POST
@login_required
def open_progress_merge(request):
    """Take in the lessons a visitor marked as done in their browser before signing in.

    The page script (``courses/static/courses/open_progress.js``) posts them once after
    sign-in and forgets them when the answer comes; the message is shown on the next page.
    """
    try:
        keys = services.open_progress_parse(request.POST.get("lessons", ""))
        merged = services.open_progress_merge(learner=request.user, lesson_keys=keys)
    except (services.OpenProgressRefused, services.EnrolmentRefused) as refusal:
        messages.error(request, refusal.message)
        return JsonResponse({"error": refusal.message}, status=400)
    if merged.lessons_added:
        messages.success(
            request,
            ngettext(
                "The lesson you marked as done before signing in is now in your record.",
                "The %(count)d lessons you marked as done before signing in are now in your "
                "record.",
                merged.lessons_added,
            )
            % {"count": merged.lessons_added},
        )
    return JsonResponse({"added": merged.lessons_added})


@login_required
def calendar(request):
    return render(
        request, "courses/calendar.html", {"calendar": selectors.calendar_for(user=request.user)}
    )


@login_required
def calendar_ics(request):
    """The learner's calendar as an iCalendar file, to download or import.

    It needs the learner's session, like every other page of theirs: no address that could
    leak gives their dates away.
    """
    calendar = selectors.calendar_for(user=request.user)
    events = [
        ical.Event(
            uid=event.uid,
            when=event.when,
            summary=event.summary,
            description=event.course.title,
            url=request.build_absolute_uri(event.page.get_url(request)),
        )
        for event in calendar.events
    ]
    text = ical.calendar_text(
        events,
        name=_("Cybercrime Academy: my calendar"),
        domain=request.get_host().split(":")[0],
        now=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cybercrime-academy.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def dashboard(request):
    return render(
        request,
        "courses/dashboard.html",
        {"dashboard": selectors.dashboard_for(user=request.user)},
    )
