"""Background work of the accounts app (django-tasks)."""

from django_tasks import task


@task()
def mail_send_task(
    *,
    template_prefix: str,
    context: dict,
    recipient_id: int | None = None,
    address: str = "",
    language: str = "",
    renderer: str = "notify",
    time_zone: str = "",
    attachments: dict | None = None,
) -> None:
    """Render and send one templated e-mail (``lms.notify.mail_enqueue`` queues it)."""
    from lms.notify import mail_task_run

    mail_task_run(
        template_prefix=template_prefix,
        context=context,
        recipient_id=recipient_id,
        address=address,
        language=language,
        renderer=renderer,
        time_zone=time_zone,
        attachments=attachments,
    )
