"""Plain ``make_*`` functions that build test data with sensible defaults."""

import itertools

from django.contrib.auth.models import Group

from lms import roles, services

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-42"


def make_user(**kwargs):
    """A verified account with a complete profile; pass ``role=`` to add a role."""
    n = next(_counter)
    role = kwargs.pop("role", None)
    kwargs.setdefault("email", f"person{n}@example.org")
    kwargs.setdefault("password", PASSWORD)
    kwargs.setdefault("email_verified", True)
    kwargs.setdefault("given_name", "Ana")
    kwargs.setdefault("family_name", f"Tester{n}")
    kwargs.setdefault("country", "PT")
    kwargs.setdefault("agency_type", "police")
    kwargs.setdefault("preferred_language", "en")
    user = services.user_create(**kwargs)
    if role:
        services.role_grant(user=user, role=role)
    return user


def make_learner(**kwargs):
    return make_user(role=roles.LEARNER, **kwargs)


def make_staff(role=roles.TRAINER, *, with_totp=False, **kwargs):
    user = make_user(role=role, **kwargs)
    if with_totp:
        services.totp_activate(user=user, secret=TOTP_SECRET)
    return user


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def group(name: str) -> Group:
    return Group.objects.get(name=name)
