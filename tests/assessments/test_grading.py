"""The pure grading module: every question type, and the edges people actually type."""

from decimal import Decimal as D

import pytest

from assessments.grading import (
    AcceptedNumber,
    AcceptedText,
    Choice,
    Item,
    QuestionSpec,
    QuestionType,
    TextOptions,
    evidence_digest,
    grade,
    normalise_text,
    parse_number,
)


def single():
    return QuestionSpec(
        type=QuestionType.SINGLE,
        text="Which phase comes first?",
        choices=(
            Choice("c1", "Preservation", D(1), "Yes: preserve before anything else."),
            Choice("c2", "Reporting", D(0), "Reporting comes last."),
        ),
    )


def multiple():
    return QuestionSpec(
        type=QuestionType.MULTIPLE,
        text="Which are radio-isolation methods?",
        choices=(
            Choice("c1", "Airplane mode", D("0.5")),
            Choice("c2", "Faraday bag", D("0.5")),
            Choice("c3", "Removing the SIM at the scene", D(-1), "Do not do that at the scene."),
        ),
    )


def test_single_choice_right_and_wrong():
    assert grade(single(), "c1").score == 1
    assert grade(single(), "c1").feedback == ("Yes: preserve before anything else.",)
    assert grade(single(), "c2").score == 0


@pytest.mark.parametrize("answer", [None, "", "c9", ["c1"], {"a": 1}])
def test_single_choice_unanswered_or_malformed_scores_zero(answer):
    assert grade(single(), answer).score == 0


def test_multiple_response_gives_partial_credit():
    assert grade(multiple(), ["c1"]).score == D("0.5")
    assert grade(multiple(), ["c1", "c2"]).score == 1


def test_multiple_response_wrong_choices_subtract_but_never_below_zero():
    assert grade(multiple(), ["c1", "c2", "c3"]).score == 0
    assert grade(multiple(), ["c3"]).score == 0
    assert "Do not do that at the scene." in grade(multiple(), ["c1", "c3"]).feedback


def test_multiple_response_counts_a_repeated_choice_once():
    assert grade(multiple(), ["c1", "c1", "c1"]).score == D("0.5")


def test_multiple_response_with_nothing_chosen_is_unanswered():
    result = grade(multiple(), [])
    assert (result.score, result.answered) == (0, False)


def test_true_false():
    spec = QuestionSpec(
        type=QuestionType.TRUE_FALSE,
        text="A PUK usually allows ten tries.",
        choices=(Choice("true", "True", D(1)), Choice("false", "False", D(0))),
    )
    assert grade(spec, "true").is_correct
    assert not grade(spec, "false").is_correct


def short(**options):
    return QuestionSpec(
        type=QuestionType.SHORT,
        text="What does IMSI stand for?",
        accepted_texts=(
            AcceptedText("International Mobile Subscriber Identity"),
            AcceptedText("Mobile Subscriber Identity", D("0.5"), "Almost: which scope?"),
        ),
        text_options=TextOptions(**options),
    )


@pytest.mark.parametrize(
    "typed",
    [
        "International Mobile Subscriber Identity",
        "  international   mobile subscriber identity ",
        "INTERNATIONAL MOBILE SUBSCRIBER IDENTITY",
        "international\tmobile\nsubscriber identity",
    ],
)
def test_short_answer_ignores_case_and_extra_white_space(typed):
    assert grade(short(), typed).score == 1


def test_short_answer_partial_credit_keeps_its_feedback():
    result = grade(short(), "mobile subscriber identity")
    assert result.score == D("0.5")
    assert result.feedback == ("Almost: which scope?",)


def test_short_answer_case_sensitive_when_asked():
    assert grade(short(case_sensitive=True), "international mobile subscriber identity").score == 0


def test_short_answer_accents_are_ignored_by_default_and_kept_on_request():
    spec = QuestionSpec(
        type=QuestionType.SHORT,
        text="Portuguese for 'evidence'?",
        accepted_texts=(AcceptedText("evidência"),),
    )
    assert grade(spec, "evidencia").score == 1
    assert grade(spec, "EVIDÊNCIA").score == 1
    strict = QuestionSpec(
        type=QuestionType.SHORT,
        text=spec.text,
        accepted_texts=spec.accepted_texts,
        text_options=TextOptions(ignore_accents=False),
    )
    assert grade(strict, "evidencia").score == 0
    assert grade(strict, "evidência").score == 1


def test_short_answer_unicode_forms_compare_equal():
    decomposed = "e\u0301vidence"  # e + combining acute
    spec = QuestionSpec(
        type=QuestionType.SHORT,
        text="?",
        accepted_texts=(AcceptedText("évidence"),),
        text_options=TextOptions(ignore_accents=False),
    )
    assert grade(spec, decomposed).score == 1


def test_short_answer_regular_expression():
    spec = QuestionSpec(
        type=QuestionType.SHORT,
        text="Name the standard for digital evidence handling.",
        accepted_texts=(AcceptedText(r"iso(/iec)? ?27037(:2012)?", regex=True),),
    )
    for typed in ("ISO/IEC 27037", "iso 27037:2012", "ISO27037"):
        assert grade(spec, typed).score == 1, typed
    assert grade(spec, "ISO 27001").score == 0


