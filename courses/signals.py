"""Keep per-course trainer permissions in step with the published course page."""

from django.dispatch import receiver
from wagtail.signals import page_published

from courses.models import CourseIndexPage, CoursePage


@receiver(page_published, sender=CoursePage, dispatch_uid="courses_sync_trainers")
def sync_trainers_on_publish(sender, instance, **kwargs):
    from courses import services

    services.course_trainers_sync(course=instance)


@receiver(page_published, sender=CourseIndexPage, dispatch_uid="courses_setup_review")
def setup_review_on_publish(sender, instance, **kwargs):
    from courses import services

    services.catalog_review_setup(index=instance)
