"""How the assessments' notifications read: a written answer marked."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.notify import NotificationText, notification_kind


@notification_kind("attempt_marked")
def attempt_marked(params: dict, pages: dict) -> NotificationText:
    page = pages.get(params.get("page_key", ""))
    quiz = page.title if page else params.get("page_title", "")
    title = (
        _("Your answer in %(quiz)s was marked again")
        if params.get("remark")
        else _("Your answer in %(quiz)s has been marked")
    )
    link = ""
    if params.get("attempt_id"):
        link = reverse("assessments:result", args=[params["attempt_id"]])
    return NotificationText(
        title=title % {"quiz": quiz}, body=_("Read the trainer's feedback."), link=link
    )
