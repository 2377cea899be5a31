"""allauth's forms as this project needs them.

The sign-up form costs the same whether or not the address has an account; the password-reset
form also serves the invitation link, which verifies the address.

Kept apart from ``lms.forms``: allauth's forms module builds its sign-up form on top of
``lms.forms.SignupProfileForm`` (``ACCOUNT_SIGNUP_FORM_CLASS``), so importing it from there
would be circular.
"""

from allauth.account import app_settings
from allauth.account.forms import ResetPasswordKeyForm, SignupForm
from django.contrib.auth.hashers import make_password


class AccountSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth hides its honeypot field with an inline style, which the content security
        # policy blocks (a console error on every sign-up page); the ``hp`` wrapper of the
        # form's template hides it with the site's style sheet instead.
        honeypot = self.fields.get(app_settings.SIGNUP_FORM_HONEYPOT_FIELD or "")
        if honeypot is not None:
            honeypot.widget.attrs.pop("style", None)

    def try_save(self, request):
        """Hash the password on the path that creates no account too.

        With ``ACCOUNT_PREVENT_ENUMERATION`` both paths answer alike, but only a new account
        paid for hashing a password, so a known address answered measurably faster (56 ms
        against 193 ms on the demo). Both paths now hash once and send one mail.
        """
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class AccountResetPasswordKeyForm(ResetPasswordKeyForm):
    def save(self) -> None:
        """Accept the invitation when the account has no password yet, else reset as usual.

        A coordinator's CSV import creates accounts without a usable password and mails them
        this form's link; choosing the first password here is how the invitation is taken up.
        """
        from lms import services

        if self.user.has_usable_password():
            super().save()
        else:
            services.invitation_accept(user=self.user, password=self.cleaned_data["password1"])
