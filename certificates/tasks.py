"""Background work of certificates (django-tasks): bulk issue, and signing a credential."""

from django_tasks import task


@task()
def issue_run_task(run_id: int) -> None:
    from certificates import services

    services.issue_run_execute(run_id=run_id)


@task()
def credential_sign_task(certificate_id: int) -> None:
    """Sign the credential of a certificate just issued, awarded or re-issued, and tell the
    learner (once, however often it runs)."""
    from certificates import services

    services.certificate_credential_sign(certificate_id=certificate_id)
