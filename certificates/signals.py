"""What certificates announces, and how it issues certificates when a course is completed.

The signals below are sent inside the transaction of the change, so whatever a receiver writes
(coordination's audit log) is kept or rolled back with it. Certificates sits below
coordination and does not know who records what: coordination connects its receivers in
``apps.ready``. Each signal names the person who acted as ``by`` (None for the system).
"""

from contextlib import suppress

from django.dispatch import Signal, receiver

from courses.events import course_completed

# A certificate recorded by hand for an in-person training (``certificate``, ``by``).
certificate_awarded_in_person = Signal()
# A certificate revoked (``certificate``, ``by``); sent once, not when it was already revoked.
certificate_revoked = Signal()
# A bulk issue queued (``run``, ``by``, ``resumed``: True when an interrupted run is queued
# again). The certificates it issues are not announced one by one.
issue_run_queued = Signal()


@receiver(course_completed, dispatch_uid="certificates_issue_on_completion")
def issue_on_completion(sender, enrolment, **kwargs):
    from certificates import services
    from courses.models import CoursePage

    course = enrolment.course
    if course.certificate_issue != CoursePage.CertificateIssue.AUTOMATIC:
        return
    # Below the minimum grade, nothing is issued: a coordinator sees it in the eligible list.
    with suppress(services.CertificateRefused):
        # Signing and the e-mail wait for the commit, in a task: not in the learner's request.
        services.certificate_issue(learner=enrolment.learner, course=course)
