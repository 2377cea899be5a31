"""Trainers edit only the courses they are assigned to; lead trainers review and publish."""

import pytest
from wagtail.models import WorkflowPage

from courses import services
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_courses(catalog):
    services.catalog_review_setup(index=catalog)
    return (
        factories.make_course(index=catalog, title="Course A"),
        factories.make_course(index=catalog, title="Course B"),
    )


def _assign(course, trainer):
    course.trainers.add(trainer)
    course.save_revision().publish()  # publishing syncs the course's trainer group


@pytest.fixture
def trainer_of_a(two_courses):
    trainer = factories.make_staff(role=roles.TRAINER, with_totp=True)
    _assign(two_courses[0], trainer)
    return trainer


def test_assigned_trainer_may_edit_their_course_and_its_pages(two_courses, trainer_of_a):
    course_a, _course_b = two_courses
    lesson = course_a.get_descendants().last()
    assert course_a.permissions_for_user(trainer_of_a).can_edit()
    assert lesson.permissions_for_user(trainer_of_a).can_edit()
    assert course_a.permissions_for_user(trainer_of_a).can_add_subpage()


def test_trainer_of_course_a_cannot_edit_course_b(client, two_courses, trainer_of_a):
    _course_a, course_b = two_courses
    assert not course_b.permissions_for_user(trainer_of_a).can_edit()
    client.force_login(trainer_of_a)
    response = client.get(f"/admin/pages/{course_b.pk}/edit/")
    assert response.status_code in (302, 403)
    assert client.get(f"/admin/pages/{two_courses[0].pk}/edit/").status_code == 200


def test_trainers_cannot_publish(two_courses, trainer_of_a):
    assert not two_courses[0].permissions_for_user(trainer_of_a).can_publish()


def test_removing_a_trainer_takes_their_rights_away(two_courses, trainer_of_a):
    course_a = two_courses[0]
    course_a.trainers.remove(trainer_of_a)
    course_a.save_revision().publish()
    assert not course_a.permissions_for_user(trainer_of_a).can_edit()


def test_lead_trainers_publish_and_review_through_the_workflow(catalog, two_courses):
    lead = factories.make_staff(role=roles.LEAD_TRAINER, with_totp=True)
    assert two_courses[1].permissions_for_user(lead).can_publish()
    workflow = WorkflowPage.objects.get(page=catalog).workflow
    assert two_courses[0].get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.LEAD_TRAINER]


def test_learners_have_no_page_rights(two_courses, learner):
    assert not two_courses[0].permissions_for_user(learner).can_edit()


@pytest.mark.parametrize("page_type", ["coursepage", "modulepage", "lessonpage"])
def test_page_types_only_go_where_they_belong(page_type):
    from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
    from lms.models import HomePage

    allowed_parent = {
        "coursepage": CourseIndexPage,
        "modulepage": CoursePage,
        "lessonpage": ModulePage,
    }[page_type]
    model = {"coursepage": CoursePage, "modulepage": ModulePage, "lessonpage": LessonPage}[
        page_type
    ]
    assert model.allowed_parent_page_models() == [allowed_parent]
    assert model not in HomePage.allowed_subpage_models()


@pytest.mark.parametrize("kind", ["catalog", "course", "module", "lesson"])
def test_every_page_type_can_be_previewed(catalog, kind):
    course = factories.make_course(index=catalog, modules=1, lessons=1)
    page = {
        "catalog": catalog,
        "course": course,
        "module": course.get_children().first().specific,
        "lesson": course.get_descendants().last().specific,
    }[kind]
    response = page.make_preview_request()
    assert response.status_code == 200
    assert page.title in response.content.decode()
    if kind == "lesson":
        assert "teaches one thing well" in response.content.decode()


def test_trainers_edit_the_translation_they_ask_for(two_courses, trainer_of_a):
    """*Translate this page* on a lesson copies the lesson and makes its module and course in
    the new language as aliases, which are never published."""
    from wagtail.models import Locale

    course_a, _course_b = two_courses
    lesson = course_a.get_descendants().last().specific
    french = lesson.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french_course = french.get_parent().get_parent()
    assert french_course.alias_of_id == course_a.pk  # as wagtail-localize makes it
    assert french.permissions_for_user(trainer_of_a).can_edit()
    assert french_course.permissions_for_user(trainer_of_a).can_add_subpage()


def test_a_course_written_first_in_french_can_be_created(catalog):
    from wagtail.models import Locale

    from courses.models import CoursePage

    french_catalog = catalog.copy_for_translation(Locale.objects.get(language_code="fr"))
    course = CoursePage(title="Preuves numériques", slug="preuves", summary="Un cours.")
    french_catalog.add_child(instance=course)
    assert course.pk and course.locale.language_code == "fr"
