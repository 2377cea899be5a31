"""A small programme whose every figure was counted by hand (see the table in each test).

Two courses: "Digital evidence" (A) with a pre-test and a post-test, and "Cryptocurrency
tracing" (B). Cohorts: Lisbon intake (A, coordinated by ``coordinator``), Maputo intake (A)
and Accra intake (B), both coordinated by someone else.

| learner | country | agency | job title | gender | enrolments |
| --- | --- | --- | --- | --- | --- |
| L1 | PT | police | Investigator | female | A Lisbon 2025-02-10, completed 2025-05-20 |
| L2 | PT | prosecution | Prosecutor | male | A Lisbon 2025-02-10, completed 2025-07-01 |
| L3 | MZ | police | Investigator | – | A Maputo 2025-03-01, active |
| L4 | MZ | judiciary | – | declined | A Maputo 2025-03-01, done 2026-01-15; B Accra 2026-01-20 |
| L5 | BR | fiu | Analyst | female | B on their own 2025-11-05, completed 2025-12-01 |
| L6 | BR | police | Investigator | male | A Lisbon 2025-02-10, withdrawn |

Certificates: L1 A 2025-05-21; L2 A 2025-07-02, revoked in error 2025-08-01; L5 B 2025-12-02;
L4 A 2026-01-16, replaced by a corrected one 2026-02-01; an in-person award for B 2025-06-01.

First attempts (pre, post): L1 40 %, 80 % (post 2025-05-19); L2 60 %, 90 % (2025-06-30);
L3 50 %, post in progress; L4 20 % (a retake scored 90 %), 70 % (2026-01-14);
L6 10 %, 100 % but withdrew.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from lms import roles
from tests import factories


def moment(day: str, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour))
    )


def enrol(learner, course, cohort, enrolled: str, *, completed: str = "", withdrawn=False):
    from courses.models import Enrolment

    status = "withdrawn" if withdrawn else ("completed" if completed else "active")
    enrolment = Enrolment.objects.create(
        learner=learner, course=course, cohort=cohort, status=status
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=moment(enrolled), completed_at=moment(completed) if completed else None
    )
    return enrolment


def certify(learner, course, issued: str, *, revoked: str = "", reason: str = "error"):
    from certificates.models import Certificate

    certificate = Certificate.objects.create(
        learner=learner,
        course=course,
        course_title=course.title,
        name_as_printed=learner.profile.display_name if learner else "Walk-in Person",
        language="en",
        revoked_at=moment(revoked) if revoked else None,
        revocation_reason=reason if revoked else "",
    )
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=moment(issued))
    return certificate


def attempt(quiz, learner, score: str, *, number=1, submitted="2025-05-01", state="submitted"):
    from assessments.models import Attempt

    return Attempt.objects.create(
        quiz=quiz,
        learner=learner,
        number=number,
        state=state,
        seed="report-test",
        score=None if state == "in_progress" else Decimal(score),
        submitted_at=None if state == "in_progress" else moment(submitted),
    )


def person(country, agency_type, job_title, gender):
    from lms.models import Profile

    learner = factories.make_learner(country=country, agency_type=agency_type)
    Profile.objects.filter(user=learner).update(job_title=job_title, gender=gender)
    learner.profile.refresh_from_db()
    return learner


@pytest.fixture(scope="module")
def programme(django_db_setup, django_db_blocker):
    """Built once for each test module, inside a transaction rolled back at the module's end
    (as the access matrix's world); each test runs in a savepoint within it, so what a test
    changes is gone before the next one. Building it took 0.7 to 1.1 s of set-up a
    test on PostgreSQL."""
    from django.db import transaction
    from django.test import TestCase

    from curriculum.demo.home import home_pages_ensure

    with django_db_blocker.unblock(), transaction.atomic():
        # Gone if a transactional test ran before in this process; wagtail-localize publishes
        # the translations on commit.
        with TestCase.captureOnCommitCallbacks(execute=True):
            home_pages_ensure()
        yield _programme(factories.make_catalog())
        transaction.set_rollback(True)


def _programme(catalog):
    from courses.models import Cohort

    course_a = factories.make_course(index=catalog, title="Digital evidence", modules=1, lessons=1)
    course_b = factories.make_course(
        index=catalog, title="Cryptocurrency tracing", modules=1, lessons=1
    )
    module = course_a.get_children().first().specific
    pre_test = factories.make_quiz(module=module, title="Before", role="pre_test")
    post_test = factories.make_quiz(module=module, title="After", role="post_test")
    ordinary = factories.make_quiz(module=module, title="Module quiz")
    coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    other_coordinator = factories.make_staff(role=roles.COORDINATOR, with_totp=True)
    lisbon = Cohort.objects.create(
        course=course_a, name="Lisbon intake", country="PT", start_date=datetime.date(2025, 2, 1)
    )
    maputo = Cohort.objects.create(
        course=course_a, name="Maputo intake", country="MZ", start_date=datetime.date(2025, 3, 1)
    )
    accra = Cohort.objects.create(
        course=course_b, name="Accra intake", country="GH", start_date=datetime.date(2026, 1, 20)
    )
    lisbon.coordinators.add(coordinator)
    maputo.coordinators.add(other_coordinator)
    accra.coordinators.add(other_coordinator)
    for assignee, course in [
        (coordinator, course_a),
        (other_coordinator, course_a),
        (other_coordinator, course_b),
    ]:
        factories.make_course_assignment(coordinator=assignee, course=course)

    l1 = person("PT", "police", "Investigator", "female")
    l2 = person("PT", "prosecution", "Prosecutor", "male")
    l3 = person("MZ", "police", "Investigator", "")
    l4 = person("MZ", "judiciary", "", "declined")
    l5 = person("BR", "fiu", "Analyst", "female")
    l6 = person("BR", "police", "Investigator", "male")

    enrol(l1, course_a, lisbon, "2025-02-10", completed="2025-05-20")
    enrol(l2, course_a, lisbon, "2025-02-10", completed="2025-07-01")
    enrol(l3, course_a, maputo, "2025-03-01")
    enrol(l4, course_a, maputo, "2025-03-01", completed="2026-01-15")
    enrol(l4, course_b, accra, "2026-01-20")
    enrol(l5, course_b, None, "2025-11-05", completed="2025-12-01")
    enrol(l6, course_a, lisbon, "2025-02-10", withdrawn=True)

    certify(l1, course_a, "2025-05-21")
    certify(l2, course_a, "2025-07-02", revoked="2025-08-01")
    certify(l5, course_b, "2025-12-02")
    original = certify(l4, course_a, "2026-01-16", revoked="2026-02-01", reason="reissued")
    corrected = certify(l4, course_a, "2026-02-01")
    original.replaced_by = corrected
    original.save(update_fields=["replaced_by"])
    certify(None, course_b, "2025-06-01")

    attempt(pre_test, l1, "0.4000", submitted="2025-02-11")
    attempt(post_test, l1, "0.8000", submitted="2025-05-19")
    attempt(pre_test, l2, "0.6000", submitted="2025-02-11")
    attempt(post_test, l2, "0.9000", submitted="2025-06-30")
    attempt(pre_test, l3, "0.5000", submitted="2025-03-02")
    attempt(post_test, l3, "0", state="in_progress")
    attempt(pre_test, l4, "0.2000", submitted="2025-03-02")
    attempt(pre_test, l4, "0.9000", number=2, submitted="2026-01-10")
    attempt(post_test, l4, "0.7000", submitted="2026-01-14")
    attempt(pre_test, l6, "0.1000", submitted="2025-02-11")
    attempt(post_test, l6, "1.0000", submitted="2025-03-01")
    attempt(ordinary, l5, "0.3000")

    return SimpleNamespace(
        course_a=course_a,
        course_b=course_b,
        lisbon=lisbon,
        maputo=maputo,
        accra=accra,
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        learners=[l1, l2, l3, l4, l5, l6],
        pre_test=pre_test,
        post_test=post_test,
    )


@pytest.fixture
def manager(db):
    return factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def coordinator_client(client, programme):
    client.force_login(programme.coordinator)
    return client
