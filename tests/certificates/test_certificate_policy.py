"""A course's certificate template is chosen through certificates.CertificatePolicy.

The policy points at the course, so courses (below certificates) has no foreign key to
certificates; the lead trainer still picks the template in the course's "Certificate" panel.
"""

import pytest

from certificates import selectors
from certificates.models import CertificatePolicy, CertificateTemplate
from courses.models import CoursePage
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return factories.make_course(index=catalog, modules=1, lessons=1, title="Digital evidence")


def test_a_course_without_a_policy_uses_the_first_template(course):
    first = CertificateTemplate.objects.create(name="Academy", programme_name="Academy")
    CertificateTemplate.objects.create(name="Other", programme_name="Other")
    assert selectors.template_for(course) == first


def test_a_course_with_a_policy_uses_its_template_in_every_language(
    course, django_capture_on_commit_callbacks
):
    CertificateTemplate.objects.create(name="Academy", programme_name="Academy")
    chosen = CertificateTemplate.objects.create(name="Lusaka", programme_name="Lusaka")
    CertificatePolicy.objects.create(course=course, template=chosen)
    factories.translate_tree(course, "fr")
    french = CoursePage.objects.get(
        translation_key=course.translation_key, locale__language_code="fr"
    )
    assert selectors.template_for(course) == chosen
    assert selectors.template_for(french) == chosen


def test_courses_hold_no_foreign_key_to_certificates():
    targets = {
        field.related_model._meta.app_label
        for field in CoursePage._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is not None
    }
    assert "certificates" not in targets


def test_the_course_editor_offers_one_certificate_template(client, catalog, course):
    lead = factories.make_staff(role=roles.LEAD_TRAINER, with_totp=True)
    course.trainers.add(lead)
    course.save_revision().publish()
    client.force_login(lead)
    html = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert 'name="certificate_policies-TOTAL_FORMS"' in html
    assert 'name="certificate_policies-MAX_NUM_FORMS" value="1"' in html
