"""Attempts are graded against the question in the language the learner answered in.

Each typed question type is answered through the attempt pages in French, Portuguese and
Spanish: a right answer in that language scores full marks, a wrong one zero, and the
course's own (English) answers stay accepted.
"""

from decimal import Decimal

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from assessments import grading, services
from assessments.models import Attempt
from tests import factories

pytestmark = [pytest.mark.django_db]

HASH = "9a0364b9e99bb480dd25e1f0284c8555"  # an MD5-length value: the check is on equality

WORDS = {
    # English source -> (fr, pt, es)
    "Which artefact proves the file was not altered?": (
        "Quel élément prouve que le fichier n'a pas été modifié ?",
        "Que elemento prova que o ficheiro não foi alterado?",
        "¿Qué elemento prueba que el archivo no fue alterado?",
    ),
    "hash value": ("valeur de hachage", "valor de hash", "valor hash"),
    "(the )?hash( value)?": (
        "(la )?(valeur de )?hachage",
        "(o )?(valor de )?hash",
        "(el )?(valor )?hash",
    ),
    "On what date was the order signed?": (
        "À quelle date l'ordonnance a-t-elle été signée ?",
        "Em que data foi assinada a ordem?",
        "¿En qué fecha se firmó la orden?",
    ),
    "19 july 2026": ("19 juillet 2026", "19 de julho de 2026", "19 de julio de 2026"),
    "How many seconds fast was the clock?": (
        "De combien de secondes l'horloge avançait-elle ?",
        "Quantos segundos estava o relógio adiantado?",
        "¿Cuántos segundos estaba adelantado el reloj?",
    ),
    "Type the file's SHA-256.": (
        "Saisissez le SHA-256 du fichier.",
        "Escreva o SHA-256 do ficheiro.",
        "Escriba el SHA-256 del archivo.",
    ),
    "Correct: the hash.": ("Exact : le hachage.", "Certo: o hash.", "Correcto: el hash."),
}
LANGUAGES = ("fr", "pt", "es")


def _translate(question, language):
    locale = Locale.objects.get(language_code=language)
    TranslationCreator(None, [locale]).create_translations(question)
    translation = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=question.translation_key),
        target_locale=locale,
    )
    catalog = translation.export_po()
    index = LANGUAGES.index(language)
    for entry in catalog:
        words = WORDS.get(entry.msgid)
        entry.msgstr = words[index] if words else entry.msgid
    translation.import_po(catalog)
    translation.save_target(publish=True)


def _accepted(text, regex=False, feedback=""):
    return ("accepted_text", {"text": text, "weight": 100, "regex": regex, "feedback": feedback})


@pytest.fixture
def typed_questions(db):
    category = factories.make_category()
    make = factories.make_question
    questions = {
        "short": make(
            category=category,
            type="short",
            text="<p>Which artefact proves the file was not altered?</p>",
            answers=[_accepted("hash value", feedback="Correct: the hash."),
                     _accepted("(the )?hash( value)?", regex=True)],
        ),
        "date": make(
            category=category,
            type="short",
            text="<p>On what date was the order signed?</p>",
            answers=[_accepted("19 july 2026")],
        ),
        "numeric": make(
            category=category,
            type="numeric",
            text="<p>How many seconds fast was the clock?</p>",
            answers=[("accepted_number", {"value": Decimal("141.5"), "tolerance": Decimal("0"),
                                          "minimum": None, "maximum": None, "weight": 100,
                                          "feedback": ""})],
        ),
        "evidence": make(
            category=category,
            type="evidence",
            text="<p>Type the file's SHA-256.</p>",
            expected_evidence_value=HASH,
        ),
    }  # fmt: skip
    for question in questions.values():
        for language in LANGUAGES:
            _translate(question, language)
    return questions


@pytest.fixture
def typed_quiz(module, typed_questions):
    return factories.make_quiz(module=module, questions=list(typed_questions.values()))


RIGHT = {
    "fr": {"short": "Valeur de hachage", "date": "19/07/2026", "numeric": "141,5"},
    "pt": {"short": "o valor de hash", "date": "19 de julho de 2026", "numeric": "141,5"},
    "es": {"short": "valor hash", "date": "19 de julio de 2026", "numeric": "141,50"},
}
WRONG = {"short": "horodatage", "date": "20/07/2026", "numeric": "142", "evidence": "0" * 32}


def _submit(client, quiz, language, answers_by_kind, questions):
    response = client.post(f"/{language}/learn/quiz/{quiz.pk}/start/")
    assert response.status_code == 302
    attempt = Attempt.objects.filter(quiz=quiz).order_by("-number").first()
    data = {"page": 1, "go": "finish"}
    for kind, answer in answers_by_kind.items():
        data[f"q{questions[kind].pk}"] = answer
    client.post(f"/{language}/learn/attempt/{attempt.pk}/", data)
    client.post(f"/{language}/learn/attempt/{attempt.pk}/submit/")
    attempt.refresh_from_db()
    return attempt


