"""Synthetic people and learning records in bulk, for the benchmark commands.

Rows are written with ``bulk_create`` in batches, never through the services: a benchmark needs
tens of thousands of rows in seconds, and what it measures (a report, a bulk issue) reads them
as the services would have left them. Everything is deterministic for a given seed, and every
account is created without a usable password and with an ``@bench.invalid`` address, so
benchmark data can never be used to sign in or receive e-mail.
"""

import random
from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from lms.i18n import LANGUAGE_CODES
from lms.models import Profile

BATCH = 2000
COUNTRIES = ["BR", "CO", "GH", "KE", "MZ", "NG", "PE", "PH", "PT", "SN", "TH", "VN", "MX", "ES"]
JOB_TITLES = ["Investigator", "Prosecutor", "Judge", "Analyst", "Forensic examiner", ""]
LANGUAGES = list(LANGUAGE_CODES)


def batched(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def people_create(count: int, *, prefix: str, rng: random.Random) -> list[int]:
    """Create ``count`` accounts with varied profiles; returns their ids in creation order."""
    User = get_user_model()
    unusable = make_password(None)
    ids: list[int] = []
    agency_types = [value for value, _label in Profile.AgencyType.choices]
    genders = [value for value, _label in Profile.Gender.choices]
    for batch in batched(range(count)):
        users = User.objects.bulk_create(
            [
                User(
                    username=f"{prefix}-{n}@bench.invalid",
                    email=f"{prefix}-{n}@bench.invalid",
                    password=unusable,
                    last_name=f"Bench{n:06d}",
                )
                for n in batch
            ]
        )
        if not all(user.pk for user in users):  # backends that do not return ids
            users = list(
                User.objects.filter(email__in=[user.email for user in users]).order_by("pk")
            )
        Profile.objects.bulk_create(
            [
                Profile(
                    user_id=user.pk,
                    given_name="Bench",
                    family_name=f"Person {user.pk}",
                    country=rng.choice(COUNTRIES),
                    agency_type=rng.choice(agency_types),
                    job_title=rng.choice(JOB_TITLES),
                    gender=rng.choice(genders),
                    preferred_language=rng.choice(LANGUAGES),
                )
                for user in users
            ]
        )
        ids.extend(user.pk for user in users)
    return ids
