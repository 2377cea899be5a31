"""How coordination's notifications read: applications decided and modules opening."""

from django.utils.translation import gettext as _

from lms.notify import NotificationText, notification_kind


def _course(params: dict, pages: dict):
    page = pages.get(params.get("course_key", ""))
    return (page.title if page else params.get("course_title", "")), (page.url if page else "")


@notification_kind("application_approved")
def application_approved(params: dict, pages: dict) -> NotificationText:
    title, url = _course(params, pages)
    return NotificationText(
        title=_("Your application for %(course)s is approved") % {"course": title},
        body=_("You are now enrolled."),
        link=url,
    )


@notification_kind("application_declined")
def application_declined(params: dict, pages: dict) -> NotificationText:
    title, url = _course(params, pages)
    return NotificationText(
        title=_("Your application for %(course)s was not approved") % {"course": title},
        body=_("The coordinator's reason: %(reason)s") % {"reason": params.get("reason", "")},
        link=url,
    )


@notification_kind("module_opened")
def module_opened(params: dict, pages: dict) -> NotificationText:
    course, _url = _course(params, pages)
    module = pages.get(params.get("page_key", ""))
    return NotificationText(
        title=_("A new module is open: %(module)s")
        % {"module": module.title if module else params.get("page_title", "")},
        body=_("It is part of %(course)s, with your cohort %(cohort)s.")
        % {"course": course, "cohort": params.get("cohort_name", "")},
        link=module.url if module else "",
    )
