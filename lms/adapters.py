"""allauth wiring: where people land after signing in, and which language mails use."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        # The home page in the current language; PreferredLanguageMiddleware moves it to the
        # person's preferred language and, when needed, to the profile form first.
        return reverse("wagtail_serve", args=[""])
