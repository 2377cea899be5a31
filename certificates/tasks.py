"""Background work: bulk issue of certificates (django-tasks)."""

from django_tasks import task


@task()
def issue_run_task(run_id: int) -> None:
    from certificates import services

    services.issue_run_execute(run_id=run_id)
