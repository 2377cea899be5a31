"""Data that every test of a module reads, built once for the module instead of once a test.

The data lives in a transaction opened when the module's first test asks for it and rolled
back when the module ends; pytest-django runs each test in a savepoint within it, so what a
test changes is gone before the next one. Use it for a module fixture that tests only read
(docs/development.md, "What keeps the suite fast"); a test that changes the objects in memory
needs a function fixture.
"""

from contextlib import contextmanager


@contextmanager
def module_transaction(django_db_blocker):
    """Open the module's transaction, with the four home pages in it; roll it back at the end.

    Build the data inside the ``with`` block and yield it from the module fixture there.
    wagtail-localize publishes translations on commit: wrap their making in
    ``TestCase.captureOnCommitCallbacks(execute=True)``.
    """
    from django.db import transaction
    from django.test import TestCase
    from django.utils import translation

    from curriculum.demo.home import home_pages_ensure

    # In English, as every test starts (tests/conftest.py): module fixtures are made before it.
    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            home_pages_ensure()  # gone if a transactional test ran before in this process
        yield
        transaction.set_rollback(True)


def translated_course_made(titles: dict, *, publish_titles: bool, **course_fields) -> int:
    """Inside ``module_transaction``: an English course (``factories.make_course`` with
    ``course_fields``) translated into each language of ``titles``, which gives each
    translation its title; the English course's id.

    ``publish_titles`` publishes each title as a new revision (what a translator's publish
    leaves); otherwise the title is only written to the page's row.
    """
    from django.test import TestCase

    from courses.models import CoursePage
    from tests import factories

    course = factories.make_course(**course_fields)
    for language, title in titles.items():
        with TestCase.captureOnCommitCallbacks(execute=True):
            translated = factories.translate_tree(course, language)
        if publish_titles:
            translated.title = title
            translated.save_revision().publish()
        else:
            CoursePage.objects.filter(pk=translated.pk).update(title=title)
    return course.pk
