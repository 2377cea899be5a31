"""A past public webinar in the demo, with its attendance, so that the programme report's
live-session tables (and the coordinators' guide) show figures.

The registrants are the demo's fictional practitioners (their profile's country, agency and
gender, as a learner's registration copies them) and fictional members of the public without
an account. Rows are written with ``bulk_create``, like the rest of the demo's activity
(``curriculum.demo.programme``). Seeding again adds nothing once the webinar exists.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from live.models import LiveSessionPage, Registration
from lms.models import Profile

SLUG = "webinar-sextortion-first-response"
SEED = 2026
ATTENDED_SHARE = 0.75
PUBLIC_REGISTRANTS = 40
# Fictional public registrants: countries, organisations and genders, with weights.
PUBLIC_COUNTRIES = [("SN", 4), ("CI", 3), ("BR", 3), ("PT", 2), ("MZ", 2), ("ES", 2)]
PUBLIC_AFFILIATIONS = [("other", 5), ("police", 3), ("prosecution", 2)]
PUBLIC_GENDERS = [("female", 5), ("male", 4), ("", 2), ("declined", 1)]


def _weighted(rng: random.Random, rows):
    return rng.choices([value for value, _w in rows], weights=[w for _v, w in rows])[0]


@transaction.atomic
def demo_webinar_ensure(*, index, people: int = 160) -> int:
    """Publish the past webinar under the catalog and register demo people for it; returns
    how many registrations were added (0 once it exists)."""
    if LiveSessionPage.objects.filter(slug=SLUG).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - fictional demo data
    session = LiveSessionPage(
        title="Sextortion of teenagers: the first hour (webinar)",
        slug=SLUG,
        description=(
            "<p>A one-hour webinar for first responders, teachers' liaison officers and "
            "helpline staff: what to say to a teenager who is being blackmailed, what to "
            "preserve, and whom to call first.</p>"
        ),
        starts_at=timezone.now() - datetime.timedelta(days=20),
        duration_minutes=60,
        reference_time_zone="Africa/Dakar",
        audience=LiveSessionPage.Audience.PUBLIC,
        capacity=500,
        join_url="https://meet.example.org/demo-webinar",
    )
    index.add_child(instance=session)
    session.save_revision().publish()
    profiles = list(
        Profile.objects.filter(user__email__endswith="@people.demo.invalid")
        .select_related("user")
        .order_by("user_id")[:people]
    )
    rows = [
        Registration(
            session=session,
            user=profile.user,
            email=profile.user.email,
            country=profile.country,
            affiliation_type=profile.agency_type,
            gender=profile.gender,
            language=profile.preferred_language,
            status=Registration.Status.REGISTERED,
            attended=rng.random() < ATTENDED_SHARE,
        )
        for profile in profiles
    ]
    consented = session.starts_at - datetime.timedelta(days=7)
    for n in range(PUBLIC_REGISTRANTS):
        rows.append(
            Registration(
                session=session,
                name=f"Public participant {n + 1}",
                email=f"public.{n + 1}@people.demo.invalid",
                country=_weighted(rng, PUBLIC_COUNTRIES),
                affiliation_type=_weighted(rng, PUBLIC_AFFILIATIONS),
                gender=_weighted(rng, PUBLIC_GENDERS),
                language="fr",
                consented_at=consented,
                status=Registration.Status.REGISTERED,
                attended=rng.random() < ATTENDED_SHARE,
            )
        )
    Registration.objects.bulk_create(rows)
    return len(rows)
