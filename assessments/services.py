"""Starting, saving, submitting and regrading attempts. Views and tasks call these.

Rules enforced here, on the server: the module's lock (release date and prerequisite, the
same rule as for lessons: ``courses.rules.lesson_lock_reason``), the quiz's opening and
closing dates, the number of attempts (counted under a row lock on the learner, so two
simultaneous starts cannot both pass the check), the time limit (an attempt past its deadline
is closed and graded on what was saved in time), and a submitted attempt is never graded
twice.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext as _

from assessments import gift, grading, uploads
from assessments.models import (
    Attempt,
    Marking,
    Question,
    QuestionCategory,
    QuizPage,
    Response,
    ResponseFile,
)
from courses.translation import source_page
from lms.sanitize import sanitize_stored_rich_text

LAYOUT_VERSION = 1
FOUR_PLACES = Decimal("0.0001")


class AttemptRefused(ValidationError):
    """The learner may not start or change this attempt (the message says why, translated)."""


def _module_lock_refuse(*, quiz: QuizPage, enrolment) -> None:
    """Refuse when the quiz's module is still locked for this enrolment (none: no lock).

    Lessons and quizzes share one rule, so a week-twelve exam opens when week twelve does.
    """
    from courses import rules

    if enrolment is None:
        return
    lock = rules.lesson_lock_reason(lesson=quiz, enrolment=enrolment)
    if lock is not None:
        raise AttemptRefused(lock.message)


def _enrolment_for(*, learner_id: int, quiz: QuizPage, statuses=("active", "completed")):
    from courses.models import Enrolment

    # The quiz sits in a module of the course: the course is found by its path, in the same
    # query as the enrolment (a quiz is saved page after page; each save asks).
    course_path = quiz.path[: -2 * quiz.steplen]
    return (
        Enrolment.objects.select_related("course", "cohort", "learner")
        .filter(learner_id=learner_id, course__path=course_path, status__in=statuses)
        .first()
    )


def _questions_for(quiz: QuizPage, rng: random.Random) -> list[Question]:
    """The fixed questions, then those drawn at random: two queries plus one per draw."""
    fixed = [link.question for link in quiz.fixed_questions.select_related("question")]
    chosen = {question.pk for question in fixed}
    drawn: list[Question] = []
    for draw in quiz.random_draws.all():
        pool = list(
            Question.objects.filter(category_id=draw.category_id, locale_id=quiz.locale_id)
            .exclude(pk__in=chosen)
            .order_by("pk")
        )
        picked = rng.sample(pool, min(draw.count, len(pool)))
        chosen.update(question.pk for question in picked)
        drawn.extend(picked)
    return fixed + drawn


def _answer_order(spec: grading.QuestionSpec, rng: random.Random, shuffle: bool) -> list[str]:
    if spec.type in (grading.QuestionType.SINGLE, grading.QuestionType.MULTIPLE):
        keys = [choice.key for choice in spec.choices]
    elif spec.type in (grading.QuestionType.ORDERING, grading.QuestionType.MATCHING):
        # The author's order is the key: the right order of the items, or the matching
        # answers listed in the order of their prompts. So these are always shuffled, and
        # never shown in that order (a shuffle can land on it).
        items = spec.items if spec.type == grading.QuestionType.ORDERING else spec.answers
        right = [item.key for item in items]
        keys = list(right)
        while len(keys) > 1 and keys == right:
            rng.shuffle(keys)
        return keys
    else:
        return []
    if shuffle:
        rng.shuffle(keys)
    return keys


@transaction.atomic
def attempt_start(*, learner, quiz: QuizPage, now=None) -> Attempt:
    """Start an attempt, or return the one in progress (after closing it if time ran out)."""
    now = now or timezone.now()
    quiz = source_page(quiz)
    # Serialise this learner's starts: the attempt count below cannot race.
    get_user_model().objects.select_for_update().filter(pk=learner.pk).first()
    enrolment = _enrolment_for(learner_id=learner.pk, quiz=quiz)
    _module_lock_refuse(quiz=quiz, enrolment=enrolment)
    current = Attempt.objects.filter(learner=learner, quiz=quiz, state="in_progress").first()
    if current is not None:
        if current.deadline and now >= current.deadline:
            attempt_submit(attempt=current, now=now, expired=True)
        else:
            return current
    if enrolment is None:
        raise AttemptRefused(_("Enrol in the course to take this quiz."))
    if not quiz.is_open(now):
        raise AttemptRefused(_("This quiz is not open now."))
    used = Attempt.objects.filter(learner=learner, quiz=quiz).aggregate(n=Max("number"))["n"] or 0
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise AttemptRefused(_("You have used all the attempts allowed for this quiz."))
    seed = secrets.token_hex(8)
    rng = random.Random(seed)  # noqa: S311 - shuffling, not security
    questions = _questions_for(quiz, rng)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    layout = {
        "version": LAYOUT_VERSION,
        "questions": [
            {"id": q.pk, "order": _answer_order(q.to_spec(), rng, quiz.shuffle_choices)}
            for q in questions
        ],
    }
    deadline = (
        now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    )
    attempt = Attempt.objects.create(
        quiz=quiz,
        learner=learner,
        number=used + 1,
        seed=seed,
        layout=layout,
        started_at=now,
        deadline=deadline,
    )
    Response.objects.bulk_create(
        Response(attempt=attempt, question=question, position=position)
        for position, question in enumerate(questions)
    )
    return attempt


def _locked_open_attempt(attempt: Attempt, learner) -> Attempt:
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.learner_id != learner.pk:
        raise PermissionDenied
    return locked


def _answer_language(language: str | None) -> str:
    """The language an answer was given in: the page's, when it is one the site offers."""
    language = language or get_language() or ""
    return language if language in dict(settings.LANGUAGES) else ""


