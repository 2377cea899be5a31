"""Writes for discussion cases: replies, moderation and digest receipts.

Every function runs in one transaction. Pages given in any language are mapped to the
default-language page first, so a cohort's thread is the same in every language.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import rules
from courses.models import CoursePage, Enrolment
from courses.services import course_completion_update
from courses.translation import source_page
from discussions import signals
from discussions.models import REASON_MAX_LENGTH, REPLY_MAX_LENGTH, DigestReceipt, Reply

# Control characters other than tab and line breaks: invisible, and unsafe in exports.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class NotAMember(PermissionDenied):
    """The person is not a current member of a cohort of the case's course."""


class ReplyRefused(ValidationError):
    """A reply or a moderation step cannot be made (the message says why, translated)."""


def member_enrolment(*, learner, course: CoursePage, lock: bool = False) -> Enrolment:
    """The learner's current enrolment through a cohort of ``course``; NotAMember otherwise."""
    enrolments = Enrolment.objects.filter(
        learner=learner, course=course, cohort__isnull=False
    ).exclude(status=Enrolment.Status.WITHDRAWN)
    if lock:
        # Only the enrolment row: PostgreSQL refuses to lock the nullable side of a join.
        enrolments = enrolments.select_for_update(of=("self",))
    enrolment = enrolments.select_related("cohort", "course").first()
    if enrolment is None:
        raise NotAMember(_("Only members of a cohort of this course take part in its discussion."))
    return enrolment


def reply_text_clean(text: str) -> str:
    """The reply as it will be stored: trimmed, without control characters, within the cap."""
    text = _CONTROL.sub("", (text or "").replace("\r\n", "\n")).strip()
    if not text:
        raise ReplyRefused(_("Write your reply before posting it."))
    if len(text) > REPLY_MAX_LENGTH:
        raise ReplyRefused(
            _("Your reply is %(length)d characters long; the limit is %(max)d.")
            % {"length": len(text), "max": REPLY_MAX_LENGTH}
        )
    return text


@transaction.atomic
def reply_post(*, author, discussion, text: str) -> Reply:
    """Post ``author``'s reply in their cohort's thread of ``discussion``.

    Only a current member of a cohort of the course may post, once the module is open; the
    reply counts towards completion when the case says so.
    """
    from discussions.models import DiscussionPage

    discussion = source_page(discussion)
    if not isinstance(discussion, DiscussionPage) or not discussion.live:
        raise ReplyRefused(_("This discussion case is not available."))
    course = CoursePage.objects.ancestor_of(discussion).get()
    enrolment = member_enrolment(learner=author, course=course, lock=True)
    lock = rules.lesson_lock_reason(lesson=discussion, enrolment=enrolment)
    if lock:
        raise ReplyRefused(lock.message)
    reply = Reply.objects.create(
        discussion=discussion,
        cohort=enrolment.cohort,
        author=author,
        text=reply_text_clean(text),
    )
    now = timezone.now()
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now)
    if discussion.required:
        course_completion_update(enrolment=enrolment)
    return reply


def _moderation_announce(*, reply: Reply, by, action: str) -> None:
    """Tell the apps above (coordination's audit log) about a moderation step."""
    signals.reply_moderated.send(sender=Reply, reply=reply, by=by, action=action)


def _author_progress_refresh(reply: Reply) -> None:
    """Hiding or showing a reply may change whether its author has done the case."""
    if not reply.discussion.required:
        return
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(learner=reply.author, course_id=reply.cohort.course_id)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .first()
    )
    if enrolment is not None:
        course_completion_update(enrolment=enrolment)


def _locked(reply: Reply) -> Reply:
    return (
        Reply.objects.select_for_update(of=("self",))
        .select_related("discussion", "cohort", "author")
        .get(pk=reply.pk)
    )


@transaction.atomic
def reply_hide(*, reply: Reply, by, reason: str) -> Reply:
    """Hide a reply from the cohort; its author still sees it, marked hidden, with the reason."""
    reason = _CONTROL.sub("", reason or "").strip()
    if not reason:
        raise ReplyRefused(_("Give a reason: the author will read it."))
    if len(reason) > REASON_MAX_LENGTH:
        raise ReplyRefused(
            _("The reason is too long (%(max)d characters at most).") % {"max": REASON_MAX_LENGTH}
        )
    reply = _locked(reply)
    reply.hidden_at = timezone.now()
    reply.hidden_by = by
    reply.hidden_reason = reason
    reply.pinned_at = None  # a hidden reply cannot stay an example for the cohort
    reply.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "pinned_at"])
    _moderation_announce(reply=reply, by=by, action="hide")
    _author_progress_refresh(reply)
    return reply


@transaction.atomic
def reply_unhide(*, reply: Reply, by) -> Reply:
    """Show a hidden reply to the cohort again."""
    reply = _locked(reply)
    if not reply.is_hidden:
        return reply
    reply.hidden_at = None
    reply.hidden_by = None
    reply.hidden_reason = ""
    reply.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _moderation_announce(reply=reply, by=by, action="unhide")
    _author_progress_refresh(reply)
    return reply


@transaction.atomic
def reply_pin(*, reply: Reply, by, pinned: bool = True) -> Reply:
    """Pin a reply as an exemplary answer (shown first), or unpin it."""
    reply = _locked(reply)
    if pinned and reply.is_hidden:
        raise ReplyRefused(_("A hidden reply cannot be pinned: show it again first."))
    if reply.is_pinned == pinned:
        return reply
    reply.pinned_at = timezone.now() if pinned else None
    reply.save(update_fields=["pinned_at"])
    _moderation_announce(reply=reply, by=by, action="pin" if pinned else "unpin")
    return reply


@transaction.atomic
def digest_receipt_record(*, recipient, last_reply_id: int, reply_count: int) -> DigestReceipt:
    """Remember that ``recipient`` was sent every reply up to ``last_reply_id``."""
    return DigestReceipt.objects.create(
        recipient=recipient, last_reply_id=last_reply_id, reply_count=reply_count
    )
