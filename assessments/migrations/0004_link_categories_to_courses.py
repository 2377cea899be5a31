"""Give each existing question category the course its questions are used in.

A category's course is found through the quizzes that use its questions (fixed questions)
or draw from it (random draws): the course page above those quizzes, mapped to its English
page. A category used by exactly one course gets it, in every language; one used by none or by
several keeps no course, so only programme managers see it until one of them chooses.
"""

from django.conf import settings
from django.db import migrations


def _course_finder(apps):
    CoursePage = apps.get_model("courses", "CoursePage")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    courses = {
        course.path: course.translation_key
        for course in CoursePage.objects.only("path", "translation_key")
    }
    english = {
        course.translation_key: course.pk
        for course in CoursePage.objects.filter(locale=default).only("translation_key")
    }

    def course_of(path: str):
        # Page paths are made of four-character steps; the course is one of the ancestors.
        for end in range(len(path) - 4, 0, -4):
            key = courses.get(path[:end])
            if key is not None:
                return english.get(key)
        return None

    return course_of


def link_categories(apps, schema_editor):
    QuestionCategory = apps.get_model("assessments", "QuestionCategory")
    QuizQuestion = apps.get_model("assessments", "QuizQuestion")
    QuizRandomDraw = apps.get_model("assessments", "QuizRandomDraw")
    course_of = _course_finder(apps)
    uses: dict = {}
    for link in QuizQuestion.objects.select_related("quiz", "question__category"):
        key = link.question.category.translation_key
        uses.setdefault(key, set()).add(course_of(link.quiz.path))
    for draw in QuizRandomDraw.objects.select_related("quiz", "category"):
        uses.setdefault(draw.category.translation_key, set()).add(course_of(draw.quiz.path))
    for key, course_ids in uses.items():
        course_ids.discard(None)
        if len(course_ids) == 1:
            QuestionCategory.objects.filter(translation_key=key, course=None).update(
                course_id=course_ids.pop()
            )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_category_course"),
        ("courses", "0007_course_collection"),
    ]

    operations = [migrations.RunPython(link_categories, migrations.RunPython.noop)]
