"""Each certificate's position in the revocation list: random, unused, kept for old credentials.

A position equal to the primary key told anyone holding two credentials how many certificates
were issued between them.
"""

import pytest

from certificates import services
from tests.certificates.test_certificates import complete

pytestmark = [pytest.mark.django_db, pytest.mark.engine_sensitive]


@pytest.fixture
def certificate(catalog, learner):
    from tests import factories

    course = factories.make_course(index=catalog, modules=1, lessons=1)
    complete(learner, course)
    return learner.certificates.get()


def test_status_list_positions_are_random_and_do_not_count_certificates(catalog):
    from tests import factories

    course = factories.make_course(index=catalog, modules=1, lessons=1)
    issued = []
    for _ in range(6):
        learner = factories.make_learner()
        complete(learner, course)
        issued.append(learner.certificates.get())
    indexes = [certificate.status_index for certificate in issued]
    assert len(set(indexes)) == len(indexes)
    assert all(0 <= index < 131_072 for index in indexes)
    # Consecutive issues do not get consecutive positions (odds of a false alarm: ~2^-85).
    assert sorted(indexes) != list(range(min(indexes), min(indexes) + len(indexes)))
    assert [c.credential["credentialStatus"]["statusListIndex"] for c in issued] == [
        str(index) for index in indexes
    ]


def test_a_new_position_is_never_one_already_held(catalog, monkeypatch):
    from certificates import models
    from tests import factories

    course = factories.make_course(index=catalog, modules=1, lessons=1)
    first = factories.make_learner()
    complete(first, course)
    held = first.certificates.get().status_index
    draws = iter([held] * 32 + [held, held + 1] + [held + 1] * 30)
    monkeypatch.setattr(models._random, "randrange", lambda stop: next(draws))
    second = factories.make_learner()
    complete(second, course)
    assert second.certificates.get().status_index == held + 1


def test_certificates_issued_before_random_positions_still_revoke_through_their_old_one(
    client, certificate
):
    from certificates import status_list
    from certificates.models import Certificate

    # As the migration leaves a certificate whose credential was signed with its primary key.
    Certificate.objects.filter(pk=certificate.pk).update(legacy_status_index=certificate.pk)
    services.certificate_revoke(certificate=certificate, reason="error")
    encoded = client.get("/en/verify/status/revocation/").json()["credentialSubject"][
        "encodedList"
    ]
    assert status_list.is_set(encoded, certificate.pk)
    assert status_list.is_set(encoded, certificate.status_index)


def test_the_migration_gives_existing_certificates_distinct_random_positions(catalog):
    import importlib

    from django.apps import apps
    from django.db.models import F

    from certificates.models import Certificate
    from tests import factories

    migration = importlib.import_module("certificates.migrations.0006_certificate_status_index")
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    for _ in range(5):
        complete(factories.make_learner(), course)
    # Out of the way of the positions the migration draws (it runs when they are all empty).
    Certificate.objects.update(status_index=F("pk") + 10_000_000)
    migration.assign_random_positions(apps, None)
    rows = list(Certificate.objects.values_list("pk", "status_index", "legacy_status_index"))
    assert len({index for _, index, _ in rows}) == len(rows)
    assert all(legacy == pk for pk, _, legacy in rows)