def attempt_save(
    *,
    attempt: Attempt,
    learner,
    answers: dict[int, object],
    files: dict | None = None,
    now=None,
    language=None,
) -> Attempt:
    """Save answers (question id -> answer) of an attempt in progress, in one bulk update.

    ``files`` maps a written response's question id to an uploaded file. A written answer
    over its word limit or the character cap, or a file that is too big or not what its
    name says, is refused with ``AnswerRefused`` and nothing of the page is saved.

    ``language`` (the page's language by default) is recorded: the attempt is graded
    against the questions as translated into the language the learner answered in.

    Answers that arrive after the deadline are refused, and the attempt is closed and graded
    on what was saved in time (that closing is kept: the refusal is raised after it commits).
    """
    now = now or timezone.now()
    attempt, expired = _attempt_save(
        attempt, learner, answers, files or {}, now, _answer_language(language)
    )
    if expired:
        raise AttemptRefused(
            _("Time is up: the attempt was closed and graded on the answers saved in time.")
        )
    return attempt


class AnswerRefused(AttemptRefused):
    """An answer on the page is refused (too long, a bad file): nothing was saved."""


WRITTEN_MAX_CHARACTERS = 20000


def _written_problems(responses, answers: dict, files: dict) -> list[str]:
    """Why the written answers or files of a page are refused (translated); empty if fine."""
    problems = []
    for response in responses:
        question = response.question
        if question.type != Question.Type.WRITTEN:
            continue
        text = str(answers.get(response.question_id) or "")
        if len(text) > WRITTEN_MAX_CHARACTERS:
            problems.append(
                _("Your answer is longer than %(count)d characters; shorten it and save again.")
                % {"count": WRITTEN_MAX_CHARACTERS}
            )
        elif question.word_limit and grading.word_count(text) > question.word_limit:
            problems.append(
                _("Your answer has %(words)d words, over the limit of %(limit)d. Shorten it.")
                % {"words": grading.word_count(text), "limit": question.word_limit}
            )
        upload = files.get(response.question_id)
        if upload is None:
            continue
        if not question.accepts_file:
            problems.append(_("This question does not take a file."))
        elif upload.size > uploads.MAX_FILE_BYTES:
            problems.append(_("The file is larger than 5 MB."))
        else:
            content = upload.read()
            upload.seek(0)
            if uploads.file_kind(upload.name, content) is None:
                problems.append(
                    _("Attach a real PDF, DOCX, ODT or TXT document, named as what it is.")
                )
    return problems


