"""Background work of certificates (django-tasks): bulk issue, and signing a credential."""

from django_tasks import task


@task()
def issue_run_task(run_id: int) -> None:
    from certificates import services

    services.issue_run_execute(run_id=run_id)


@task()
def credential_sign_task(certificate_id: int) -> None:
    """Sign the credential of a certificate issued on completion, and tell the learner."""
    from certificates import services

    services.certificate_credential_sign(certificate_id=certificate_id)
