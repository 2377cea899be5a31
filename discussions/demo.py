"""A few replies in the demo cohort's first discussion case, so the thread is not empty.

Seeded through the services, as a cohort would post and moderate them: three members reply,
the coordinator pins the best answer and hides one that names a real place. Seeding again
adds nothing once the thread has replies.
"""

from courses.models import Enrolment
from discussions import services
from discussions.models import DiscussionPage, Reply

# Fictional members' replies; the second is pinned and the third hidden by the coordinator.
REPLIES = [
    "I would replace “child pornography ring” with “people sharing child sexual abuse "
    "material” and drop “paedophile”: it is a diagnosis, not what he is charged with. "
    "“Agreed to send photos” has to go too; it blames the girl.",
    "Three changes before noon: (1) victim-centred terms, following the Luxembourg "
    "Guidelines, while the charge itself quotes the statute's words; (2) no school, age or "
    "town that narrows the girl down; (3) Velmora's police see the release before it goes "
    "out. To the press office I would say that the defence will quote our own release back "
    "to the court.",
    "We had exactly this at the central station case in our city last year, the press "
    "named the street.",
]
HIDDEN_REASON = "Please do not refer to real cases or places; describe the lesson instead."


def demo_replies_ensure(*, cohort, moderator) -> int:
    """Post the demo replies in ``cohort``'s thread of its course's first case; how many."""
    discussion = (
        DiscussionPage.objects.live()
        .descendant_of(cohort.course)
        .filter(locale_id=cohort.course.locale_id)
        .order_by("path")
        .first()
    )
    if discussion is None or Reply.objects.filter(discussion=discussion, cohort=cohort).exists():
        return 0
    members = list(
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.ACTIVE)
        .exclude(learner__email__in=["learner@example.org"])
        .select_related("learner")
        .order_by("pk")[: len(REPLIES)]
    )
    posted = [
        services.reply_post(author=enrolment.learner, discussion=discussion, text=text)
        for enrolment, text in zip(members, REPLIES, strict=False)
    ]
    if len(posted) >= 2:
        services.reply_pin(reply=posted[1], by=moderator)
    if len(posted) >= 3:
        services.reply_hide(reply=posted[2], by=moderator, reason=HIDDEN_REASON)
    return len(posted)