def _attach(response: Response, upload) -> None:
    """Keep ``upload`` as the response's file, in place of the one before."""
    content = upload.read()
    name = upload.name.rsplit("/", 1)[-1][-200:]
    kind = uploads.file_kind(name, content)
    previous = ResponseFile.objects.filter(response=response).first()
    if previous is not None:
        old = previous.file.name
        storage = previous.file.storage
        previous.delete()
        transaction.on_commit(lambda: storage.delete(old))
    stored = ResponseFile(response=response, name=name, kind=kind, size=len(content))
    stored.file.save(f"{secrets.token_hex(16)}.{kind}", ContentFile(content), save=False)
    stored.save()


@transaction.atomic
def _attempt_save(attempt, learner, answers, files, now, language) -> tuple[Attempt, bool]:
    attempt = _locked_open_attempt(attempt, learner)
    if not attempt.is_open:
        raise AttemptRefused(_("This attempt is closed; your answers were not saved."))
    if language and language != attempt.language:
        attempt.language = language
        attempt.save(update_fields=["language"])
    _module_lock_refuse(
        quiz=attempt.quiz, enrolment=_enrolment_for(learner_id=learner.pk, quiz=attempt.quiz)
    )
    if attempt.deadline and now >= attempt.deadline:
        return attempt_submit(attempt=attempt, now=now, expired=True), True
    responses = list(
        attempt.responses.filter(question_id__in=list(answers) + list(files)).select_related(
            "question"
        )
    )
    problems = _written_problems(responses, answers, files)
    if problems:
        raise AnswerRefused(problems)
    for response in responses:
        if response.question_id in answers:
            response.answer = answers[response.question_id]
    Response.objects.bulk_update(responses, ["answer"])
    for response in responses:
        if response.question_id in files:
            _attach(response, files[response.question_id])
    return attempt, False


@transaction.atomic
def attempt_submit(
    *, attempt: Attempt, learner=None, now=None, expired=False, language=None
) -> Attempt:
    """Grade and close an attempt; a second submission returns the first result unchanged.

    A learner's submission (``learner`` given) is refused while the quiz's module is locked;
    closing an attempt whose time ran out (no learner) is not the learner's act and is never
    refused. Costs a fixed number of queries whatever the number of questions (one bulk
    update).
    """
    now = now or timezone.now()
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if learner is not None and locked.learner_id != learner.pk:
        raise PermissionDenied
    if not locked.is_open:
        return locked
    if learner is not None and not (locked.deadline and now >= locked.deadline):
        _module_lock_refuse(
            quiz=locked.quiz, enrolment=_enrolment_for(learner_id=learner.pk, quiz=locked.quiz)
        )
    if locked.deadline and now >= locked.deadline:
        expired = True
    if learner is not None and not expired:
        locked.language = _answer_language(language) or locked.language
    responses = list(locked.responses.select_related("question"))
    if learner is not None and not expired:
        empty = [
            r.position + 1
            for r in responses
            if r.question.type == Question.Type.WRITTEN and not str(r.answer or "").strip()
        ]
        if empty:
            raise AttemptRefused(
                _("Write an answer to question %(numbers)s before you submit.")
                % {"numbers": ", ".join(str(number) for number in empty)}
            )
    pending = _grade_responses(locked, responses)
    locked.state = Attempt.State.EXPIRED if expired else Attempt.State.SUBMITTED
    if pending:
        locked.state = Attempt.State.AWAITING_MARKING
    locked.submitted_at = now
    locked.save(update_fields=["state", "submitted_at", "score", "passed", "language"])
    _course_progress_update(locked)
    return locked


def _grade_responses(attempt: Attempt, responses: list[Response]) -> int:
    """Grade against the questions as the learner read them: one query for translations.

    A written answer keeps the score its latest marking gave it (None until marked). While
    any is unmarked, the attempt has no score and no pass or fail; returns how many are.
    """
    from assessments.selectors import translations_of

    total_points = Decimal(0)
    earned = Decimal(0)
    pending = 0
    translated = translations_of([r.question for r in responses], attempt.language)
    for response in responses:
        question = response.question
        words = translated.get(question.translation_key)
        spec = grading.in_language(question.to_spec(), words.to_spec() if words else None)
        result = grading.grade(spec, response.answer)
        total_points += question.points
        if result.needs_marking:
            if response.score is None:
                pending += 1
                continue
            earned += response.score * question.points
            continue
        response.score = result.score.quantize(FOUR_PLACES)
        earned += result.score * question.points
    Response.objects.bulk_update(responses, ["score"])
    if pending:
        attempt.score = None
        attempt.passed = None
        return pending
    attempt.score = (earned / total_points).quantize(FOUR_PLACES) if total_points else Decimal(0)
    attempt.passed = attempt.score >= attempt.quiz.pass_fraction
    return 0


