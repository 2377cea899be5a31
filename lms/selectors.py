"""Reads for accounts and profiles."""

from lms.models import Profile


def profile_time_zone(*, user) -> str:
    """The zone the person chose in their profile, or "" when they have not chosen one."""
    return Profile.objects.filter(user=user).values_list("time_zone", flat=True).first() or ""
