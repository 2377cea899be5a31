"""Keep per-course trainer permissions in step with the published course page."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from courses.models import CourseIndexPage, CoursePage


@receiver(page_published, sender=CoursePage, dispatch_uid="courses_sync_trainers")
def sync_trainers_on_publish(sender, instance, **kwargs):
    from courses import services

    services.course_trainers_sync(course=instance)


@receiver(post_save, sender=CoursePage, dispatch_uid="courses_sync_trainers_translation")
def sync_trainers_on_translation(sender, instance, created, raw=False, **kwargs):
    """A course's new translation is its trainers' to edit at once.

    *Translate this page* on a lesson makes the course's translation as an alias of the
    course, which is never "published", so without this the trainer who asked for the
    translation was refused the translated lesson it opens.
    """
    from wagtail.models import Locale

    from courses import services

    if not created or raw or instance.locale_id == Locale.get_default().pk:
        return
    source = CoursePage.objects.filter(
        translation_key=instance.translation_key, locale=Locale.get_default()
    )
    if source.exists():  # a course written first in another language has no trainers yet
        services.course_trainers_sync(course=instance)


@receiver(page_published, sender=CourseIndexPage, dispatch_uid="courses_setup_review")
def setup_review_on_publish(sender, instance, **kwargs):
    from courses import services

    services.catalog_review_setup(index=instance)
