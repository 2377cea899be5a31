"""allauth wiring: where people land after signing in, and how account mails leave."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        # The home page in the current language; PreferredLanguageMiddleware moves it to the
        # person's preferred language and, when needed, to the profile form first.
        return reverse("wagtail_serve", args=[""])

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render the mail now, in the request's language, and send it in a background task.

        Sign-up and password reset send a different mail depending on whether the address
        has an account; waiting for the mail server in the request would let the time of
        the answer tell which. allauth's views run outside a transaction, so the task is
        enqueued at once rather than on commit.
        """
        from lms.tasks import account_mail_send_task

        message = self._render_account_mail(template_prefix, email, context)
        account_mail_send_task.enqueue(
            message={
                "subject": message.subject,
                "body": message.body,
                "from_email": message.from_email,
                "to": list(message.to),
                "headers": dict(message.extra_headers),
                "alternatives": [
                    [content, mimetype]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
            }
        )

    def _render_account_mail(self, template_prefix: str, email: str, context: dict):
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
        }
        full_context.update(context)
        return self.render_mail(template_prefix, email, full_context)
