"""Moderators' screens in the admin: the threads in their scope, and one thread's replies.

Trainers moderate the cohorts of the courses they train, coordinators the cohorts they run,
programme managers all (``selectors.moderated_cohorts_for``). A cohort, case or reply outside
that scope answers 404, whatever id is typed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discussions import selectors, services
from discussions.models import REASON_MAX_LENGTH
from lms.admin_pages import admin_header


def _require_staff(request) -> None:
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied


def threads(request):
    """Every thread with replies in the cohorts the user moderates."""
    _require_staff(request)
    return render(
        request,
        "discussions/admin/threads.html",
        {
            "threads": selectors.threads_for(user=request.user),
            **admin_header(_("Discussions"), icon="comment"),
        },
    )


def _thread_objects(request, discussion_id: int, cohort_id: int):
    _require_staff(request)
    cohort = get_object_or_404(
        selectors.moderated_cohorts_for(request.user).select_related("course"), pk=cohort_id
    )
    discussion = selectors.moderated_discussion_for(cohort=cohort, discussion_id=discussion_id)
    if discussion is None:
        raise Http404
    return discussion, cohort


def thread(request, discussion_id: int, cohort_id: int):
    """One cohort's replies to one case, hidden ones included, with moderation buttons."""
    discussion, cohort = _thread_objects(request, discussion_id, cohort_id)
    return render(
        request,
        "discussions/admin/thread.html",
        {
            "thread": selectors.moderation_thread_for(
                discussion=discussion, cohort=cohort, page_number=request.GET.get("page")
            ),
            "reason_max_length": REASON_MAX_LENGTH,
            **admin_header(
                discussion.title,
                parents=[(_("Discussions"), reverse("discussions_threads"))],
                icon="comment",
                subtitle=f"{cohort.course.title} · {cohort.name}",
            ),
        },
    )


@require_POST
def moderate(request, reply_id: int):
    """Hide (with a reason), show again, pin or unpin one reply."""
    _require_staff(request)
    reply = get_object_or_404(
        selectors.moderated_replies_for(request.user).select_related("cohort"), pk=reply_id
    )
    action = request.POST.get("action", "")
    try:
        if action == "hide":
            services.reply_hide(
                reply=reply, by=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The reply is hidden; its author sees why."))
        elif action == "unhide":
            services.reply_unhide(reply=reply, by=request.user)
            messages.success(request, _("The reply is shown to the cohort again."))
        elif action == "pin":
            services.reply_pin(reply=reply, by=request.user)
            messages.success(request, _("The reply is pinned: the cohort sees it first."))
        elif action == "unpin":
            services.reply_pin(reply=reply, by=request.user, pinned=False)
            messages.success(request, _("The reply is no longer pinned."))
        else:
            messages.error(request, _("Choose what to do with the reply."))
    except services.ReplyRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("discussions_thread", reply.discussion_id, reply.cohort_id)
