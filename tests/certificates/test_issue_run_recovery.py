"""A bulk issue whose worker died is seen as interrupted and resumed without duplicates.

The worker is "killed" by an exception that is not an ``Exception`` (as SIGKILL, it skips
the run's own error handling), so the run is left ``running`` part-way, exactly as the
attack on the demo found it.
"""

import datetime

import pytest
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, IssueRun
from lms import roles
from tests import factories
from tests.certificates.test_certificates import complete

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing in the run may catch it."""


@pytest.fixture
def course(catalog):
    return factories.make_course(
        index=catalog, modules=1, lessons=1, certificate_issue="coordinator"
    )


@pytest.fixture
def manager_client(client):
    client.force_login(factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True))
    return client


@pytest.fixture
def killed_run(course, monkeypatch):
    """A run killed after issuing 2 of 5 certificates, its last sign of life 10 minutes ago."""
    learners = [factories.make_learner() for _ in range(5)]
    for learner in learners:
        complete(learner, course)
    run = IssueRun.objects.create(course=course)
    real_issue = services.certificate_issue
    calls = []

    def dying_issue(**kwargs):
        if len(calls) == 2:
            raise WorkerKilled
        calls.append(kwargs["learner"])
        return real_issue(**kwargs)

    monkeypatch.setattr(services, "certificate_issue", dying_issue)
    with pytest.raises(WorkerKilled):
        services.issue_run_execute(run_id=run.pk)
    monkeypatch.setattr(services, "certificate_issue", real_issue)
    IssueRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    run.refresh_from_db()
    return run, learners


def test_a_killed_run_is_shown_as_interrupted_with_a_way_to_resume(manager_client, killed_run):
    run, _ = killed_run
    assert (run.state, run.issued, run.total) == ("running", 2, 5)
    html = manager_client.get(f"/admin/certificates/run/{run.pk}/").content.decode()
    assert "Interrupted" in html
    assert f'action="/admin/certificates/run/{run.pk}/resume/"' in html


@pytest.mark.engine_sensitive
def test_resuming_a_killed_run_gives_exactly_one_certificate_each(
    manager_client, killed_run, django_capture_on_commit_callbacks
):
    run, learners = killed_run
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(f"/admin/certificates/run/{run.pk}/resume/")
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.state, run.issued, run.total) == ("done", 5, 5)
    for learner in learners:
        assert Certificate.objects.filter(learner=learner, course=run.course).count() == 1


@pytest.mark.engine_sensitive
def test_a_run_that_still_reports_progress_cannot_be_resumed(
    manager_client, course, django_capture_on_commit_callbacks
):
    run = IssueRun.objects.create(course=course, state="running", heartbeat_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = manager_client.post(f"/admin/certificates/run/{run.pk}/resume/")
    assert response.status_code == 409
    assert "still making progress" in response.content.decode()
    assert callbacks == []
    run.refresh_from_db()
    assert run.state == "running"
    assert (
        "Interrupted"
        not in manager_client.get(f"/admin/certificates/run/{run.pk}/").content.decode()
    )


@pytest.mark.engine_sensitive
def test_resuming_twice_at_once_queues_the_run_once(
    killed_run, django_capture_on_commit_callbacks
):
    run, _ = killed_run
    with django_capture_on_commit_callbacks() as callbacks:
        services.issue_run_resume(run=run)
        with pytest.raises(services.CertificateRefused):
            services.issue_run_resume(run=run)
    assert len(callbacks) == 1


def test_resume_is_only_for_those_who_issue_certificates(client, killed_run):
    run, _ = killed_run
    client.force_login(factories.make_learner())
    response = client.post(f"/admin/certificates/run/{run.pk}/resume/")
    assert response.status_code in (302, 403)
    run.refresh_from_db()
    assert run.state == "running"
