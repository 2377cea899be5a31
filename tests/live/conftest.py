import pytest

from courses.models import ModulePage
from tests import factories
from tests.live.factories import make_live_session


@pytest.fixture
def course(catalog):
    return factories.make_course(index=catalog, modules=1, lessons=1)


@pytest.fixture
def module(course):
    return ModulePage.objects.child_of(course).get()


@pytest.fixture
def public_session(catalog):
    return make_live_session(parent=catalog, capacity=2)


@pytest.fixture
def course_session(module):
    from live.models import LiveSessionPage

    return make_live_session(parent=module, audience=LiveSessionPage.Audience.COURSE, capacity=1)


@pytest.fixture
def enrolled(learner, course):
    factories.make_enrolment(learner=learner, course=course)
    return learner


@pytest.fixture
def clock():
    """Set the time the code sees: ``clock(moment)``."""
    from unittest import mock

    patcher = None

    def move_to(moment):
        nonlocal patcher
        if patcher is not None:
            patcher.stop()
        patcher = mock.patch("django.utils.timezone.now", return_value=moment)
        patcher.start()

    yield move_to
    if patcher is not None:
        patcher.stop()


@pytest.fixture
def superuser_client(client, db):
    """A superuser with two-factor set up, signed in (the admin asks staff for it)."""
    user = factories.make_staff(with_totp=True)
    user.is_superuser = True
    user.is_staff = True
    user.save()
    client.force_login(user)
    return client
