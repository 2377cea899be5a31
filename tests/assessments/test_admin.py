"""The question bank in the admin: listing, editing, evidence values, regrading."""

import pytest

from assessments.models import Question
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = factories.make_staff(role=roles.LEAD_TRAINER, with_totp=True)
    user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


def test_question_bank_lists_questions(staff_client):
    question = factories.make_question(title="Which epoch?")
    response = staff_client.get("/admin/snippets/assessments/question/")
    assert response.status_code == 200
    assert "Which epoch?" in response.content.decode()
    assert (
        staff_client.get(f"/admin/snippets/assessments/question/edit/{question.pk}/").status_code
        == 200
    )


def test_the_evidence_value_is_stored_only_as_a_digest(staff_client):
    question = factories.make_question(type="evidence", expected_evidence_value="old-flag")
    edit_url = f"/admin/snippets/assessments/question/edit/{question.pk}/"
    html = staff_client.get(edit_url).content.decode()
    assert "old-flag" not in html
    assert question.evidence_digest not in html
    question.refresh_from_db()
    assert question.evidence_digest and "old-flag" not in question.evidence_digest


def test_questions_with_inconsistent_answers_are_refused():
    from django.core.exceptions import ValidationError

    question = Question(
        category=factories.make_category(),
        type="single",
        title="Bad",
        text="<p>?</p>",
        answers=[("choice", {"text": "a", "weight": 50, "feedback": ""})],
    )
    with pytest.raises(ValidationError):
        question.full_clean()
