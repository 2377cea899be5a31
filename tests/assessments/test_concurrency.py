"""Two starts at the same moment still make one attempt (PostgreSQL: real row locks)."""

import threading

import pytest
from django.db import connections

from assessments import services
from assessments.models import Attempt
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.engine_sensitive,
]


@pytest.mark.postgres  # SQLite has no row locks (select_for_update)
def test_simultaneous_starts_make_one_attempt(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    module = course.get_children().first().specific
    quiz = factories.make_quiz(
        module=module, questions=[factories.make_question()], max_attempts=1
    )
    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course)

    barrier = threading.Barrier(2)
    results, errors = [], []

    def start():
        try:
            barrier.wait(timeout=10)
            results.append(services.attempt_start(learner=learner, quiz=quiz).pk)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(set(results)) == 1
    assert Attempt.objects.filter(learner=learner, quiz=quiz).count() == 1
