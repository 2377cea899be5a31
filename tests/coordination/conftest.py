"""The course and the cohort most coordination tests start from."""

import pytest

from courses.models import Cohort
from tests import factories


@pytest.fixture
def course(catalog):
    return factories.make_course(index=catalog, modules=1, lessons=1, title="Digital evidence")


@pytest.fixture
def cohort(course, coordinator):
    """A cohort of ``course`` run by ``coordinator``, who is assigned to the course."""
    cohort = Cohort.objects.create(course=course, name="Maputo 2026", start_date="2026-03-02")
    cohort.coordinators.add(coordinator)
    factories.make_course_assignment(coordinator=coordinator, course=course)
    return cohort
