"""Issue certificates automatically when a course that says so is completed."""

from contextlib import suppress

from django.dispatch import receiver

from courses.events import course_completed


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
        services.certificate_issue(learner=enrolment.learner, course=course, sign_later=True)
