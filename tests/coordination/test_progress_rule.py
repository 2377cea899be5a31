"""The progress table ticks a module by the completion rule the learner's outline uses."""

import pytest

from coordination.selectors import cohort_progress_for
from courses import selectors
from courses.models import Cohort
from discussions import services as discussion_services
from tests import factories
from tests.coordination.test_progress import complete_lessons, join, make_cohort

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]


def _cell(cohort):
    cohort = Cohort.objects.select_related("course").get(pk=cohort.pk)
    return cohort_progress_for(cohort=cohort).rows[0].cells[0]


def test_a_module_tick_waits_for_its_discussion_case(catalog):
    course = factories.make_course(index=catalog, modules=0)
    module = factories.make_module(course=course, title="Week 1")
    lesson = factories.make_lesson(module=module)
    case = factories.make_discussion(module=module)
    cohort = make_cohort(course)
    person = join(cohort)
    complete_lessons(person, lesson)
    assert (_cell(cohort).lessons_done, _cell(cohort).is_complete) == (1, False)
    assert not selectors.course_outline_for(course=course, user=person).modules[0].is_complete
    discussion_services.reply_post(author=person, discussion=case, text="I would ask first.")
    assert _cell(cohort).is_complete
    assert selectors.course_outline_for(course=course, user=person).modules[0].is_complete


def test_a_module_with_nothing_required_is_ticked(catalog):
    course = factories.make_course(index=catalog, modules=0)
    module = factories.make_module(course=course, title="Welcome")
    factories.make_lesson(module=module, required=False)
    cohort = make_cohort(course)
    join(cohort)
    assert _cell(cohort).is_complete
