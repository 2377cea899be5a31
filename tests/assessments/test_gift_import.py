"""Importing GIFT files into the question bank, and exporting a category."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments import grading, services
from assessments.models import Question, QuestionCategory
from tests import factories

pytestmark = pytest.mark.django_db

GOOD = """// Week 1 questions
$CATEGORY: top/Mobile forensics/Week 1

::Epoch::Unix time counts from which year? {=1970 =nineteen seventy}

::PIN::How many PIN tries does a UICC usually allow? {#3}

::Isolation::Which isolate a phone from networks? {
  ~%50%A shielded bag#Keeps signals out.
  ~%50%Airplane mode
  ~%-100%Leaving it on the desk#Radios stay on.
}

::Truth::Hashes of two live acquisitions usually match as whole images. {F}

::Match::Match the epochs. {
  =Unix -> 1970
  =Cocoa -> 2001
  =WebKit -> 1601
}
"""

BAD = """::Fine::A fine question {=yes ~no}

::Broken::This one never closes {=yes ~no
"""


@pytest.fixture
def category(db):
    return factories.make_category(name="Imported")


def test_a_good_file_imports_every_question_into_its_category(category):
    report = services.questions_import_gift(text=GOOD, category=category)
    assert report.ok
    assert len(report.questions) == 5
    week = QuestionCategory.objects.get(name="Week 1")
    assert sorted(week.questions.values_list("type", flat=True)) == [
        "matching", "multiple", "numeric", "short", "true_false"
    ]  # fmt: skip
    isolation = Question.objects.get(title="Isolation")
    assert grading.grade(isolation.to_spec(), [b.id for b in isolation.answers][:2]).score == 1
    assert not Question.objects.get(title="Truth").correct_is_true


def test_a_file_with_one_error_imports_nothing_and_names_the_line(category):
    report = services.questions_import_gift(text=BAD, category=category)
    assert not report.ok
    assert report.problems[0][0] == 3
    assert not Question.objects.exists()


def test_html_in_imported_text_goes_through_the_sanitizer(category):
    text = '[html]<p>Look <img src=x onerror="alert(1)">here</p>{=yes ~no}'
    report = services.questions_import_gift(text=text, category=category)
    assert report.ok
    assert "onerror" not in report.questions[0].text


def test_export_then_import_gives_the_same_questions(category):
    services.questions_import_gift(text=GOOD, category=category)
    week = QuestionCategory.objects.get(name="Week 1")
    exported, left_out = services.questions_export_gift(category=week)
    assert left_out == []
    before = {q.title: q.to_spec() for q in week.questions.all()}
    Question.objects.all().delete()
    report = services.questions_import_gift(text=exported, category=category)
    assert report.ok
    after = {q.title: q.to_spec() for q in Question.objects.all()}
    assert set(after) == set(before)
    for title, spec in before.items():
        assert after[title].type == spec.type
        assert [c.weight for c in after[title].choices] == [c.weight for c in spec.choices]
        assert after[title].accepted_numbers == spec.accepted_numbers


def test_questions_gift_cannot_carry_are_left_out_of_the_export(category):
    factories.make_question(category=category, type="evidence", expected_evidence_value="x")
    factories.make_question(category=category, title="Plain")
    text, left_out = services.questions_export_gift(category=category)
    assert [q.type for q in left_out] == ["evidence"]
    assert "::Plain::" in text


@pytest.fixture
def trainer_client(client, catalog, category):
    """A trainer of the course the category belongs to (the question bank is per course)."""
    course = factories.make_course(index=catalog, modules=0)
    category.course = course
    category.save()
    client.force_login(factories.make_course_trainer(course=course))
    return client


def test_trainers_import_through_the_admin(trainer_client, category):
    upload = SimpleUploadedFile("week1.gift", GOOD.encode("utf-8-sig"), "text/plain")
    response = trainer_client.post(
        "/admin/question-bank/gift/", {"category": category.pk, "file": upload}
    )
    assert response.status_code == 200
    assert "5 questions imported." in response.content.decode()


def test_the_admin_lists_problems_with_line_numbers(trainer_client, category):
    upload = SimpleUploadedFile("bad.gift", BAD.encode(), "text/plain")
    response = trainer_client.post(
        "/admin/question-bank/gift/", {"category": category.pk, "file": upload}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "<td>3</td>" in html


def test_a_file_that_is_not_utf8_gets_a_clear_error(trainer_client, category):
    upload = SimpleUploadedFile("latin1.gift", "Qué {=sí ~no}".encode("latin-1"), "text/plain")
    response = trainer_client.post(
        "/admin/question-bank/gift/", {"category": category.pk, "file": upload}
    )
    assert response.status_code == 400
    assert "not UTF-8" in response.content.decode()
    assert not Question.objects.exists()


def test_export_downloads_a_gift_file(trainer_client, category):
    factories.make_question(category=category, title="Plain")
    response = trainer_client.get(f"/admin/question-bank/gift/export/{category.pk}/")
    assert response["Content-Disposition"].startswith("attachment")
    assert "::Plain::" in response.content.decode()


def test_learners_cannot_import(client, category):
    client.force_login(factories.make_learner())
    assert client.get("/admin/question-bank/gift/").status_code in (302, 403)


def test_a_category_the_import_made_is_listed_for_export_at_once(client, catalog):
    from assessments.models import QuestionCategory

    course = factories.make_course(index=catalog, modules=1, lessons=1)
    category = factories.make_category(name="Week 1", course=course)
    client.force_login(factories.make_course_trainer(course=course))
    text = "$CATEGORY: Chain of custody\n\n::Seal::Evidence bags are sealed {T}\n"
    upload = SimpleUploadedFile("w1.gift", text.encode(), "text/plain")
    html = client.post(
        "/admin/question-bank/gift/", {"category": category.pk, "file": upload}
    ).content.decode()
    made = QuestionCategory.objects.get(name="Chain of custody", course=course)
    assert f"/admin/question-bank/gift/export/{made.pk}/" in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Le choix 2 est vide."),
        ("pt", "A escolha 2 está vazia."),
        ("es", "La opción 2 está vacía."),
    ],
)
def test_problems_are_listed_in_the_trainers_language(
    trainer_client, category, language, expected
):
    from lms import services as lms_services

    user = trainer_client.session["_auth_user_id"]
    lms_services.profile_update(
        user=get_user_model().objects.get(pk=user), preferred_language=language
    )
    upload = SimpleUploadedFile("bad.gift", b"::Q::Which? {=yes ~}\n", "text/plain")
    response = trainer_client.post(
        "/admin/question-bank/gift/", {"category": category.pk, "file": upload}
    )
    assert response.status_code == 400
    assert expected in response.content.decode()


def test_a_problem_fills_its_placeholders_in_each_language():
    from django.utils import translation

    from assessments.gift import parse_gift

    text = "::W::Weights? {~%60%a ~%60%b ~c}\n"
    with translation.override("en"):
        (english,) = parse_gift(text).problems
    with translation.override("fr"):
        (french,) = parse_gift(text).problems
    assert english.message == "The weights of the right choices add up to 120%, not 100%."
    assert french.message == "La somme des pondérations des bons choix fait 120%, et non 100%."