@pytest.mark.parametrize("language", LANGUAGES)
def test_right_answers_typed_in_the_learners_language_score_full_marks(
    client, learner, enrolled, typed_quiz, typed_questions, language
):
    client.force_login(learner)
    answers = {**RIGHT[language], "evidence": HASH.upper()}
    attempt = _submit(client, typed_quiz, language, answers, typed_questions)
    assert attempt.language == language
    assert attempt.score == 1
    # Learning records point at the course's own questions, whatever the language.
    recorded = set(attempt.responses.values_list("question_id", flat=True))
    assert recorded == {question.pk for question in typed_questions.values()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_wrong_answers_in_the_learners_language_score_zero(
    client, learner, enrolled, typed_quiz, typed_questions, language
):
    client.force_login(learner)
    attempt = _submit(client, typed_quiz, language, WRONG, typed_questions)
    assert attempt.score == 0


def test_the_course_languages_answers_stay_accepted_in_a_translation(
    client, learner, enrolled, typed_quiz, typed_questions
):
    client.force_login(learner)
    answers = {"short": "hash value", "date": "19 July 2026", "numeric": "141.5"}
    answers["evidence"] = HASH
    attempt = _submit(client, typed_quiz, "pt", answers, typed_questions)
    assert attempt.language == "pt" and attempt.score == 1


def test_feedback_on_the_result_page_is_in_the_attempts_language(
    client, learner, enrolled, typed_quiz, typed_questions
):
    typed_quiz.max_attempts = 1
    typed_quiz.save_revision().publish()
    client.force_login(learner)
    attempt = _submit(client, typed_quiz, "es", RIGHT["es"], typed_questions)
    html = client.get(f"/es/learn/attempt/{attempt.pk}/result/").content.decode()
    assert "Correcto: el hash." in html
    assert "Correct: the hash." not in html


def test_regrading_uses_the_language_the_attempt_was_answered_in(
    client, learner, enrolled, typed_quiz, typed_questions
):
    client.force_login(learner)
    attempt = _submit(client, typed_quiz, "fr", {"short": "hachage"}, typed_questions)
    assert attempt.score == Decimal("0.25")  # the French pattern accepts "hachage"
    services.question_regrade(question=typed_questions["short"])
    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.25")


# The pure parts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["19 juillet 2026", "19 de julho de 2026", "19 de julio de 2026", "19/07/2026",
     "19.07.2026", "2026-07-19", "July 19, 2026", "le 19 juillet 2026"],
)  # fmt: skip
def test_a_date_typed_in_any_of_the_four_languages_is_the_same_value(typed):
    assert grading.parse_value(typed) == ("date", "2026-07-19")


@pytest.mark.parametrize("typed", ["14h09", "14 h 09", "14:09", "14:09:00 UTC"])
def test_a_time_typed_the_french_or_english_way_is_the_same_value(typed):
    assert grading.parse_value(typed) == ("time", 14, 9, 0)


@pytest.mark.parametrize("typed", ["hash", "32/13/2026", "31 foo 2026", "25:00", ""])
def test_text_that_is_not_a_value_is_not_read_as_one(typed):
    assert grading.parse_value(typed) is None


def test_an_english_date_pattern_accepts_the_date_typed_in_french():
    spec = grading.QuestionSpec(
        type=grading.QuestionType.SHORT,
        text="",
        accepted_texts=(grading.AcceptedText(r"19 july 2026|2026-07-19", regex=True),),
    )
    assert grading.grade(spec, "19 juillet 2026").score == 1
    assert grading.grade(spec, "20 juillet 2026").score == 0


def test_a_translation_cannot_change_the_marks():
    source = grading.QuestionSpec(
        type=grading.QuestionType.SINGLE,
        text="<p>Q</p>",
        choices=(grading.Choice("a", "right", Decimal(1)), grading.Choice("b", "wrong")),
    )
    tampered = grading.QuestionSpec(
        type=grading.QuestionType.SINGLE,
        text="<p>Q fr</p>",
        choices=(grading.Choice("a", "juste"), grading.Choice("b", "faux", Decimal(1), "Bravo")),
    )
    spec = grading.in_language(source, tampered)
    assert [c.text for c in spec.choices] == ["juste", "faux"]
    assert grading.grade(spec, "a").score == 1 and grading.grade(spec, "b").score == 0
    assert spec.text == "<p>Q fr</p>" and spec.choices[1].feedback == "Bravo"
