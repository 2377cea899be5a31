"""Files in a course's collection are for its learners and staff, not for anyone with the URL."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from courses import services
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibit(catalog):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    collection = Collection.get_first_root_node().add_child(name="Course files")
    services.course_collection_link(course=course, collection=collection)
    document = get_document_model().objects.create(
        title="Exhibit", file=ContentFile(b"fictional data\n", name="exhibit.txt"),
        collection=collection,
    )  # fmt: skip
    return course, document


def test_a_visitor_is_asked_to_sign_in(client, exhibit):
    _course, document = exhibit
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_someone_not_enrolled_is_refused(client, exhibit):
    _course, document = exhibit
    client.force_login(factories.make_learner())
    assert client.get(document.url).status_code == 403


def test_an_enrolled_learner_and_staff_download_it(client, exhibit):
    course, document = exhibit
    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course)
    client.force_login(learner)
    assert client.get(document.url).status_code == 200
    client.force_login(factories.make_staff(role=roles.TRAINER, with_totp=True))
    assert client.get(document.url).status_code == 200


def test_a_withdrawn_learner_is_refused(client, exhibit):
    course, document = exhibit
    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course)
    services.enrolment_withdraw(learner=learner, course=course)
    client.force_login(learner)
    assert client.get(document.url).status_code == 403


def test_a_file_outside_any_course_stays_public(client):
    document = get_document_model().objects.create(
        title="Leaflet", file=ContentFile(b"%PDF-1.4\n", name="leaflet.pdf")
    )
    assert client.get(document.url).status_code == 200