def _course_progress_update(attempt: Attempt) -> None:
    from courses.models import Enrolment
    from courses.services import course_completion_update

    course_id = attempt.quiz.get_parent().get_parent().pk
    enrolment = (
        Enrolment.objects.filter(learner_id=attempt.learner_id, course_id=course_id)
        .exclude(status="withdrawn")
        .first()
    )
    if enrolment is not None:
        course_completion_update(enrolment=enrolment)


def question_regrade_enqueue(*, question: Question) -> int:
    """Queue the regrading of every submitted attempt that contains ``question`` for when the
    current transaction commits (``assessments.tasks.question_regrade_task``); return how many
    attempts it will regrade, so the trainer is told without waiting for it."""
    from assessments.tasks import question_regrade_task

    question_id = question.pk
    transaction.on_commit(lambda: question_regrade_task.enqueue(question_id))
    return (
        Attempt.objects.filter(
            pk__in=Response.objects.filter(question=question).values("attempt_id")
        )
        .exclude(state=Attempt.State.IN_PROGRESS)
        .count()
    )


@transaction.atomic
def question_regrade(*, question: Question) -> int:
    """Regrade every submitted attempt that contains ``question``; returns how many.

    Used after a trainer fixes a question: scores, pass/fail and course progress follow.
    """
    attempt_ids = Response.objects.filter(question=question).values("attempt_id")
    attempts = list(
        Attempt.objects.select_for_update(of=("self",))
        .filter(pk__in=attempt_ids)
        .exclude(state=Attempt.State.IN_PROGRESS)
        .select_related("quiz")
    )
    for attempt in attempts:
        responses = list(attempt.responses.select_related("question"))
        pending = _grade_responses(attempt, responses)
        if pending:
            attempt.state = Attempt.State.AWAITING_MARKING
        elif attempt.awaits_marking:
            attempt.state = Attempt.State.SUBMITTED
        attempt.save(update_fields=["score", "passed", "state"])
        _course_progress_update(attempt)
    return len(attempts)


class MarkingRefused(ValidationError):
    """The marking cannot be saved (the message says why, translated); nothing changed."""


FEEDBACK_MAX_CHARACTERS = 5000


@transaction.atomic
def response_mark(
    *,
    response: Response,
    marker,
    chosen: dict[str, int],
    feedback: dict[str, str] | None = None,
    comment: str = "",
    now=None,
) -> Marking:
    """Mark (or mark again) a written response with its rubric; the latest marking counts.

    ``chosen`` maps each criterion's key to the index of the level chosen. The score is the
    chosen levels' points over the best levels' points of the question as written (a
    translation changes the words, never the points). When no written answer of the attempt
    is left unmarked, the attempt is scored, passed or failed, course progress follows as for
    an attempt graded at once, and the learner is told, in their language.
    """
    now = now or timezone.now()
    attempt = (
        Attempt.objects.select_for_update().select_related("quiz").get(pk=response.attempt_id)
    )
    response = Response.objects.select_related("question").get(pk=response.pk)
    question = response.question
    if attempt.is_open:
        raise MarkingRefused(_("This attempt has not been submitted yet."))
    if question.type != Question.Type.WRITTEN:
        raise MarkingRefused(_("Only written responses are marked by hand."))
    if not str(response.answer or "").strip():
        raise MarkingRefused(_("There is no answer to mark."))
    feedback = {key: str(text or "").strip() for key, text in (feedback or {}).items()}
    comment = str(comment or "").strip()
    if len(comment) > FEEDBACK_MAX_CHARACTERS or any(
        len(text) > FEEDBACK_MAX_CHARACTERS for text in feedback.values()
    ):
        raise MarkingRefused(
            _("Feedback is limited to %(count)d characters a box.")
            % {"count": FEEDBACK_MAX_CHARACTERS}
        )
    rubric = question.to_spec().rubric
    try:
        score = grading.rubric_score(rubric, chosen).quantize(FOUR_PLACES)
    except grading.RubricError:
        raise MarkingRefused(_("Choose a level for every criterion.")) from None
    keys = {criterion.key for criterion in rubric}
    marking = Marking.objects.create(
        response=response,
        marker=marker,
        marked_at=now,
        levels={"version": 1, "chosen": {k: v for k, v in chosen.items() if k in keys}},
        feedback={
            "version": 1,
            "criteria": {k: v for k, v in feedback.items() if k in keys and v},
        },
        comment=comment,
        score=score,
    )
    remark = attempt.state != Attempt.State.AWAITING_MARKING
    response.score = score
    response.save(update_fields=["score"])
    responses = list(attempt.responses.select_related("question"))
    pending = _grade_responses(attempt, responses)
    if not pending:
        attempt.state = Attempt.State.SUBMITTED
        attempt.save(update_fields=["score", "passed", "state"])
        _course_progress_update(attempt)
        _marked_notify(attempt, remark=remark)
    return marking


