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
