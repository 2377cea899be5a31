"""An exam-morning cohort for the load test: N learners of one course and a timed quiz.

Development only: ``scripts/loadtest`` runs ``python -m tests.load.cohort`` with the platform's
settings on a throw-away database that already holds the seeded demo. It adds

- one quiz of 20 single-choice questions (four choices each, five a page, 30 minutes, one
  attempt) at the end of the course's first module;
- ``--learners`` accounts (``exam-<n>@load.invalid``) sharing one password, hashed once: the
  users, their e-mail address records and complete profiles are written in bulk;
- one cohort of the course, run by the demo programme manager, with every learner enrolled
  through the coordination service (``member_add``), as a coordinator's import would.

It prints, as JSON after ``SCENARIO``, what the Locust users need: the URLs of the public
pages, the lesson and the quiz, the quiz id and the accounts' address pattern.
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
COURSE_SLUG = "mobile-forensics"
QUIZ_SLUG = "exam-morning-quiz"
QUESTIONS = 20
EMAIL = "exam-{n}@load.invalid"
MANAGER = "manager@example.org"


def _quiz_ensure(course):
    """The 20-question quiz at the end of the course's first module, made once."""
    from assessments.models import Question, QuestionCategory, QuizPage, QuizQuestion
    from courses.models import ModulePage

    existing = QuizPage.objects.filter(slug=QUIZ_SLUG).first()
    if existing is not None:
        return existing
    module = ModulePage.objects.child_of(course).live().order_by("path").first()
    category = QuestionCategory.objects.create(name="Exam morning (load test)")
    questions = []
    for n in range(1, QUESTIONS + 1):
        question = Question(
            category=category,
            type="single",
            title=f"Exam question {n}",
            text=f"<p>Which step preserves the evidence in case {n}?</p>",
            answers=[
                ("choice", {"text": f"Step {letter}", "weight": weight, "feedback": ""})
                for letter, weight in (("A", 100), ("B", 0), ("C", 0), ("D", 0))
            ],
        )
        question.save()
        questions.append(question)
    quiz = QuizPage(
        title="Exam morning",
        slug=QUIZ_SLUG,
        time_limit_minutes=30,
        questions_per_page=5,
        max_attempts=1,
        required=False,
    )
    quiz.fixed_questions = [QuizQuestion(question=question) for question in questions]
    module.add_child(instance=quiz)
    quiz.save_revision().publish()
    return quiz


def _learners_create(count: int, password: str) -> list:
    """``count`` verified learner accounts with complete profiles; one password hash."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from devtools.benchdata import batched
    from lms import roles
    from lms.models import Profile

    User = get_user_model()
    hashed = make_password(password)
    learners = Group.objects.get(name=roles.LEARNER)
    emails = [EMAIL.format(n=n) for n in range(count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    # A database prepared by an earlier run: its accounts take this run's password.
    User.objects.filter(email__in=existing).update(password=hashed)
    for batch in batched([email for email in emails if email not in existing], 1000):
        users = User.objects.bulk_create(
            User(username=email, email=email, password=hashed) for email in batch
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, primary=True, verified=True)
            for user in users
        )
        Profile.objects.bulk_create(
            Profile(
                user=user,
                given_name="Exam",
                family_name=user.email.split("@")[0],
                country="KE",
                agency_type="police",
                preferred_language="en",
            )
            for user in users
        )
        User.groups.through.objects.bulk_create(
            User.groups.through(user_id=user.pk, group_id=learners.pk) for user in users
        )
    return list(User.objects.filter(email__in=emails).order_by("pk"))


def seed(*, learners: int, password: str) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from certificates.models import Certificate
    from coordination import services as coordination
    from courses.models import Cohort, CoursePage, LessonPage

    started = time.monotonic()
    course = CoursePage.objects.get(slug=COURSE_SLUG, locale__language_code="en")
    manager = get_user_model().objects.get(email=MANAGER)
    with transaction.atomic():
        quiz = _quiz_ensure(course)
        people = _learners_create(learners, password)
    cohort = Cohort.objects.filter(course=course, name="Exam morning").first()
    if cohort is None:
        cohort = coordination.cohort_save(
            cohort=Cohort(course=course, name="Exam morning", start_date=date.today()),
            by=manager,
            created=True,
        )
    for person in people:
        coordination.member_add(cohort=cohort, learner=person, by=manager)
    lesson = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    certificate = Certificate.objects.filter(revoked_at=None).order_by("pk").first()
    public = ["/en/", "/fr/", "/pt/", "/es/", "/en/courses/", "/fr/courses/", course.url]
    for language in ("fr", "pt", "es"):
        translated = CoursePage.objects.filter(
            translation_key=course.translation_key, locale__language_code=language, live=True
        ).first()
        if translated is not None:
            public.append(translated.url)
    if certificate is not None:
        public.append(f"/en/verify/{certificate.code}/")
    return {
        "learners": learners,
        "email": EMAIL,
        "password": password,
        "quiz_id": quiz.pk,
        "quiz_url": quiz.url,
        "lesson_url": lesson.url,
        "course_url": course.url,
        "public": public,
        "verification": f"/en/verify/{certificate.code}/" if certificate else None,
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--password", required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    sys.stdout.write(
        "SCENARIO " + json.dumps(seed(learners=args.learners, password=args.password)) + "\n"
    )


if __name__ == "__main__":
    main()
