"""A small course with a quiz, a cohort of two learners, translated into French: what the
classroom tests export, study offline and bring back (the fixtures are in conftest.py)."""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests import factories

EVIDENCE_BYTES = b"Extraction report\nIMEI: 356938035643809\n"


def fresh(world: dict) -> dict:
    from django.contrib.auth import get_user_model

    from assessments.models import Question, QuizPage
    from courses.models import Cohort, CoursePage, ModulePage

    users = get_user_model().objects.in_bulk([learner.pk for learner in world["learners"]])
    return {
        "course": CoursePage.objects.get(pk=world["course"].pk),
        "module": ModulePage.objects.get(pk=world["module"].pk),
        "quiz": QuizPage.objects.get(pk=world["quiz"].pk),
        "question": Question.objects.get(pk=world["question"].pk),
        "evidence_question": Question.objects.get(pk=world["evidence_question"].pk),
        "evidence": get_document_model().objects.get(pk=world["evidence"].pk),
        "cohort": Cohort.objects.get(pk=world["cohort"].pk),
        "learners": [users[learner.pk] for learner in world["learners"]],
    }


def build_classroom_world() -> dict:
    from courses.models import Cohort

    course = factories.make_course(modules=1, lessons=1, title="Field triage")
    module = course.get_children().first().specific
    category = factories.make_category(course=course)
    question = factories.make_question(category=category)
    evidence = get_document_model().objects.create(
        title="Seized phone extraction",
        file=ContentFile(EVIDENCE_BYTES, name="extraction-report.txt"),
        collection=Collection.get_first_root_node(),
    )
    evidence_question = factories.make_question(
        category=category,
        type="evidence",
        text="<p>Which IMEI does the extraction report give?</p>",
        expected_evidence_value="356938035643809",
        evidence_file=evidence,
    )
    quiz = factories.make_quiz(
        module=module, questions=[question, evidence_question], pass_mark=50
    )
    factories.translate_tree(course, "fr")
    cohort = Cohort.objects.create(
        course=course, name="Dakar, March", start_date=datetime.date(2026, 12, 1)
    )
    learners = [
        factories.make_learner(email="awa@example.org", given_name="Awa", family_name="Diop"),
        factories.make_learner(email="joao@example.org", given_name="João", family_name="Silva"),
    ]
    for learner in learners:
        factories.make_enrolment(learner=learner, course=course, cohort=cohort)
    return {
        "course": course,
        "module": module,
        "quiz": quiz,
        "question": question,
        "evidence_question": evidence_question,
        "evidence": evidence,
        "cohort": cohort,
        "learners": learners,
    }
