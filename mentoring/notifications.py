"""How mentoring's notifications read: a mentor answered the learner's question."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.notify import NotificationText, notification_kind


@notification_kind("mentor_answered")
def mentor_answered(params: dict, pages: dict) -> NotificationText:
    page = pages.get(params.get("course_key", ""))
    course = page.title if page else params.get("course_title", "")
    return NotificationText(
        title=_("A mentor answered your question in %(course)s") % {"course": course},
        body=_("Read the answer in My questions."),
        link=reverse("mentoring:questions"),
    )
