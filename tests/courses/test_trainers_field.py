"""A course's *Trainers* field offers, and accepts, trainers and lead trainers only."""

import re

import pytest
from django.core.exceptions import ValidationError

from courses.models import CoursePage
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {
        "trainer": factories.make_staff(roles.TRAINER),
        "lead": factories.make_staff(roles.LEAD_TRAINER, with_totp=True),
        "learner": factories.make_learner(),
        "coordinator": factories.make_staff(roles.COORDINATOR),
        "manager": factories.make_staff(roles.PROGRAMME_MANAGER),
    }


def _trainers_field(course, user):
    form_class = CoursePage.get_edit_handler().get_form_class()
    return form_class(instance=course, for_user=user).fields["trainers"]


def test_the_course_editor_lists_only_trainers_and_lead_trainers(
    client, course, people, django_assert_max_num_queries
):
    client.force_login(people["lead"])
    client.get(f"/admin/pages/{course.pk}/edit/")

    with django_assert_max_num_queries(60):
        html = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()

    select = re.search(r'<select name="trainers".*?</select>', html, re.S).group(0)
    listed = set(re.findall(r"person\d+@example\.org", select))
    assert listed == {people["trainer"].email, people["lead"].email}


def test_a_trainer_is_accepted(course, people):
    field = _trainers_field(course, people["lead"])

    assert list(field.clean([people["trainer"].pk, people["lead"].pk])) == sorted(
        [people["trainer"], people["lead"]], key=lambda user: user.email
    )


@pytest.mark.parametrize("who", ["learner", "coordinator", "manager"])
def test_anyone_else_posted_by_hand_is_refused_with_a_clear_error(course, people, who):
    field = _trainers_field(course, people["lead"])

    with pytest.raises(ValidationError) as refusal:
        field.clean([people["trainer"].pk, people[who].pk])
    assert refusal.value.messages == [
        "Only people with the trainer or lead trainer role can be a course's trainers."
    ]


def test_a_deactivated_trainer_is_not_offered(course, people):
    people["trainer"].is_active = False
    people["trainer"].save()

    assert list(_trainers_field(course, people["lead"]).queryset) == [people["lead"]]