def _marked_notify(attempt: Attempt, *, remark: bool) -> None:
    from lms.notify import link, notify, page_params

    attempt_id = attempt.pk
    notify(
        recipient=attempt.learner,
        kind="attempt_marked",
        params={**page_params(page=attempt.quiz), "attempt_id": attempt_id, "remark": remark},
        template_prefix="assessments/email/attempt_marked",
        context={
            "quiz": attempt.quiz,
            "remark": remark,
            "passed": attempt.passed,
            "percent": grading.score_percent(attempt.score),
            "result_url": link("assessments:result", attempt_id),
        },
    )


def quiz_result_for(*, learner, quiz: QuizPage) -> Decimal | None:
    """The learner's grade for a quiz by its grading method, None before any graded attempt."""
    from assessments.selectors import quiz_grades_for

    quiz = source_page(quiz)
    found = quiz_grades_for(learner_ids=[learner.pk], quiz_ids=[quiz.pk]).get(
        (learner.pk, quiz.pk)
    )
    grade = found.grade if found else None
    return grade.quantize(FOUR_PLACES) if grade is not None else None


@dataclass(frozen=True)
class ImportReport:
    questions: list[Question]
    problems: list[tuple[int, str]]  # (line, message)

    @property
    def ok(self) -> bool:
        return not self.problems


def _html_from_gift(text: str) -> str:
    """GIFT text as stored rich text: HTML as written (sanitized), plain text escaped."""
    text = text.strip()
    if text.startswith("<"):
        return sanitize_stored_rich_text(text)
    paragraphs = [p for p in text.split("\n\n") if p.strip()] or [""]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _percent(weight: Decimal) -> Decimal:
    return (weight * 100).quantize(Decimal("0.001"))


def _question_from_spec(spec: grading.QuestionSpec, category: QuestionCategory) -> Question:
    qtype = spec.type
    answers: list = []
    if qtype in (grading.QuestionType.SINGLE, grading.QuestionType.MULTIPLE):
        answers = [
            ("choice", {"text": c.text, "weight": _percent(c.weight), "feedback": c.feedback})
            for c in spec.choices
        ]
    elif qtype == grading.QuestionType.SHORT:
        answers = [
            (
                "accepted_text",
                {"text": a.text, "weight": _percent(a.weight), "regex": a.regex,
                 "feedback": a.feedback},
            )
            for a in spec.accepted_texts
        ]  # fmt: skip
    elif qtype == grading.QuestionType.NUMERIC:
        answers = [
            (
                "accepted_number",
                {"value": a.value, "tolerance": a.tolerance if a.value is not None else None,
                 "minimum": a.minimum, "maximum": a.maximum, "weight": _percent(a.weight),
                 "feedback": a.feedback},
            )
            for a in spec.accepted_numbers
        ]  # fmt: skip
    elif qtype == grading.QuestionType.MATCHING:
        answer_text = {item.key: item.text for item in spec.answers}
        prompt_text = {item.key: item.text for item in spec.prompts}
        matched = set()
        for prompt, answer in spec.matches:
            answers.append(
                ("matching_pair", {"prompt": prompt_text[prompt], "answer": answer_text[answer]})
            )
            matched.add(answer)
        answers += [
            ("matching_pair", {"prompt": "", "answer": text})
            for key, text in answer_text.items()
            if key not in matched
        ]
    correct_is_true = True
    if qtype == grading.QuestionType.TRUE_FALSE:
        correct_is_true = any(c.key == "true" and c.weight == 1 for c in spec.choices)
    title = spec.title or strip_tags(spec.text)[:80] or gettext("Untitled question")
    return Question(
        category=category,
        type=str(qtype),
        title=title[:200],
        text=_html_from_gift(spec.text),
        answers=answers,
        correct_is_true=correct_is_true,
        general_feedback=_html_from_gift(spec.general_feedback) if spec.general_feedback else "",
    )


