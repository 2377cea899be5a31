"""The question editor offers the answer blocks of the question's type, and only those."""

import json
import re
from html import unescape

import pytest

from assessments.models import Question
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/assessments/question/add/"
TEXT = json.dumps(
    {
        "blocks": [
            {
                "key": "q1",
                "text": "Which tool?",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
)


@pytest.fixture
def manager(db):
    return factories.make_staff(role=roles.PROGRAMME_MANAGER, with_totp=True)


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def _form(user, **kwargs):
    from wagtail.admin.panels import get_edit_handler

    return get_edit_handler(Question).get_form_class()(for_user=user, **kwargs)


def _offered(form) -> set[str]:
    return set(form.fields["answers"].block.child_blocks)


def _offered_in(html: str) -> set[str]:
    """The answer block labels the editor's add-block menu will list."""
    labels = {"Choice", "Accepted text", "Accepted number", "Item (in the right order)", "Pair"}
    definitions = unescape(html)
    return {label for label in labels if f'"label": "{label}", "description"' in definitions}


def test_a_new_question_starts_with_the_choice_of_its_type(
    manager_client, django_assert_max_num_queries
):
    manager_client.get(ADD_URL)
    with django_assert_max_num_queries(13):
        html = manager_client.get(ADD_URL).content.decode()

    assert 'class="w-breadcrumbs' in html
    assert 'href="?type=short"' in html
    assert 'href="?type=matching"' in html
    assert 'name="answers' not in html


def test_a_new_short_answer_question_is_offered_accepted_texts_only(manager_client):
    html = manager_client.get(f"{ADD_URL}?type=short").content.decode()

    assert re.search(r'<option value="short" selected>', html)
    assert _offered_in(html) == {"Accepted text"}


@pytest.mark.parametrize(
    ("question_type", "offered"),
    [
        ("single", {"choice"}),
        ("multiple", {"choice"}),
        ("numeric", {"accepted_number"}),
        ("ordering", {"ordering_item"}),
        ("matching", {"matching_pair"}),
        ("true_false", set()),
        ("evidence", set()),
        ("written", {"rubric_criterion"}),
    ],
)
def test_each_type_is_offered_its_own_blocks(manager, question_type, offered):
    assert (
        _offered(_form(manager, instance=Question(), initial={"type": question_type})) == offered
    )


def test_editing_a_single_choice_question_offers_choices_only(manager_client):
    question = factories.make_question(type="single")

    html = manager_client.get(
        f"/admin/snippets/assessments/question/edit/{question.pk}/"
    ).content.decode()

    assert _offered_in(html) == {"Choice"}


def _posted(question, **changes):
    data = {
        "category": question.category_id,
        "type": question.type,
        "title": question.title,
        "text": TEXT,
        "points": "1",
        "correct_is_true": "on",
        "ignore_accents": "on",
        "answers-count": str(len(question.answers)),
    }
    for n, block in enumerate(question.answers):
        data |= {
            f"answers-{n}-type": block.block_type,
            f"answers-{n}-deleted": "",
            f"answers-{n}-order": str(n),
            f"answers-{n}-id": block.id,
            f"answers-{n}-value-text": block.value["text"],
            f"answers-{n}-value-weight": str(block.value["weight"]),
            f"answers-{n}-value-feedback": block.value["feedback"],
        }
    return data | changes


def test_answers_of_another_type_are_kept_and_refused_with_a_clear_error(manager):
    question = factories.make_question(type="single")

    form = _form(manager, instance=question, data=_posted(question, type="short"))

    assert not form.is_valid()
    assert form.errors["answers"] == ["Some answers do not belong to this type of question."]
    # The choices stay in the form, to be seen and removed, next to the blocks that fit.
    assert _offered(form) == {"choice", "accepted_text"}
    question.refresh_from_db()
    assert question.type == "single"


def test_a_question_with_answers_that_fit_its_type_saves(manager):
    question = factories.make_question(type="single")

    form = _form(manager, instance=question, data=_posted(question, title="Renamed"))

    assert form.is_valid(), form.errors
    assert _offered(form) == {"choice"}


def _edit(client, question, **changes):
    url = f"/admin/snippets/assessments/question/edit/{question.pk}/"
    return client.post(url, _posted(question, **changes), follow=True).content.decode()


def test_saving_a_cued_question_warns_without_refusing(manager_client):
    question = factories.make_question(
        type="single",
        answers=[
            ("choice", {"text": "The hash value computed at seizure and recorded in the log",
                        "weight": 100, "feedback": ""}),
            ("choice", {"text": "A photo", "weight": 0, "feedback": ""}),
            ("choice", {"text": "All of the above", "weight": 0, "feedback": ""}),
        ],
    )  # fmt: skip
    html = _edit(manager_client, question, title="Proving integrity")
    question.refresh_from_db()
    assert question.title == "Proving integrity"  # saved
    assert "The right answer is clearly the longest choice" in html
    assert "avoid “all of the above”" in unescape(html)


def test_saving_a_well_written_question_gives_no_item_warning(manager_client):
    question = factories.make_question(
        type="single",
        answers=[
            ("choice", {"text": "Hash value", "weight": 100, "feedback": ""}),
            ("choice", {"text": "File name", "weight": 0, "feedback": ""}),
            ("choice", {"text": "Time stamp", "weight": 0, "feedback": ""}),
        ],
    )  # fmt: skip
    html = _edit(manager_client, question, title="Proving integrity")
    assert "clearly the longest" not in html and "all of the above" not in html


def test_the_editor_of_a_written_question_offers_its_rubric_and_fields(manager_client):
    html = manager_client.get(f"{ADD_URL}?type=written").content.decode()

    assert '"label": "Rubric criterion", "description"' in unescape(html)
    assert _offered_in(html) == set()
    assert 'name="word_limit"' in html and 'name="accepts_file"' in html
    assert 'name="model_answer"' in html


# Regrading after a fix runs in a background task -------------------------------------------

FLIPPED_KEY = {"answers-0-value-weight": "0", "answers-1-value-weight": "100"}


@pytest.fixture
def wrong_attempt(learner, quiz, enrolled, questions):
    """A submitted attempt that picked "wrong" everywhere: 0 of 4."""
    from assessments import services

    attempt = services.attempt_start(learner=learner, quiz=quiz)
    wrong = {q.pk: next(b.id for b in q.answers if b.value["weight"] == 0) for q in questions}
    services.attempt_save(attempt=attempt, learner=learner, answers=wrong)
    return services.attempt_submit(attempt=attempt, learner=learner)


def test_saving_a_question_queues_its_regrading_and_answers_at_once(
    manager_client, wrong_attempt, questions, settings, django_capture_on_commit_callbacks
):
    from decimal import Decimal

    from django_tasks import default_task_backend

    from assessments.models import Attempt

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    question = questions[0]  # its key was the wrong way round
    with django_capture_on_commit_callbacks(execute=True):
        html = _edit(manager_client, question, **FLIPPED_KEY)
    assert "1 submitted attempt is being regraded." in html
    (queued,) = [
        result
        for result in default_task_backend.results
        if result.task.name == "question_regrade_task"
    ]
    assert (queued.task.name, queued.args) == ("question_regrade_task", [question.pk])
    assert Attempt.objects.get(pk=wrong_attempt.pk).score == 0  # not in the request
    assert queued.task.call(*queued.args, **queued.kwargs) == 1
    attempt = Attempt.objects.get(pk=wrong_attempt.pk)
    assert (attempt.score, attempt.passed) == (Decimal("0.25"), False)


def test_with_the_immediate_backend_the_attempt_is_regraded_on_commit(
    manager_client, wrong_attempt, questions, django_capture_on_commit_callbacks
):
    from decimal import Decimal

    from assessments.models import Attempt

    with django_capture_on_commit_callbacks(execute=True):
        _edit(manager_client, questions[0], **FLIPPED_KEY)
    assert Attempt.objects.get(pk=wrong_attempt.pk).score == Decimal("0.25")


def test_a_question_saved_in_a_rolled_back_change_queues_no_regrading(questions, settings):
    from django.db import transaction
    from django_tasks import default_task_backend

    from assessments import services

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.question_regrade_enqueue(question=questions[0])
        raise RuntimeError
    assert default_task_backend.results == []
