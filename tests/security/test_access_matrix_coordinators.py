"""The access matrix (test_access_matrix.py) for the coordinator, the other cohort's
coordinator and the programme manager."""

import pytest

from tests.security.test_access_matrix import ROLE_GROUPS, check_role, world  # noqa: F401

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize("role", ROLE_GROUPS[2])
def test_each_person_reaches_only_what_they_may(world, role):  # noqa: F811
    check_role(world, role)