def test_short_answer_with_a_broken_regular_expression_scores_zero_without_error():
    spec = QuestionSpec(
        type=QuestionType.SHORT, text="?", accepted_texts=(AcceptedText("([", regex=True),)
    )
    assert grade(spec, "anything").score == 0


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_empty_short_answer_is_unanswered(typed):
    assert grade(short(), typed).answered is False


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("3.5", D("3.5")),
        ("3,5", D("3.5")),
        (" 3,50 ", D("3.50")),
        ("1 234,5", D("1234.5")),
        ("1\u202f234,5", D("1234.5")),
        ("1.234,5", D("1234.5")),
        ("1,234.5", D("1234.5")),
        ("-0,25", D("-0.25")),
        (",5", D("0.5")),
        ("978307200", D("978307200")),
        ("1e3", D("1000")),
        ("abc", None),
        ("1,2,3", None),
        ("", None),
        ("3..5", None),
    ],
)
def test_numbers_are_read_as_people_type_them(typed, expected):
    assert parse_number(typed) == expected


def numeric():
    return QuestionSpec(
        type=QuestionType.NUMERIC,
        text="Seconds between the Unix and Cocoa epochs?",
        accepted_numbers=(
            AcceptedNumber(value=D(978307200), tolerance=D(0)),
            AcceptedNumber(minimum=D(978000000), maximum=D(979000000), weight=D("0.5")),
        ),
    )


def test_numeric_exact_value_range_and_comma_decimals():
    assert grade(numeric(), "978307200").score == 1
    assert grade(numeric(), "978 307 200").score == 1
    assert grade(numeric(), "978307199").score == D("0.5")
    assert grade(numeric(), "12").score == 0
    assert grade(numeric(), "twelve").score == 0
    assert grade(numeric(), "").answered is False


def test_numeric_tolerance_is_inclusive():
    spec = QuestionSpec(
        type=QuestionType.NUMERIC,
        text="?",
        accepted_numbers=(AcceptedNumber(value=D("2.5"), tolerance=D("0.5")),),
    )
    assert [grade(spec, typed).score for typed in ("2", "3,0", "3.01", "1,99")] == [1, 1, 0, 0]


def ordering():
    return QuestionSpec(
        type=QuestionType.ORDERING,
        text="Put the seizure steps in order.",
        items=(Item("i1", "Photograph"), Item("i2", "Isolate"), Item("i3", "Package")),
    )


def test_ordering_right_and_partial():
    assert grade(ordering(), ["i1", "i2", "i3"]).score == 1
    assert grade(ordering(), ["i1", "i3", "i2"]).score == D(1) / D(3)
    assert grade(ordering(), ["i3", "i1", "i2"]).score == 0
    assert grade(ordering(), []).answered is False
    assert grade(ordering(), ["i1"]).score == D(1) / D(3)


def matching():
    return QuestionSpec(
        type=QuestionType.MATCHING,
        text="Match each epoch with its system.",
        prompts=(Item("p1", "1970-01-01"), Item("p2", "2001-01-01"), Item("p3", "1601-01-01")),
        answers=(Item("a1", "Unix"), Item("a2", "Cocoa"), Item("a3", "WebKit"), Item("a4", "GPS")),
        matches=(("p1", "a1"), ("p2", "a2"), ("p3", "a3")),
    )


def test_matching_right_partial_and_distractors():
    assert grade(matching(), {"p1": "a1", "p2": "a2", "p3": "a3"}).score == 1
    assert grade(matching(), {"p1": "a1", "p2": "a4", "p3": "a3"}).score == D(2) / D(3)
    assert grade(matching(), {"p1": "", "p2": ""}).answered is False
    assert grade(matching(), "not a dict").score == 0


HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def evidence(**options):
    text_options = TextOptions(remove_spaces=True, **options)
    return QuestionSpec(
        type=QuestionType.EVIDENCE,
        text="Compute the SHA-256 of the file.",
        text_options=text_options,
        evidence_salt="s4lt",
        evidence_digest=evidence_digest(HASH, "s4lt", text_options),
    )


def test_evidence_answer_is_compared_against_the_digest_only():
    spec = evidence()
    assert HASH not in repr(spec)
    assert grade(spec, HASH).score == 1
    assert grade(spec, HASH.upper()).score == 1
    assert grade(spec, " ".join(HASH[i : i + 8] for i in range(0, 64, 8))).score == 1
    assert grade(spec, HASH[:-1] + "9").score == 0
    assert grade(spec, "").answered is False


def test_the_same_value_gives_different_digests_with_different_salts():
    options = TextOptions()
    assert evidence_digest("flag{x}", "a", options) != evidence_digest("flag{x}", "b", options)


def test_normalise_text_options():
    assert normalise_text("  Ça  VA ", TextOptions()) == "ca va"
    assert normalise_text("ab cd", TextOptions(remove_spaces=True)) == "abcd"


def test_points_are_rounded_to_hundredths():
    assert grade(ordering(), ["i1", "i3", "i2"]).points(D(2)) == D("0.67")
