"""allauth wiring: where people land after signing in, and how account mails leave."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse, translate_url
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        # The home page in the current language; PreferredLanguageMiddleware moves it to the
        # person's preferred language and, when needed, to the profile form first.
        return reverse("wagtail_serve", args=[""])

    def add_message(self, request, level, message_template=None, message_context=None, **kwargs):
        """Word the message in the language of the page it will be shown on.

        At sign-in that is the person's preferred language: the login form may have been in
        another one, and PreferredLanguageMiddleware moves the redirect that follows (where
        the message is read) to the preferred language only after this message is rendered.
        """
        profile = getattr(request, "lms_login_profile", None)
        language = profile.preferred_language if profile else translation.get_language()
        with translation.override(language):
            super().add_message(request, level, message_template, message_context, **kwargs)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed logins per account *and* client address, not per account alone.

        allauth keys its "login_failed" limit by the address typed in, so five wrong guesses
        from anywhere locked the real owner out as well. With the client's address in the
        key, a guesser locks out only themselves; the per-address limit still stops one
        client trying many accounts, and a password reset (which clears this count) stays
        open to the owner. allauth offers no public hook for the key: the lock-out tests in
        tests/lms/test_accounts.py fail if this one is renamed.
        """
        account_key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account_key}:{self.get_client_ip(request)}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queue the mail (``lms.notify.mail_enqueue``), rendered in the background in the
        account holder's language when the mail is about an account (a password reset, a
        notice), with its links moved to that language; otherwise (sign-up) in the language of
        the page the person used.

        Sign-up and password reset send a different mail depending on whether the address
        has an account; waiting for the mail server in the request would let the time of
        the answer tell which. allauth's views run outside a transaction, so the task is
        enqueued at once rather than on commit.
        """
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        from lms.notify import language_of, mail_enqueue

        user = context.get("user")
        known = user is not None and getattr(user, "pk", None) is not None
        language = language_of(user) if known else translation.get_language()
        site = get_current_site(allauth_context.request)
        full_context = {"email": email, "current_site": {"name": site.name, "domain": site.domain}}
        for name, value in context.items():
            if name == "request" or (name == "user" and not known):
                continue
            # Resolved in the request's language, the one the link was made in.
            if known and name.endswith("_url") and isinstance(value, str):
                value = translate_url(value, language)
            full_context[name] = value
        mail_enqueue(
            template_prefix=template_prefix,
            context=full_context,
            address=email,
            language=language,
            renderer="account",
            on_commit=False,
        )


def account_mail_render(*, template_prefix: str, address: str, language: str, context: dict):
    """Render one of allauth's mails in ``language`` (the ``account`` renderer of lms.notify)."""
    from allauth.account.adapter import get_adapter

    with translation.override(language):
        return get_adapter().render_mail(template_prefix, address, context)
