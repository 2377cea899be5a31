"""Members of a cohort-paced course's cohort are told when a module opens, once."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from coordination.openings import module_openings_notify
from courses.models import Cohort, ModulePage
from lms.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 2)


@pytest.fixture
def paced(catalog):
    course = factories.make_course(
        index=catalog, modules=2, lessons=1, title="Cyber investigations", pacing="cohort"
    )
    first, second = ModulePage.objects.child_of(course).order_by("path")
    second.release_offset_days = 14
    second.save_revision().publish()
    return course


@pytest.fixture
def cohort(paced):
    return Cohort.objects.create(course=paced, name="Dakar 2026", start_date=START)


def member(cohort, **kwargs):
    learner = factories.make_learner(**kwargs)
    factories.make_enrolment(learner=learner, course=cohort.course, cohort=cohort)
    return learner


def test_members_are_told_when_a_module_opens(cohort, django_capture_on_commit_callbacks):
    learner = member(cohort)
    with django_capture_on_commit_callbacks(execute=True):
        told = module_openings_notify(today=START + datetime.timedelta(days=14))
    assert told == 1
    (notification,) = Notification.objects.filter(recipient=learner)
    assert notification.kind == "module_opened"
    assert notification.params["page_title"] == "Module 2"
    (message,) = mail.outbox
    assert message.to == [learner.email]
    assert "Module 2" in message.subject


def test_a_member_is_told_once_however_often_the_command_runs(cohort):
    member(cohort)
    day = START + datetime.timedelta(days=15)
    module_openings_notify(today=day)
    assert module_openings_notify(today=day) == 0
    assert module_openings_notify(today=day + datetime.timedelta(days=1)) == 0
    assert Notification.objects.count() == 1


def test_nobody_is_told_of_a_module_that_has_not_opened(cohort):
    member(cohort)
    module_openings_notify(today=START + datetime.timedelta(days=6))
    titles = [n.params["page_title"] for n in Notification.objects.all()]
    assert titles == ["Module 1"]


def test_a_module_that_opened_long_ago_is_not_announced_to_a_new_member(cohort):
    member(cohort)
    assert module_openings_notify(today=START + datetime.timedelta(days=30)) == 0


def test_self_paced_courses_announce_nothing(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    cohort = Cohort.objects.create(course=course, name="Self", start_date=START)
    member(cohort)
    assert module_openings_notify(today=START) == 0


def test_withdrawn_members_are_not_told(cohort):
    from courses import services as course_services

    learner = member(cohort)
    course_services.enrolment_withdraw(learner=learner, course=cohort.course)
    assert module_openings_notify(today=START) == 0


def test_the_mail_is_in_the_members_language(cohort, django_capture_on_commit_callbacks):
    member(cohort, preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        module_openings_notify(today=START)
    (message,) = mail.outbox
    assert message.subject.startswith("Un nuevo módulo está abierto")


def test_the_command_reports_how_many_were_told(cohort, capsys):
    member(cohort)
    call_command("notify_module_openings")
    assert "notifications of opened modules" in capsys.readouterr().out
