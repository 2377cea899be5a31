"""Plain ``make_*`` functions that build test data with sensible defaults."""

import itertools
from contextlib import contextmanager

from django.contrib.auth.models import Group
from django.db.models.signals import post_save

from lms import roles, services

_counter = itertools.count(1)
PASSWORD = "correct-horse-battery-42"


@contextmanager
def _indexed_once(page):
    """Index ``page`` once, after the block, instead of on each of its saves.

    A page made here is saved three times (added, revised, published), and each save ran
    Wagtail's search-index and reference-index tasks inline: about 40 % of the time it took
    to build a course, most of it redone. The block runs with both switched off for the
    page's model; afterwards the same two tasks are queued once, as a save would queue them.
    """
    from modelsearch.signal_handlers import post_save_signal_handler
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.signal_handlers import disable_reference_index_auto_update
    from wagtail.tasks import update_reference_index_task

    model = type(page)
    searched = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        if searched:
            post_save.connect(post_save_signal_handler, sender=model)
    label = (page._meta.app_label, page._meta.model_name, str(page.pk))
    if searched:
        insert_or_update_object_task.enqueue(*label)
    update_reference_index_task.enqueue(*label)


def _publish_under(parent, page):
    """Add ``page`` under ``parent`` and publish it, as an editor would."""
    with _indexed_once(page):
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def make_user(**kwargs):
    """A verified account with a complete profile; pass ``role=`` to add a role."""
    n = next(_counter)
    role = kwargs.pop("role", None)
    kwargs.setdefault("email", f"person{n}@example.org")
    kwargs.setdefault("password", PASSWORD)
    kwargs.setdefault("email_verified", True)
    kwargs.setdefault("given_name", "Ana")
    kwargs.setdefault("family_name", f"Tester{n}")
    kwargs.setdefault("country", "PT")
    kwargs.setdefault("agency_type", "police")
    kwargs.setdefault("preferred_language", "en")
    user = services.user_create(**kwargs)
    if role:
        services.role_grant(user=user, role=role)
    return user


def make_learner(**kwargs):
    return make_user(role=roles.LEARNER, **kwargs)


def make_staff(role=roles.TRAINER, *, with_totp=False, **kwargs):
    user = make_user(role=role, **kwargs)
    if with_totp:
        services.totp_activate(user=user, secret=TOTP_SECRET)
    return user


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def group(name: str) -> Group:
    return Group.objects.get(name=name)


def make_catalog(home=None):
    from courses.models import CourseIndexPage
    from lms.models import HomePage

    home = home or HomePage.objects.get(locale__language_code="en")
    existing = CourseIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    index = CourseIndexPage(title="Courses", slug="courses")
    _publish_under(home, index)
    return index


def make_course(*, modules: int = 2, lessons: int = 2, index=None, **kwargs):
    """A live course with ``modules`` modules of ``lessons`` lessons each."""
    from courses.models import CoursePage

    n = next(_counter)
    index = index or make_catalog()
    kwargs.setdefault("title", f"Course {n}")
    kwargs.setdefault("slug", f"course-{n}")
    kwargs.setdefault("summary", "A course for tests.")
    course = CoursePage(**kwargs)
    _publish_under(index, course)
    for m in range(modules):
        module = make_module(course=course, title=f"Module {m + 1}")
        for lesson_number in range(lessons):
            make_lesson(module=module, title=f"Lesson {m + 1}.{lesson_number + 1}")
    return course


def make_module(*, course, **kwargs):
    from courses.models import ModulePage

    n = next(_counter)
    kwargs.setdefault("title", f"Module {n}")
    kwargs.setdefault("slug", f"module-{n}")
    module = ModulePage(**kwargs)
    _publish_under(course, module)
    return module


def make_lesson(*, module, **kwargs):
    from courses.models import LessonPage

    n = next(_counter)
    kwargs.setdefault("title", f"Lesson {n}")
    kwargs.setdefault("slug", f"lesson-{n}")
    kwargs.setdefault("body", [("rich_text", f"<p>Lesson {n} teaches one thing well.</p>")])
    lesson = LessonPage(**kwargs)
    _publish_under(module, lesson)
    return lesson


def make_enrolment(*, learner, course, cohort=None):
    from courses import services

    return services.enrolment_create(learner=learner, course=course, cohort=cohort)


