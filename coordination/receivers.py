"""The audit log's record of what the apps below coordination announce.

Certificates and discussions send signals (``certificates.signals``, ``discussions.signals``)
instead of importing the audit log; ``CoordinationConfig.ready`` connects these receivers.
They run inside the sender's transaction, so a row exists only if the change does.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from coordination.audit import audit_record
from coordination.models import AuditEvent
from lms import roles


def _by_coordinator(by) -> bool:
    """Coordinators' and managers' certificate changes are audited; the learner's own are not."""
    return by is not None and roles.is_coordinator(by)


def record_award_in_person(sender, certificate, by, **kwargs) -> None:
    if not _by_coordinator(by):
        return
    audit_record(
        actor=by,
        action=AuditEvent.Action.ISSUE,
        course=certificate.course,
        summary=_("In-person award %(code)s recorded for %(name)s (%(event)s).")
        % {
            "code": certificate.code,
            "name": certificate.name_as_printed,
            "event": certificate.event_name,
        },
    )


def record_revocation(sender, certificate, by, **kwargs) -> None:
    if not _by_coordinator(by):
        return
    audit_record(
        actor=by,
        action=AuditEvent.Action.REVOKE,
        course=certificate.course,
        subject=certificate.learner,
        summary=_("Certificate %(code)s revoked (%(reason)s).")
        % {"code": certificate.code, "reason": certificate.get_revocation_reason_display()},
    )


def record_issue_run(sender, run, by, resumed, **kwargs) -> None:
    if not _by_coordinator(by):
        return
    if resumed:
        summary = _("Interrupted bulk issue of %(course)s certificates resumed.") % {
            "course": run.course.title
        }
    else:
        who = run.cohort.name if run.cohort else _("all eligible")
        summary = _("Bulk issue of %(course)s certificates started (%(who)s).") % {
            "course": run.course.title,
            "who": who,
        }
    audit_record(
        actor=by, action=AuditEvent.Action.ISSUE, course=run.course, cohort=run.cohort,
        summary=summary,
    )  # fmt: skip


_MODERATION_ACTIONS = {
    "hide": AuditEvent.Action.REPLY_HIDE,
    "unhide": AuditEvent.Action.REPLY_UNHIDE,
    "pin": AuditEvent.Action.REPLY_PIN,
    "unpin": AuditEvent.Action.REPLY_UNPIN,
}


def _moderation_summary(reply, action: str) -> str:
    case = reply.discussion.title
    if action == "hide":
        return _("Reply hidden in “%(case)s”: %(reason)s") % {
            "case": case,
            "reason": reply.hidden_reason,
        }
    if action == "unhide":
        return _("Reply shown again in “%(case)s”") % {"case": case}
    if action == "pin":
        return _("Reply pinned in “%(case)s”") % {"case": case}
    return _("Reply unpinned in “%(case)s”") % {"case": case}


def record_moderation(sender, reply, by, action: str, **kwargs) -> None:
    """Every moderation step is audited, whoever moderates (trainers too), in the default
    language: the log is read by programme managers of any language."""
    with translation.override(settings.LANGUAGE_CODE):
        summary = _moderation_summary(reply, action)
    audit_record(
        actor=by,
        action=_MODERATION_ACTIONS[action],
        cohort=reply.cohort,
        subject=reply.author,
        summary=summary,
    )


def connect() -> None:
    """Called once from ``CoordinationConfig.ready``."""
    from certificates import signals as certificate_signals
    from discussions import signals as discussion_signals

    certificate_signals.certificate_awarded_in_person.connect(
        record_award_in_person, dispatch_uid="coordination_audit_award_in_person"
    )
    certificate_signals.certificate_revoked.connect(
        record_revocation, dispatch_uid="coordination_audit_revocation"
    )
    certificate_signals.issue_run_queued.connect(
        record_issue_run, dispatch_uid="coordination_audit_issue_run"
    )
    discussion_signals.reply_moderated.connect(
        record_moderation, dispatch_uid="coordination_audit_moderation"
    )
