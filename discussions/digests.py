"""Digest e-mails: each cohort member hears, at most once per run, of the new replies in
their cohort's threads, in their own language.

``digests_send`` is what ``manage.py send_discussion_digests`` runs. For each member it lists
the visible replies, not their own, posted in the threads of their cohorts since the last
digest they were sent (``DigestReceipt.last_reply_id``), sends one e-mail through
``lms.notify`` and records the receipt in the same transaction, so a second run finds
nothing new and a rolled-back one sends nothing.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils.translation import get_language

from courses.models import Enrolment
from discussions.models import DigestReceipt, DiscussionPage, Reply
from discussions.services import digest_receipt_record
from lms.notify import AtSend, notify, page_path, send_time_value, site_url

# Replies quoted per thread in one e-mail; the rest are counted.
REPLIES_PER_THREAD = 5
EXCERPT_LENGTH = 200


@dataclass(frozen=True)
class DigestReply:
    author: str
    excerpt: str


@dataclass(frozen=True)
class DigestThread:
    title: str
    url: str
    cohort: str
    replies: list[DigestReply]
    more: int


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_LENGTH else flat[: EXCERPT_LENGTH - 1].rstrip() + "…"


def _name(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.email


def digests_send() -> int:
    """Send every member with something new their digest; return how many were sent."""
    memberships = defaultdict(set)  # learner id -> cohort ids
    for learner_id, cohort_id in (
        Enrolment.objects.filter(cohort__isnull=False)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("learner_id", "cohort_id")
    ):
        memberships[learner_id].add(cohort_id)
    if not memberships:
        return 0
    marks = dict(
        DigestReceipt.objects.filter(recipient_id__in=memberships)
        .values("recipient_id")
        .annotate(last=Max("last_reply_id"))
        .values_list("recipient_id", "last")
    )
    floor = min(marks.get(learner_id, 0) for learner_id in memberships)
    cohort_ids = set().union(*memberships.values())
    replies = list(
        Reply.objects.filter(
            cohort_id__in=cohort_ids, pk__gt=floor, hidden_at__isnull=True, discussion__live=True
        )
        .select_related("author__profile", "cohort", "discussion")
        .order_by("pk")
    )
    if not replies:
        return 0
    by_cohort = defaultdict(list)
    for reply in replies:
        by_cohort[reply.cohort_id].append(reply)
    people = get_user_model().objects.in_bulk(list(memberships))
    sent = 0
    for learner_id, cohorts in sorted(memberships.items()):
        mark = marks.get(learner_id, 0)
        news = [
            reply
            for cohort_id in cohorts
            for reply in by_cohort.get(cohort_id, [])
            if reply.pk > mark and reply.author_id != learner_id
        ]
        recipient = people.get(learner_id)
        if not news or recipient is None or not recipient.email or not recipient.is_active:
            continue
        if _digest_send(recipient=recipient, replies=news):
            sent += 1
    return sent


@send_time_value
def digest_threads(*, reply_ids: list[int]) -> list[DigestThread]:
    """The digest's threads as the reader sees them (called by lms.notify when the mail is
    rendered, under the recipient's language): each thread in their language when it is
    translated, with its first replies quoted and the rest counted."""
    language = get_language()
    replies = (
        Reply.objects.filter(pk__in=reply_ids)
        .select_related("author__profile", "cohort", "discussion")
        .order_by("pk")
    )
    threads = defaultdict(list)
    for reply in sorted(replies, key=lambda r: (r.discussion.path, r.cohort_id, r.pk)):
        threads[(reply.discussion, reply.cohort)].append(reply)
    translations = {
        page.translation_key: page
        for page in DiscussionPage.objects.live().filter(
            translation_key__in={discussion.translation_key for discussion, _cohort in threads},
            locale__language_code=language,
        )
    }
    listed = []
    for (discussion, cohort), items in threads.items():
        page = translations.get(discussion.translation_key, discussion)
        listed.append(
            DigestThread(
                title=page.title,
                url=site_url(page_path(page)),
                cohort=cohort.name,
                replies=[
                    DigestReply(author=_name(reply.author), excerpt=_excerpt(reply.text))
                    for reply in items[:REPLIES_PER_THREAD]
                ],
                more=max(0, len(items) - REPLIES_PER_THREAD),
            )
        )
    return listed


@transaction.atomic
def _digest_send(*, recipient, replies: list[Reply]) -> bool:
    """One member's digest and its receipt, unless another run has just covered them."""
    get_user_model().objects.select_for_update().filter(pk=recipient.pk).first()
    last = max(reply.pk for reply in replies)
    covered = (
        DigestReceipt.objects.filter(recipient=recipient).aggregate(last=Max("last_reply_id"))[
            "last"
        ]
        or 0
    )
    replies = [reply for reply in replies if reply.pk > covered]
    if not replies:
        return False
    notify(
        recipient=recipient,
        kind="discussion_digest",
        template_prefix="discussions/email/digest",
        context={
            "name": _name(recipient),
            "count": len(replies),
            "threads": AtSend(digest_threads, {"reply_ids": [reply.pk for reply in replies]}),
        },
    )
    digest_receipt_record(recipient=recipient, last_reply_id=last, reply_count=len(replies))
    return True
