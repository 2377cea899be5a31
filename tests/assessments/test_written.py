"""Written responses: answering, awaiting marking, the scoped marking queue, marking, remarking."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import grading, services, uploads
from assessments.models import Attempt, Marking, ResponseFile
from courses.models import Cohort, Enrolment
from tests import factories

GOOD_ANSWER = "Preserve the subscriber records and the IP logs for 90 days."


# Pure code -------------------------------------------------------------------------------

RUBRIC = (
    grading.Criterion(
        "a", "Legal basis", levels=(grading.RubricLevel("no", Decimal(0)),
                                    grading.RubricLevel("yes", Decimal(2)))
    ),
    grading.Criterion(
        "b", "Data named", levels=(grading.RubricLevel("no", Decimal(0)),
                                   grading.RubricLevel("some", Decimal(1)),
                                   grading.RubricLevel("all", Decimal(3)))
    ),
)  # fmt: skip


def test_the_rubric_score_is_the_chosen_points_over_the_best():
    assert grading.rubric_score(RUBRIC, {"a": 1, "b": 1}) == Decimal(3) / Decimal(5)
    assert grading.rubric_score(RUBRIC, {"a": 1, "b": 2}) == 1


@pytest.mark.parametrize("chosen", [{"a": 1}, {"a": 1, "b": 3}, {"a": "1", "b": 0}])
def test_a_missing_or_unknown_level_is_refused(chosen):
    with pytest.raises(grading.RubricError):
        grading.rubric_score(RUBRIC, chosen)


def test_a_written_answer_waits_for_marking_and_an_empty_one_is_unanswered():
    spec = grading.QuestionSpec(type=grading.QuestionType.WRITTEN, text="", rubric=RUBRIC)
    assert grading.grade(spec, "Some words").needs_marking
    assert not grading.grade(spec, "   ").answered


def test_a_translated_rubric_keeps_the_points_of_the_source():
    source = grading.QuestionSpec(type=grading.QuestionType.WRITTEN, text="", rubric=RUBRIC)
    french = grading.QuestionSpec(
        type=grading.QuestionType.WRITTEN,
        text="",
        rubric=(
            grading.Criterion("a", "Base légale", levels=(
                grading.RubricLevel("non", Decimal(50)), grading.RubricLevel("oui", Decimal(99))
            )),
        ),
    )  # fmt: skip
    shown = grading.in_language(source, french)
    assert shown.rubric[0].title == "Base légale"
    assert [level.label for level in shown.rubric[0].levels] == ["non", "oui"]
    assert [level.points for level in shown.rubric[0].levels] == [0, 2]
    assert shown.rubric[1].title == "Data named"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<office/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("request.pdf", b"%PDF-1.7\n...", "pdf"),
        ("request.docx", _docx(), "docx"),
        ("request.odt", _odt(), "odt"),
        ("request.txt", "Préservation".encode(), "txt"),
        ("request.pdf", b"MZ\x90\x00 not a pdf", None),
        ("request.docx", b"%PDF-1.7", None),
        ("request.odt", _docx(), None),
        ("request.txt", b"\x00\x01binary", None),
        ("request.exe", b"%PDF-1.7", None),
        ("request", b"%PDF-1.7", None),
    ],
)
def test_a_file_is_what_its_bytes_say_not_only_its_name(name, content, kind):
    assert uploads.file_kind(name, content) == kind


# With the database -----------------------------------------------------------------------


@pytest.fixture
def written(db):
    return factories.make_written_question(word_limit=20, accepts_file=True)


@pytest.fixture
def written_quiz(module, written):
    return factories.make_quiz(module=module, questions=[written], pass_mark=50)


@pytest.fixture
def attempt(written_quiz, learner, enrolled):
    return services.attempt_start(learner=learner, quiz=written_quiz)


def _submitted(attempt, learner, written, text=GOOD_ANSWER):
    services.attempt_save(attempt=attempt, learner=learner, answers={written.pk: text})
    return services.attempt_submit(attempt=attempt, learner=learner)


def _mark(attempt, written, marker, levels=(2, 2), **extra):
    response = attempt.responses.get(question=written)
    keys = [block.id for block in written.answers]
    return services.response_mark(
        response=response, marker=marker, chosen=dict(zip(keys, levels, strict=True)), **extra
    )


@pytest.fixture
def trainer(course):
    return factories.make_course_trainer(course=course)


pytestmark = pytest.mark.django_db


def test_a_submitted_written_answer_awaits_marking_and_does_not_count(
    attempt, learner, written, enrolled
):
    submitted = _submitted(attempt, learner, written)
    assert submitted.state == Attempt.State.AWAITING_MARKING
    assert submitted.score is None and submitted.passed is None
    enrolled.refresh_from_db()
    assert enrolled.status == Enrolment.Status.ACTIVE


def test_an_empty_written_answer_cannot_be_submitted(attempt, learner, written):
    with pytest.raises(services.AttemptRefused, match="Write an answer to question 1"):
        services.attempt_submit(attempt=attempt, learner=learner)
    attempt.refresh_from_db()
    assert attempt.is_open


def test_an_answer_over_the_word_limit_is_refused_and_nothing_is_saved(attempt, learner, written):
    services.attempt_save(attempt=attempt, learner=learner, answers={written.pk: "short"})
    with pytest.raises(services.AnswerRefused, match="21 words, over the limit of 20"):
        services.attempt_save(attempt=attempt, learner=learner, answers={written.pk: "word " * 21})
    assert attempt.responses.get().answer == "short"


def test_an_answer_over_the_character_cap_is_refused(attempt, learner, written):
    written.word_limit = None
    written.save()
    with pytest.raises(services.AnswerRefused, match="longer than 20000 characters"):
        services.attempt_save(attempt=attempt, learner=learner, answers={written.pk: "x" * 20001})
    assert attempt.responses.get().answer is None


def test_a_file_is_kept_privately_and_replaced_by_the_next(attempt, learner, written):
    first = SimpleUploadedFile("draft.pdf", b"%PDF-1.4 first")
    services.attempt_save(
        attempt=attempt, learner=learner, answers={written.pk: "x"}, files={written.pk: first}
    )
    second = SimpleUploadedFile("draft.txt", b"Plain second draft")
    services.attempt_save(
        attempt=attempt, learner=learner, answers={written.pk: "x"}, files={written.pk: second}
    )
    stored = ResponseFile.objects.get()
    assert (stored.name, stored.kind) == ("draft.txt", "txt")
    assert stored.file.storage.__class__.__name__ == "FileSystemStorage"
    assert "/media/" not in stored.file.path


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("draft.pdf", b"MZ not a pdf"), "Attach a real PDF"),
        (SimpleUploadedFile("draft.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)), "larger than 5 MB"),
    ],
)
def test_a_false_or_huge_file_is_refused_and_nothing_is_saved(
    attempt, learner, written, upload, message
):
    with pytest.raises(services.AnswerRefused, match=message):
        services.attempt_save(
            attempt=attempt,
            learner=learner,
            answers={written.pk: "kept?"},
            files={written.pk: upload},
        )
    assert attempt.responses.get().answer is None
    assert not ResponseFile.objects.exists()


def test_marking_scores_the_attempt_completes_the_course_and_tells_the_learner(
    attempt, learner, written, trainer, enrolled, django_capture_on_commit_callbacks
):
    from courses.models import LessonPage
    from courses.services import lesson_complete

    learner.profile.preferred_language = "fr"
    learner.profile.save()
    for lesson in LessonPage.objects.all():
        lesson_complete(learner=learner, lesson=lesson)
    _submitted(attempt, learner, written)
    enrolled.refresh_from_db()
    assert enrolled.status == Enrolment.Status.ACTIVE
    with django_capture_on_commit_callbacks(execute=True):
        _mark(attempt, written, trainer, levels=(2, 1), comment="Name the legal basis.")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert attempt.score == Decimal("0.75") and attempt.passed
    enrolled.refresh_from_db()
    assert enrolled.status == Enrolment.Status.COMPLETED
    assert len(mail.outbox) >= 1
    marked = [m for m in mail.outbox if "a été corrigée" in m.subject]
    assert marked and marked[0].to == [learner.email]
    assert f"/fr/learn/attempt/{attempt.pk}/result/" in marked[0].body


def test_the_learner_is_notified_on_the_site_too(
    client, attempt, learner, written, trainer, django_capture_on_commit_callbacks
):
    _submitted(attempt, learner, written)
    with django_capture_on_commit_callbacks(execute=True):
        _mark(attempt, written, trainer)
    client.force_login(learner)
    html = client.get("/en/learn/notifications/").content.decode()
    assert "has been marked" in html and f"/en/learn/attempt/{attempt.pk}/result/" in html


def test_remarking_keeps_the_history_and_the_latest_counts(attempt, learner, written, trainer):
    _submitted(attempt, learner, written)
    _mark(attempt, written, trainer, levels=(2, 2))
    _mark(attempt, written, trainer, levels=(0, 1), comment="Second reading.")
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.25") and attempt.passed is False
    history = list(Marking.objects.order_by("marked_at", "pk"))
    assert [m.score for m in history] == [Decimal(1), Decimal("0.25")]
    assert history[-1].marker == trainer and history[-1].comment == "Second reading."


@pytest.mark.parametrize("levels", [{}, {"unknown": 1}])
def test_a_marking_without_every_criterion_changes_nothing(
    attempt, learner, written, trainer, levels
):
    _submitted(attempt, learner, written)
    with pytest.raises(services.MarkingRefused, match="every criterion"):
        services.response_mark(response=attempt.responses.get(), marker=trainer, chosen=levels)
    attempt.refresh_from_db()
    assert attempt.awaits_marking and not Marking.objects.exists()


def test_an_attempt_in_progress_cannot_be_marked(attempt, learner, written, trainer):
    services.attempt_save(attempt=attempt, learner=learner, answers={written.pk: "x"})
    with pytest.raises(services.MarkingRefused):
        _mark(attempt, written, trainer)


def test_regrading_the_question_keeps_the_marking(attempt, learner, written, trainer):
    _submitted(attempt, learner, written)
    _mark(attempt, written, trainer, levels=(2, 1))
    services.question_regrade(question=written)
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.75") and attempt.state == Attempt.State.SUBMITTED


# Pages -----------------------------------------------------------------------------------


def test_the_attempt_page_keeps_the_text_of_a_refused_answer(learner_client, attempt, written):
    url = f"/en/learn/attempt/{attempt.pk}/"
    page = learner_client.get(url).content.decode()
    assert 'class="written-answer"' in page and 'enctype="multipart/form-data"' in page
    response = learner_client.post(
        url, {"page": 1, "go": "save", f"q{written.pk}": "too many " * 15}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "30 words, over the limit of 20" in html
    assert "too many too many" in html
    assert attempt.responses.get().answer is None


def test_the_attempt_page_counts_words_without_javascript(
    learner_client, attempt, learner, written
):
    services.attempt_save(attempt=attempt, learner=learner, answers={written.pk: "one two three"})
    html = learner_client.get(f"/en/learn/attempt/{attempt.pk}/").content.decode()
    assert '<span class="word-number">3</span> / 20' in html
    assert "assessments/wordcount" in html  # the live count, only where there is a written answer


def test_an_attempt_without_a_written_answer_loads_no_word_count_script(
    learner_client, quiz, learner, enrolled
):
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    html = learner_client.get(f"/en/learn/attempt/{attempt.pk}/").content.decode()
    assert "wordcount" not in html


def test_hostile_html_is_stored_as_text_and_escaped(
    learner_client, attempt, learner, written, trainer
):
    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
    _submitted(attempt, learner, written, text=hostile)
    assert attempt.responses.get().answer == hostile
    html = learner_client.get(f"/en/learn/attempt/{attempt.pk}/result/").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Awaiting marking"), ("fr", "En attente de correction"),
     ("pt", "A aguardar correção"), ("es", "Pendiente de corrección")],
)  # fmt: skip
def test_the_learner_sees_awaiting_marking_on_result_grades_and_dashboard(
    learner_client, attempt, learner, written, language, words
):
    _submitted(attempt, learner, written)
    for url in (
        f"/{language}/learn/attempt/{attempt.pk}/result/",
        f"/{language}/learn/grades/",
        f"/{language}/learn/",
    ):
        html = learner_client.get(url).content.decode()
        assert words.lower() in html.lower(), url


def test_after_marking_the_learner_reads_the_feedback_and_the_model_answer(
    learner_client, attempt, learner, written, trainer
):
    written.model_answer = "<p>Cite the legal basis and the data to keep.</p>"
    written.save()
    _submitted(attempt, learner, written)
    result = f"/en/learn/attempt/{attempt.pk}/result/"
    assert "Cite the legal basis" not in learner_client.get(result).content.decode()
    keys = [block.id for block in written.answers]
    services.response_mark(
        response=attempt.responses.get(),
        marker=trainer,
        chosen={keys[0]: 2, keys[1]: 0},
        feedback={keys[1]: "<b>Name</b> the logs."},
        comment="Good start.",
    )
    html = learner_client.get(result).content.decode()
    assert "Score: 50%" in html and "Good start." in html
    assert "&lt;b&gt;Name&lt;/b&gt; the logs." in html
    assert "Cite the legal basis" in html


def test_the_learner_downloads_only_their_own_file(client, attempt, learner, written):
    services.attempt_save(
        attempt=attempt,
        learner=learner,
        answers={written.pk: "x"},
        files={written.pk: SimpleUploadedFile("draft.pdf", b"%PDF-1.4 mine")},
    )
    response_id = attempt.responses.get().pk
    client.force_login(learner)
    own = client.get(f"/en/learn/written-file/{response_id}/")
    assert own.status_code == 200 and b"".join(own.streaming_content) == b"%PDF-1.4 mine"
    assert own["Cache-Control"] == "private, no-store"
    client.force_login(factories.make_learner())
    assert client.get(f"/en/learn/written-file/{response_id}/").status_code == 404


# The marking queue -----------------------------------------------------------------------


def _awaiting_attempts(quiz, course, written, count, cohort=None):
    made = []
    for _n in range(count):
        learner = factories.make_learner()
        factories.make_enrolment(learner=learner, course=course, cohort=cohort)
        made.append(
            _submitted(services.attempt_start(learner=learner, quiz=quiz), learner, written)
        )
    return made


def test_the_queue_lists_the_courses_attempts_in_a_fixed_number_of_queries(
    client, written_quiz, course, written, trainer
):
    client.force_login(trainer)
    _awaiting_attempts(written_quiz, course, written, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/admin/marking/").status_code == 200
    _awaiting_attempts(written_quiz, course, written, 4)
    with CaptureQueriesContext(connection) as large:
        html = client.get("/admin/marking/").content.decode()
    assert "Awaiting marking (5)" in html
    assert len(large) == len(small) <= 30


def test_a_trainer_of_another_course_sees_nothing_and_gets_404(
    client, written_quiz, course, written, catalog
):
    attempt = _awaiting_attempts(written_quiz, course, written, 1)[0]
    other = factories.make_course_trainer(course=factories.make_course(index=catalog))
    client.force_login(other)
    assert "Awaiting marking (0)" in client.get("/admin/marking/").content.decode()
    assert client.get(f"/admin/marking/{attempt.pk}/", follow=True).status_code == 404


def test_a_coordinator_marks_only_their_cohorts_learners(
    client, written_quiz, course, written, coordinator
):
    factories.make_course_assignment(coordinator=coordinator, course=course)
    mine = Cohort.objects.create(course=course, name="Mine", start_date="2026-03-02")
    mine.coordinators.add(coordinator)
    theirs = Cohort.objects.create(course=course, name="Theirs", start_date="2026-03-02")
    own = _awaiting_attempts(written_quiz, course, written, 1, cohort=mine)[0]
    other = _awaiting_attempts(written_quiz, course, written, 1, cohort=theirs)[0]
    client.force_login(coordinator)
    assert "Awaiting marking (1)" in client.get("/admin/marking/").content.decode()
    assert client.get(f"/admin/marking/{own.pk}/").status_code == 200
    assert client.get(f"/admin/marking/{other.pk}/", follow=True).status_code == 404


def test_a_learner_has_no_marking_queue(learner_client):
    assert learner_client.get("/admin/marking/").status_code in (302, 403)


def test_the_marking_screen_marks_in_a_fixed_number_of_queries(
    client, written_quiz, course, written, trainer, django_assert_max_num_queries
):
    attempt = _awaiting_attempts(written_quiz, course, written, 1)[0]
    client.force_login(trainer)
    url = f"/admin/marking/{attempt.pk}/"
    with django_assert_max_num_queries(30):
        html = client.get(url).content.decode()
    assert GOOD_ANSWER in html and "Criterion 1" in html and "Complete (2 points)" in html
    keys = [block.id for block in written.answers]
    response_id = attempt.responses.get().pk
    posted = {"response": response_id, f"level-{keys[0]}": 2, f"level-{keys[1]}": 2}
    assert client.post(url, posted).status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 1 and attempt.passed
    with django_assert_max_num_queries(30):
        html = client.get(url).content.decode()
    assert "Marking history" in html and "Save the new marking" in html


def test_a_marking_missing_a_level_is_refused_with_a_message(
    client, written_quiz, course, written, trainer
):
    attempt = _awaiting_attempts(written_quiz, course, written, 1)[0]
    client.force_login(trainer)
    keys = [block.id for block in written.answers]
    response = client.post(
        f"/admin/marking/{attempt.pk}/",
        {"response": attempt.responses.get().pk, f"level-{keys[0]}": "two"},
    )
    assert response.status_code == 400
    assert "Choose a level for every criterion." in response.content.decode()
    assert not Marking.objects.exists()


def test_the_cohort_progress_table_says_awaiting_marking(
    client, written_quiz, course, written, coordinator
):
    factories.make_course_assignment(coordinator=coordinator, course=course)
    cohort = Cohort.objects.create(course=course, name="Mine", start_date="2026-03-02")
    cohort.coordinators.add(coordinator)
    _awaiting_attempts(written_quiz, course, written, 1, cohort=cohort)
    client.force_login(coordinator)
    from django.urls import reverse

    html = client.get(reverse("coordination_progress", args=[cohort.pk])).content.decode()
    assert "awaiting marking" in html
    export = client.get(reverse("coordination_progress_export", args=[cohort.pk, "csv"]))
    assert "awaiting marking" in export.content.decode("utf-8-sig")


def test_written_answers_are_exported_without_formulas(
    client, written_quiz, course, written, trainer
):
    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course)
    _submitted(services.attempt_start(learner=learner, quiz=written_quiz), learner, written,
               text="=cmd|' /C calc'!A0")  # fmt: skip
    client.force_login(trainer)
    text = client.get(f"/admin/quiz-results/{written_quiz.pk}/export.csv").content.decode()
    assert "'=cmd" in text and "awaiting marking" in text


def test_the_result_page_costs_the_same_whatever_the_number_of_written_answers(
    client, module, course, trainer
):
    def marked_result_queries(count):
        questions = [factories.make_written_question() for _n in range(count)]
        quiz = factories.make_quiz(module=module, questions=questions)
        learner = factories.make_learner()
        factories.make_enrolment(learner=learner, course=course)
        attempt = services.attempt_start(learner=learner, quiz=quiz)
        services.attempt_save(
            attempt=attempt, learner=learner, answers={q.pk: "An answer." for q in questions}
        )
        services.attempt_submit(attempt=attempt, learner=learner)
        for question in questions:
            _mark(attempt, question, trainer, levels=(1, 2))
        client.force_login(learner)
        url = f"/en/learn/attempt/{attempt.pk}/result/"
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        assert html.count('class="written-feedback"') == count
        return len(queries)

    assert marked_result_queries(1) == marked_result_queries(3) <= 40


def test_the_editor_refuses_a_written_question_without_a_usable_rubric():
    from assessments.models import Question
    from assessments.models.questions import question_problems

    empty = Question(type="written", answers=[])
    assert "Give the rubric at least one criterion." in [str(p) for p in question_problems(empty)]
    worthless = factories.make_written_question()
    for block in worthless.answers:
        for level in block.value["levels"]:
            level["points"] = Decimal(0)
    assert "Each criterion needs a level worth more than 0 points." in [
        str(p) for p in question_problems(worthless)
    ]


def test_the_rubric_is_translated_with_the_question_and_marked_in_the_learners_language(
    client, written_quiz, course, written, trainer
):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    french = Locale.objects.get(language_code="fr")
    TranslationCreator(None, [french]).create_translations(written)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=written.translation_key),
        target_locale=french,
    )
    catalog = translation.export_po()
    words = {"Criterion 1": "Base juridique", "Complete": "Complet", "Missing": "Absent"}
    for entry in catalog:
        entry.msgstr = words.get(entry.msgid, entry.msgid)
    translation.import_po(catalog)
    translation.save_target(publish=True)

    learner = factories.make_learner()
    factories.make_enrolment(learner=learner, course=course)
    attempt = services.attempt_start(learner=learner, quiz=written_quiz)
    services.attempt_save(
        attempt=attempt, learner=learner, answers={written.pk: "Réponse."}, language="fr"
    )
    services.attempt_submit(attempt=attempt, learner=learner, language="fr")
    client.force_login(trainer)
    html = client.get(f"/admin/marking/{attempt.pk}/").content.decode()
    assert "Base juridique" in html and "Complet (2 points)" in html
    _mark(attempt, written, trainer, levels=(2, 0))
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.5")  # the points are the question's own
    client.force_login(learner)
    html = client.get(f"/fr/learn/attempt/{attempt.pk}/result/").content.decode()
    assert "Base juridique" in html and "Complet" in html


def test_the_results_screen_links_a_written_answer_to_its_marking(
    client, written_quiz, course, written, trainer
):
    attempt = _awaiting_attempts(written_quiz, course, written, 1)[0]
    client.force_login(trainer)
    url = f"/admin/quiz-results/{written_quiz.pk}/attempt/{attempt.pk}/"
    html = client.get(url).content.decode()
    assert f'href="/admin/marking/{attempt.pk}/">awaiting marking</a>' in html
    _mark(attempt, written, trainer, levels=(2, 1))
    html = client.get(url).content.decode()
    assert f'href="/admin/marking/{attempt.pk}/">75%</a>' in html


def test_submitting_an_empty_written_answer_goes_back_to_the_summary(
    learner_client, attempt, written
):
    url = f"/en/learn/attempt/{attempt.pk}/submit/"
    response = learner_client.post(url)
    assert response["Location"] == url
    html = learner_client.get(url).content.decode()
    assert "Write an answer to question 1 before you submit." in html
    attempt.refresh_from_db()
    assert attempt.is_open


def test_the_model_answer_waits_for_the_last_attempt_but_the_feedback_does_not(
    learner_client, module, course, learner, enrolled, trainer
):
    written = factories.make_written_question(model_answer="<p>The model answer.</p>")
    quiz = factories.make_quiz(module=module, questions=[written], max_attempts=2)
    attempt = services.attempt_start(learner=learner, quiz=quiz)
    _submitted(attempt, learner, written)
    _mark(attempt, written, trainer, comment="Add the dates.")
    html = learner_client.get(f"/en/learn/attempt/{attempt.pk}/result/").content.decode()
    assert "Add the dates." in html and "The model answer." not in html
