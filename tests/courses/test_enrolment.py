"""Self-enrolment, invitation courses, withdrawing and enrolling again."""

import pytest
from allauth.account.models import EmailAddress

from courses import services
from courses.models import CoursePage, Enrolment
from tests import factories

pytestmark = pytest.mark.django_db


def test_learner_enrols_in_an_open_course_from_its_page(learner_client, learner, course):
    response = learner_client.post(f"/en/learn/enrol/{course.pk}/", {"next": course.url})
    assert response["Location"] == course.url
    assert Enrolment.objects.get(learner=learner, course=course).status == "active"


@pytest.mark.engine_sensitive
def test_enrolling_twice_keeps_one_enrolment(learner, course):
    first = services.enrolment_create(learner=learner, course=course)
    second = services.enrolment_create(learner=learner, course=course)
    assert first.pk == second.pk
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_unverified_email_cannot_enrol(course):
    person = factories.make_user(email_verified=False)
    with pytest.raises(services.EnrolmentRefused, match="Confirm your e-mail address"):
        services.enrolment_create(learner=person, course=course)
    assert not Enrolment.objects.filter(learner=person).exists()
    EmailAddress.objects.filter(user=person).update(verified=True)
    assert services.enrolment_create(learner=person, course=course)


def test_invitation_course_refuses_self_enrolment_with_a_clear_message(client, learner, catalog):
    course = factories.make_course(index=catalog, enrolment=CoursePage.Enrolment.INVITATION)
    client.force_login(learner)
    response = client.post(f"/en/learn/enrol/{course.pk}/", follow=True)
    assert "This course is by invitation" in response.content.decode()
    assert not Enrolment.objects.filter(learner=learner).exists()


@pytest.mark.engine_sensitive
def test_invitation_course_accepts_a_cohort_enrolment(learner, catalog):
    from courses.models import Cohort

    course = factories.make_course(index=catalog, enrolment=CoursePage.Enrolment.INVITATION)
    cohort = Cohort.objects.create(course=course, name="Accra 2026", start_date="2026-01-05")
    enrolment = services.enrolment_create(learner=learner, course=course, cohort=cohort)
    assert enrolment.cohort == cohort


@pytest.mark.engine_sensitive
def test_withdraw_and_enrol_again_keeps_history_and_progress(learner, course, lessons):
    services.enrolment_create(learner=learner, course=course)
    services.lesson_complete(learner=learner, lesson=lessons[0])
    services.enrolment_withdraw(learner=learner, course=course)
    again = services.enrolment_create(learner=learner, course=course)
    statuses = sorted(Enrolment.objects.filter(learner=learner).values_list("status", flat=True))
    assert statuses == ["active", "withdrawn"]
    assert again.progress_percent == 25


def test_anonymous_enrol_goes_to_sign_in(client, course):
    response = client.post(f"/en/learn/enrol/{course.pk}/")
    assert "/accounts/login/" in response["Location"]


def test_enrol_needs_post(learner_client, course):
    assert learner_client.get(f"/en/learn/enrol/{course.pk}/").status_code == 405


def test_enrol_in_an_unknown_course_is_not_found(learner_client, db):
    assert learner_client.post("/en/learn/enrol/999999/").status_code == 404


@pytest.mark.engine_sensitive
def test_an_approved_application_enrols_without_a_cohort(catalog):
    """Approving an application "into no cohort" (the only choice for self-paced vetted
    courses) used to fail with an AttributeError on the missing cohort."""
    from courses import services
    from courses.models import Enrolment

    course = factories.make_course(index=catalog, modules=1, lessons=1, enrolment="approval")
    learner = factories.make_learner()
    enrolment = services.enrolment_create(learner=learner, course=course, approved=True)
    assert enrolment.cohort is None
    assert Enrolment.objects.filter(learner=learner, course=course, status="active").exists()
