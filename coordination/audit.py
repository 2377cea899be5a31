"""The audit log: one call per change a coordinator or manager makes."""

from coordination.models import AuditEvent


def audit_record(*, actor, action: str, summary: str, cohort=None, course=None, subject=None):
    """Record ``action`` in the caller's transaction, so it exists only if the change does."""
    if cohort is not None and course is None:
        course_id = cohort.course_id
    else:
        course_id = course.pk if course is not None else None
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        cohort=cohort,
        course_id=course_id,
        subject=subject,
        summary=summary[:500],
    )
