"""A cohort member posts a reply to a discussion case. Thin: check, call one service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discussions import services
from discussions.models import DiscussionPage
from lms import ratelimit

# Replies a person may post per minute: more than anyone types, fewer than a script sends.
REPLY_LIMIT_PER_MINUTE = 5


@require_POST
@login_required
def reply(request, discussion_id: int):
    discussion = get_object_or_404(DiscussionPage.objects.live(), pk=discussion_id)
    back = discussion.get_url(request) or "/"
    if not ratelimit.allow(
        request, action=f"discussion-reply:{request.user.pk}", limit=REPLY_LIMIT_PER_MINUTE
    ):
        messages.error(request, _("You are posting too fast. Wait a minute and try again."))
        return HttpResponseRedirect(back)
    try:
        posted = services.reply_post(
            author=request.user, discussion=discussion, text=request.POST.get("text", "")
        )
    except services.NotAMember as refusal:
        raise PermissionDenied(str(refusal)) from None
    except services.ReplyRefused as refusal:
        messages.error(request, refusal.message)
        return HttpResponseRedirect(back)
    messages.success(request, _("Your reply is posted for your cohort."))
    return HttpResponseRedirect(f"{back}#reply-{posted.pk}")
