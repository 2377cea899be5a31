"""The classroom tests' world (tests/classroom/world.py), built once per module."""

import pytest

from tests.classroom.world import build_classroom_world, fresh
from tests.module_data import module_transaction


@pytest.fixture
def classroom_world(classroom_world_shared, db):
    """The world, its objects read afresh for each test: what a test changes in memory stays
    in that test. (A transactional test, which runs outside the module's transaction,
    overrides this fixture with one that calls build_classroom_world.)"""
    return fresh(classroom_world_shared)


@pytest.fixture(scope="module")
def classroom_world_shared(django_db_setup, django_db_blocker):
    """Built once for the module (tests/module_data.py): about 1 s of set-up a test before."""
    with module_transaction(django_db_blocker):
        yield build_classroom_world()
