"""Short answers accept the other Portuguese and Spanish variant's common spellings."""

from decimal import Decimal

import pytest

from assessments import grading
from assessments.grading import AcceptedText, QuestionSpec, QuestionType, TextOptions


def short(*accepted, regex=False, options=None):
    return QuestionSpec(
        type=QuestionType.SHORT,
        text="?",
        accepted_texts=tuple(AcceptedText(text, regex=regex) for text in accepted),
        text_options=options or TextOptions(),
    )


@pytest.mark.parametrize(
    "accepted, typed",
    [
        ("telemóvel", "celular"),  # Brazilian for the European Portuguese of the course
        ("ficheiro de registo", "arquivo de registro"),
        ("pista de auditoria", "trilha de auditoria"),
        ("o utilizador", "O usuário"),
        ("computadora", "ordenador"),  # Peninsular for the Latin-American Spanish
        ("teléfono celular", "teléfono móvil"),
        ("billetera de hardware", "monedero de hardware"),
        ("ficheiro", "arquivo"),
    ],
)
def test_the_other_variants_spelling_scores_full_marks(accepted, typed):
    assert grading.grade(short(accepted), typed).score == Decimal(1)


def test_an_answer_written_in_the_other_variant_accepts_the_curriculums_spelling():
    assert grading.grade(short("arquivo"), "ficheiro").score == Decimal(1)


def test_a_pattern_is_tried_on_the_variant_spelling_too():
    spec = short("(o )?(registo|ficheiro) de auditoria", regex=True)
    assert grading.grade(spec, "registro de auditoria").score == Decimal(1)
    assert grading.grade(spec, "registo de auditoria").score == Decimal(1)


def test_whole_words_only_and_wrong_answers_stay_wrong():
    assert grading.grade(short("tela"), "telas").score == Decimal(0)
    assert grading.grade(short("ecrã"), "estela").score == Decimal(0)
    assert grading.grade(short("computadora"), "celular").score == Decimal(0)


def test_case_sensitive_values_are_compared_as_typed():
    spec = short("Registo", options=TextOptions(case_sensitive=True))
    assert grading.grade(spec, "Registro").score == Decimal(0)
