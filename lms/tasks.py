"""Background work of the accounts app (django-tasks)."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def account_mail_send_task(message: dict) -> None:
    """Send one account mail (verification, password reset, notice) rendered by the adapter."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        headers=message["headers"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    email.send()
