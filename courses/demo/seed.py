"""The demo catalog and the demo cohort.

The courses themselves are data files in content/, loaded by the curriculum app
(curriculum.loading); this module makes the catalog page they go under and the cohort that
shows cohort pacing.
"""

import datetime

from django.db import transaction

from courses import services
from courses.models import Cohort, CourseIndexPage
from lms.services import page_translation_import

CATALOG_TRANSLATIONS = {
    "fr": {"Courses": "Formations", "courses": "formations"},
    "pt": {"Courses": "Cursos", "courses": "cursos"},
    "es": {"Courses": "Cursos", "courses": "cursos"},
}
# The trainer account is assigned to this course; the demo cohort follows the other.
TRAINER_COURSE = "mobile-forensics"
COHORT_COURSE = "diploma-ocsea"
# A self-paced course that takes applications, also assigned to the demo coordinator.
APPLICATIONS_COURSE = "darknet-investigations"


@transaction.atomic
def catalog_ensure(home) -> CourseIndexPage:
    """The catalog page under the English home page, translated into the other languages."""
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = CourseIndexPage(title="Courses", slug="courses")
        home.add_child(instance=index)
        index.save_revision().publish()
    existing = set(index.get_translations().values_list("locale__language_code", flat=True))
    for language_code, strings in CATALOG_TRANSLATIONS.items():
        if language_code not in existing:
            page_translation_import(page=index, language_code=language_code, strings=strings)
    services.catalog_review_setup(index=index)
    return index


@transaction.atomic
def cohort_ensure(*, course, name, country, start_date, coordinators=()) -> Cohort:
    cohort, created = Cohort.objects.get_or_create(
        course=course, name=name, defaults={"country": country, "start_date": start_date}
    )
    if created:
        cohort.coordinators.set(coordinators)
    return cohort


def sample_start_date() -> datetime.date:
    """A cohort that started ten days ago, so the demo shows open and locked modules."""
    return datetime.date.today() - datetime.timedelta(days=10)
