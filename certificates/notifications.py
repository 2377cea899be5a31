"""How the certificates' notifications read: issued and revoked."""

from django.utils.translation import gettext as _

from certificates.models import Certificate
from lms.notify import NotificationText, notification_kind


def _course_title(params: dict, pages: dict) -> str:
    page = pages.get(params.get("course_key", ""))
    return page.title if page else params.get("course_title", "")


@notification_kind("certificate_issued")
def certificate_issued(params: dict, pages: dict) -> NotificationText:
    from django.urls import reverse

    return NotificationText(
        title=_("Your certificate for %(course)s has been issued")
        % {"course": _course_title(params, pages)},
        body=_("Verification code: %(code)s") % {"code": params.get("code", "")},
        link=reverse("courses:dashboard"),
    )


@notification_kind("certificate_revoked")
def certificate_revoked(params: dict, pages: dict) -> NotificationText:
    reasons = dict(Certificate.RevocationReason.choices)
    reason = reasons.get(params.get("reason", ""), "")
    body = _("Verification code: %(code)s") % {"code": params.get("code", "")}
    if reason:
        body = _("Reason: %(reason)s.") % {"reason": reason} + "\n" + body
    return NotificationText(
        title=_("Your certificate for %(course)s has been revoked")
        % {"course": _course_title(params, pages)},
        body=body,
        link="",
    )