def make_course_assignment(*, coordinator, course):
    """Put ``coordinator`` in charge of ``course``, as a programme manager would."""
    from coordination.models import CourseAssignment

    return CourseAssignment.objects.get_or_create(course=course, coordinator=coordinator)[0]


def translate_tree(page, language_code: str):
    """Translate ``page``, its missing ancestors up to the home page, and its descendants.

    Goes through wagtail-localize as a translator would, with the strings left in English.
    Callers wrap it in django_capture_on_commit_callbacks(execute=True): translations are
    published on commit.
    """
    from wagtail.models import Locale, Page

    from lms.services import page_translation_import

    locale = Locale.objects.get(language_code=language_code)
    ancestors = [
        ancestor
        for ancestor in page.get_ancestors().filter(depth__gt=2)
        if not ancestor.get_translations().filter(locale=locale).exists()
    ]
    for each in [*ancestors, page, *page.get_descendants().order_by("path")]:
        page_translation_import(page=each, language_code=language_code, strings={})
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


def make_category(**kwargs):
    from assessments.models import QuestionCategory

    n = next(_counter)
    kwargs.setdefault("name", f"Category {n}")
    return QuestionCategory.objects.create(**kwargs)


def make_question(*, category=None, type="single", **kwargs):
    """A question; single-choice by default, with choices "right" (100%) and "wrong"."""
    from assessments.models import Question

    n = next(_counter)
    category = category or make_category()
    kwargs.setdefault("title", f"Question {n}")
    kwargs.setdefault("text", f"<p>Question {n}?</p>")
    if "answers" not in kwargs and type in ("single", "multiple"):
        kwargs["answers"] = [
            ("choice", {"text": "right", "weight": 100, "feedback": "Well done."}),
            ("choice", {"text": "wrong", "weight": 0, "feedback": "Look again."}),
        ]
    expected = kwargs.pop("expected_evidence_value", None)
    question = Question(category=category, type=type, **kwargs)
    if expected is not None:
        question.evidence_set(expected)
    question.save()
    return question


def make_quiz(*, module, questions=(), **kwargs):
    from assessments.models import QuizPage, QuizQuestion

    n = next(_counter)
    kwargs.setdefault("title", f"Quiz {n}")
    kwargs.setdefault("slug", f"quiz-{n}")
    quiz = QuizPage(**kwargs)
    quiz.fixed_questions = [QuizQuestion(question=question) for question in questions]
    _publish_under(module, quiz)
    return quiz


def make_discussion(*, module, **kwargs):
    """A live discussion case under ``module``; a reply counts towards completion."""
    from discussions.models import DiscussionPage

    n = next(_counter)
    kwargs.setdefault("title", f"Case {n}")
    kwargs.setdefault("slug", f"case-{n}")
    kwargs.setdefault("scenario", f"<p>Scenario {n}: a referral arrives late.</p>")
    kwargs.setdefault("questions", [("question", "What do you do first?")])
    discussion = DiscussionPage(**kwargs)
    _publish_under(module, discussion)
    return discussion


def right_answer(question):
    """The answer that scores full marks on a single-choice question made above."""
    return next(b.id for b in question.answers if b.value["weight"] == 100)


def make_course_trainer(*, course, user=None, role=roles.TRAINER):
    """``user`` (a new staff member with TOTP by default) assigned as a trainer of ``course``.

    Publishing the course gives its trainers their page, collection and question-bank scope.
    """
    user = user or make_staff(role=role, with_totp=True)
    course.trainers.add(user)
    course.save_revision().publish()
    return user


def make_written_question(*, category=None, criteria=2, **kwargs):
    """A written response with ``criteria`` rubric criteria, each with levels worth 0, 1, 2."""
    kwargs.setdefault("text", "<p>Draft the key points of a preservation request.</p>")
    kwargs.setdefault("points", 4)
    kwargs["answers"] = [
        (
            "rubric_criterion",
            {
                "title": f"Criterion {n + 1}",
                "description": "",
                "levels": [
                    {"label": "Missing", "points": 0, "description": ""},
                    {"label": "Partly", "points": 1, "description": ""},
                    {"label": "Complete", "points": 2, "description": ""},
                ],
            },
        )
        for n in range(criteria)
    ]
    return make_question(category=category, type="written", **kwargs)
