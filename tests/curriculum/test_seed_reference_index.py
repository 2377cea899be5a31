"""Seeding the demo leaves no reference-index or search-index tasks for the worker (Wagtail
queues one of each per save, several per page) and still leaves both indexes complete."""

import pytest
from django.core.management import call_command
from django_tasks import default_task_backend
from wagtail.models import ReferenceIndex

from courses.models import CoursePage
from curriculum.build import programme_objects
from curriculum.po import po_export, po_path, programme_entries
from curriculum.reader import programme_read
from tests.curriculum.conftest import COURSE, po_fill

# The command's own transaction must be the outermost one, as when it is run by hand: the
# translations wagtail-localize publishes when it commits are part of what it seeds.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def index_rows():
    return set(
        ReferenceIndex.objects.values_list(
            "content_type", "object_id", "to_content_type", "to_object_id", "model_path",
            "content_path",
        )
    )  # fmt: skip


def test_seeding_queues_no_index_task_and_both_indexes_are_complete(content_dir, settings):
    # Translated into French too: translating switches Wagtail's own indexing switch off and
    # on, which must not switch it back on for the rest of the seed.
    programme = programme_read(content_dir / COURSE["slug"])
    po_export(programme, programme_entries(programme_objects(programme)), "fr")
    po_fill(po_path(programme, "fr"))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    call_command(
        "seed_demo", "--i-know-this-is-not-production", "--quiet", "--programme", COURSE["slug"],
        "--content-dir", str(content_dir),
    )  # fmt: skip
    assert CoursePage.objects.filter(locale__language_code="fr", live=True).exists()
    names = {result.task.name for result in default_task_backend.results}
    assert "update_reference_index_task" not in names
    assert "insert_or_update_object_task" not in names
    # The search index was built once at the end: the French course is found by its title.
    french = CoursePage.objects.get(locale__language_code="fr", live=True)
    found = CoursePage.objects.live().filter(locale=french.locale).search(french.title)
    assert french.pk in {page.pk for page in found}
    seeded = index_rows()
    assert seeded  # the pilot course's pages point at their documents and images
    call_command("rebuild_references_index", verbosity=0)
    assert index_rows() == seeded