@transaction.atomic
def questions_import_gift(*, text: str, category: QuestionCategory) -> ImportReport:
    """Import a GIFT file: every question, or none when anything in the file is wrong.

    ``$CATEGORY`` lines put questions in categories named after their last path segment,
    in the same course as ``category`` (created in its language and course when missing);
    questions before any ``$CATEGORY`` go into ``category``. Each question is validated as
    the question editor would.
    """
    parsed = gift.parse_gift(text)
    problems = [(problem.line, problem.message) for problem in parsed.problems]
    built: list[tuple[int, Question]] = []
    categories: dict[str, QuestionCategory] = {}
    for item in parsed.questions:
        target = category
        if item.category:
            name = item.category.split("/")[-1].strip() or category.name
            if name not in categories:
                # Looked up in the chosen category's course only: a name cannot reach into
                # another course's question bank (assessments.permissions).
                same = {"name": name[:200], "locale": category.locale, "course": category.course}
                categories[name] = QuestionCategory.objects.filter(
                    **same
                ).first() or QuestionCategory.objects.create(**same)
            target = categories[name]
        question = _question_from_spec(item.spec, target)
        try:
            question.full_clean()
        except ValidationError as error:
            for messages in error.message_dict.values():
                problems += [(item.line, message) for message in messages]
        built.append((item.line, question))
    if problems:
        transaction.set_rollback(True)
        return ImportReport(questions=[], problems=sorted(problems))
    for _line, question in built:
        question.save()
    return ImportReport(questions=[question for _line, question in built], problems=[])


def questions_export_gift(*, category: QuestionCategory) -> tuple[str, list[Question]]:
    """The category's questions as GIFT, and the questions GIFT cannot carry (left out)."""
    pairs, left_out = [], []
    for question in category.questions.order_by("title"):
        spec = question.to_spec()
        try:
            gift.export_gift([(category.name, spec)])
        except ValueError:
            left_out.append(question)
            continue
        pairs.append((category.name, spec))
    return gift.export_gift(pairs), left_out


MAX_ACCEPTED_TEXT = 500  # AcceptedTextBlock.text's max_length


@transaction.atomic
def question_accept_answer(*, question: Question, text: str) -> int:
    """Accept ``text`` as a right answer of a short-answer question, then regrade (in a task
    queued on commit, see ``question_regrade_enqueue``).

    The variant is added to the course-language question, whose accepted answers count in
    every language (see grading.in_language), so it takes effect at once for the learners
    who typed it, without waiting for a translator. Returns how many attempts it regrades.
    """
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.type != Question.Type.SHORT:
        raise ValidationError(_("Only short-answer questions accept typed variants."))
    if not question.locale.is_default:
        raise ValidationError(_("Add variants to the question in the course's language."))
    text = " ".join(str(text or "").split())
    if not text:
        raise ValidationError(_("Type the answer to accept."))
    if len(text) > MAX_ACCEPTED_TEXT:
        raise ValidationError(
            _("An accepted answer has at most %(limit)d characters.")
            % {"limit": MAX_ACCEPTED_TEXT}
        )
    spec = question.to_spec()
    if grading.grade(spec, text).score == 1:
        raise ValidationError(_("This answer already earns full marks."))
    question.answers.append(
        ("accepted_text", {"text": text, "weight": 100, "regex": False, "feedback": ""})
    )
    question.full_clean()
    question.save()
    return question_regrade_enqueue(question=question)
