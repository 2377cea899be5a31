"""Hostile nomination letters: refused with a reason unless they are PDFs, never a 500, and a
refused letter makes no application."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coordination.models import EnrolmentApplication
from coordination.services import LETTER_MAX_BYTES, letter_problem
from tests import factories

letters = st.one_of(
    st.binary(max_size=64),
    st.binary(max_size=64).map(lambda tail: b"%PDF-" + tail),
    st.sampled_from([b"", b"%PDF", b"%pdf-1.4", b"\xef\xbb\xbf%PDF-1.4", b"<html>%PDF-"]),
)


@settings(
    max_examples=10_000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=letters)
def test_a_letter_is_refused_with_a_reason_unless_it_is_a_pdf(data):
    problem = letter_problem(SimpleUploadedFile("letter.pdf", data, "application/pdf"))
    assert (problem is None) == data.startswith(b"%PDF-")
    assert problem is None or problem


def test_a_letter_larger_than_the_limit_is_refused():
    data = b"%PDF-" + b"0" * LETTER_MAX_BYTES
    problem = letter_problem(SimpleUploadedFile("letter.pdf", data, "application/pdf"))
    assert problem == "The nomination letter is larger than 2 MB."


@pytest.mark.django_db
def test_hostile_letters_through_the_application_form_never_fail(catalog, client):
    course = factories.make_course(index=catalog, modules=1, lessons=1, enrolment="approval")
    client.force_login(factories.make_learner())
    url = f"/en/learn/apply/{course.pk}/"

    @settings(max_examples=200, deadline=None, derandomize=True)
    @given(
        data=letters,
        name=st.sampled_from(["letter.pdf", "x", "../../x.pdf", "a" * 300, "carta ñ.pdf"]),
    )
    def apply(data, name):
        before = EnrolmentApplication.objects.count()
        response = client.post(
            url,
            {
                "agency_name": "Polícia Judiciária",
                "agency_type": "police",
                "job_title": "Inspector",
                "motivation": "Cases.",
                "letter": SimpleUploadedFile(name, data, "application/pdf"),
            },
        )
        assert response.status_code < 500
        if not data.startswith(b"%PDF-"):
            assert EnrolmentApplication.objects.count() == before

    apply()
