"""The lead trainer picks a course's mentors, and switches questions off, in the course editor."""

import pytest

from courses.models import CoursePage
from lms import roles
from lms import services as lms_services
from mentoring import selectors
from mentoring.models import MentoringPolicy
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_course_editor_offers_mentors_and_the_questions_switch(client, course):
    lead = factories.make_staff(role=roles.LEAD_TRAINER, with_totp=True)
    course.trainers.add(lead)
    course.save_revision().publish()
    client.force_login(lead)
    html = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert 'name="mentors-TOTAL_FORMS"' in html
    assert 'name="mentoring_policies-MAX_NUM_FORMS" value="1"' in html


def test_only_trainer_accounts_can_be_chosen_as_mentors(course):
    trainer = factories.make_staff(role=roles.TRAINER)
    lead = factories.make_staff(role=roles.LEAD_TRAINER)
    coordinator = factories.make_staff(role=roles.COORDINATOR)
    learner = factories.make_learner()
    form_class = CoursePage.get_edit_handler().get_form_class()
    form = form_class(instance=course, for_user=lead)
    both = factories.make_staff(role=roles.TRAINER)
    lms_services.role_grant(user=both, role=roles.LEAD_TRAINER)
    listed = list(form.formsets["mentors"].empty_form.fields["mentor"].queryset)
    choices = set(listed)
    assert {trainer, lead, both} <= choices
    assert listed.count(both) == 1
    assert coordinator not in choices and learner not in choices


def test_questions_are_on_unless_the_course_switches_them_off(course):
    assert selectors.questions_enabled(course_id=course.pk)
    MentoringPolicy.objects.create(course=course, questions_enabled=True)
    assert selectors.questions_enabled(course_id=course.pk)
    MentoringPolicy.objects.filter(course=course).update(questions_enabled=False)
    assert not selectors.questions_enabled(course_id=course.pk)
