"""GIFT import and export: every construct of the format, its problems, and the round trip.

Pure functions: no database. The documentation-style examples follow the syntax shown in
Moodle's GIFT documentation, with question texts of our own.
"""

import random
from decimal import Decimal as D

import pytest

from assessments.gift import BLANK, GiftImport, GiftProblem, export_gift, parse_gift
from assessments.grading import (
    AcceptedNumber,
    AcceptedText,
    Choice,
    Item,
    QuestionSpec,
    QuestionType,
    TextOptions,
    grade,
)


def only(text: str) -> QuestionSpec:
    """The one question of a file that must import cleanly."""
    result = parse_gift(text)
    assert result.ok, result.problems
    assert len(result.questions) == 1, result.questions
    return result.questions[0].spec


def problems(text: str) -> list[tuple[int, str]]:
    result = parse_gift(text)
    assert not result.ok
    return [(problem.line, problem.message) for problem in result.problems]


def weights(spec: QuestionSpec) -> list[D]:
    return [choice.weight for choice in spec.choices]


# --- Result objects -----------------------------------------------------------------------


def test_empty_file_imports_nothing_and_is_ok():
    result = parse_gift("")
    assert result == GiftImport()
    assert result.ok


def test_file_of_comments_and_blank_lines_imports_nothing():
    result = parse_gift("// a comment\n\n   \n// another one\n")
    assert result.ok
    assert result.questions == ()


def test_import_with_a_problem_is_not_ok():
    assert not GiftImport(problems=(GiftProblem(3, "Bad."),)).ok


# --- Multiple choice, one answer ----------------------------------------------------------


def test_single_choice_right_answer_weighs_one_and_wrong_answers_zero():
    spec = only("Which agency tests write blockers?{=NIST ~Interpol ~Europol}")
    assert spec.type == QuestionType.SINGLE
    assert spec.text == "Which agency tests write blockers?"
    assert spec.choices == (
        Choice("c1", "NIST", D(1)),
        Choice("c2", "Interpol", D(0)),
        Choice("c3", "Europol", D(0)),
    )


def test_choice_keys_follow_the_order_of_the_file():
    spec = only("Pick one.{~d ~c =b ~a}")
    assert [(c.key, c.text) for c in spec.choices] == [
        ("c1", "d"),
        ("c2", "c"),
        ("c3", "b"),
        ("c4", "a"),
    ]


def test_single_choice_accepts_weighted_wrong_choices():
    spec = only(
        "Best first step?{=Isolate the phone ~%50%Photograph it ~%-25%Switch it off ~Wait}"
    )
    assert spec.type == QuestionType.SINGLE
    assert weights(spec) == [D(1), D("0.5"), D("-0.25"), D(0)]


def test_answer_feedback_follows_a_hash():
    spec = only("Volatile?{=RAM#Lost at power-off. ~Disk#It keeps its data.}")
    assert [(c.text, c.feedback) for c in spec.choices] == [
        ("RAM", "Lost at power-off."),
        ("Disk", "It keeps its data."),
    ]


def test_answers_may_be_written_on_indented_lines():
    spec = only("Which port does SSH use by default? {\n    ~21\n    =22\n    ~23\n    ~25}\n")
    assert [c.text for c in spec.choices] == ["21", "22", "23", "25"]
    assert weights(spec) == [D(0), D(1), D(0), D(0)]


def test_missing_word_joins_the_text_around_a_blank():
    spec = only("Gandhi's birthday is an Indian holiday on {~15th ~3rd =2nd} of October.")
    assert spec.text == f"Gandhi's birthday is an Indian holiday on {BLANK} of October."
    assert spec.text == "Gandhi's birthday is an Indian holiday on _____ of October."


def test_missing_word_over_several_lines_keeps_the_text_after_the_block():
    spec = only(
        "The Budapest Convention was opened for signature in {\n~1999\n=2001\n~2004\n} in Hungary."
    )
    assert spec.text == "The Budapest Convention was opened for signature in _____ in Hungary."


def test_answer_block_at_the_end_adds_no_blank():
    spec = only("Which hash is 256 bits long?   {=SHA-256 ~MD5}   ")
    assert spec.text == "Which hash is 256 bits long?"


def test_answer_block_at_the_start_of_the_text_gives_a_leading_blank():
    spec = only("{=Preservation ~Reporting} comes first in an investigation.")
    assert spec.text == "_____ comes first in an investigation."


# --- Multiple answers ---------------------------------------------------------------------


def test_multiple_answers_with_percentages_become_fractions():
    spec = only(
        "Which two are volatile? {~%-100%A powered-off disk ~%50%RAM ~%50%Running processes}"
    )
    assert spec.type == QuestionType.MULTIPLE
    assert weights(spec) == [D(-1), D("0.5"), D("0.5")]


def test_multiple_answers_accept_thirds_and_negative_thirds():
    spec = only(
        "Which are hash functions? {\n"
        "~%33.33333%SHA-1\n"
        "~%33.33333%SHA-256\n"
        "~%33.33333%MD5\n"
        "~%-33.33333%AES\n"
        "}"
    )
    assert spec.type == QuestionType.MULTIPLE
    assert weights(spec) == [D("0.3333333")] * 3 + [D("-0.3333333")]


def test_multiple_answers_with_a_single_full_weight_choice_stay_multiple_as_in_moodle():
    spec = only("Which one?{~%100%this ~that ~%-50%not that}")
    assert spec.type == QuestionType.MULTIPLE


def test_weights_allow_spaces_after_the_marker():
    spec = only("Which two?{~ %50% a ~ %50% b ~ c}")
    assert [(c.text, c.weight) for c in spec.choices] == [
        ("a", D("0.5")),
        ("b", D("0.5")),
        ("c", D(0)),
    ]


# --- True or false ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, is_true",
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), (" TRUE ", True)],
)
def test_true_false_answers(written, is_true):
    spec = only(f"A hash proves that an image is unchanged.{{{written}}}")
    assert spec.type == QuestionType.TRUE_FALSE
    by_key = {choice.key: choice for choice in spec.choices}
    assert by_key["true"].weight == (D(1) if is_true else D(0))
    assert by_key["false"].weight == (D(0) if is_true else D(1))
    assert [choice.key for choice in spec.choices] == ["true", "false"]


def test_true_false_single_feedback_is_for_the_wrong_answer_as_in_moodle():
    spec = only("Airplane mode stops every radio.{F#Wi-Fi can be switched back on.}")
    by_key = {choice.key: choice for choice in spec.choices}
    assert by_key["true"].feedback == "Wi-Fi can be switched back on."
    assert by_key["false"].feedback == ""


def test_true_false_second_feedback_is_for_the_right_answer():
    spec = only("SIM cards store SMS messages.{T#Look again at the SIM file system.#Yes, EF_SMS.}")
    by_key = {choice.key: choice for choice in spec.choices}
    assert by_key["true"].feedback == "Yes, EF_SMS."
    assert by_key["false"].feedback == "Look again at the SIM file system."


def test_lower_case_true_is_a_short_answer_as_in_moodle():
    spec = only("Type the word.{true}")
    assert spec.type == QuestionType.SHORT
    assert spec.accepted_texts == (AcceptedText("true"),)


# --- Short answer -------------------------------------------------------------------------


def test_short_answer_accepts_several_texts_and_partial_credit():
    spec = only(
        "What does RAM stand for?{=random access memory =random-access memory =%50%memory}"
    )
    assert spec.type == QuestionType.SHORT
    assert spec.accepted_texts == (
        AcceptedText("random access memory", D(1)),
        AcceptedText("random-access memory", D(1)),
        AcceptedText("memory", D("0.5")),
    )
    assert spec.text_options == TextOptions()


def test_short_answer_feedback_per_accepted_text():
    spec = only("Tool to image a disk?{=dd#Classic. =dc3dd#Even better.}")
    assert [(a.text, a.feedback) for a in spec.accepted_texts] == [
        ("dd", "Classic."),
        ("dc3dd", "Even better."),
    ]


def test_short_answer_may_omit_the_equals_sign_when_there_is_one_answer():
    spec = only("Which command lists open files?{lsof}")
    assert spec.type == QuestionType.SHORT
    assert spec.accepted_texts == (AcceptedText("lsof"),)


def test_short_answer_escaped_asterisk_is_a_literal_asterisk():
    spec = only(r"What does the shell glob match any file with?{=\*}")
    assert spec.accepted_texts == (AcceptedText("*"),)


def test_short_answer_missing_word():
    spec = only("A byte has {=eight =8} bits.")
    assert spec.text == "A byte has _____ bits."
    assert [a.text for a in spec.accepted_texts] == ["eight", "8"]


# --- Numeric ------------------------------------------------------------------------------


def test_numeric_value_with_tolerance():
    spec = only("How many volts does USB 2.0 supply?{#5:0.25}")
    assert spec.type == QuestionType.NUMERIC
    assert spec.accepted_numbers == (AcceptedNumber(value=D(5), tolerance=D("0.25")),)


def test_numeric_decimal_value_with_tolerance():
    spec = only("Half a unit?{#2.5:0.5}")
    assert spec.accepted_numbers == (AcceptedNumber(value=D("2.5"), tolerance=D("0.5")),)


def test_numeric_value_alone_has_no_tolerance():
    spec = only("How many bits are there in an IPv4 address?{#32}")
    assert spec.accepted_numbers == (AcceptedNumber(value=D(32), tolerance=D(0)),)


def test_numeric_range_imports_as_minimum_and_maximum():
    spec = only("Name a number from 1 to 5.{#1..5}")
    (accepted,) = spec.accepted_numbers
    assert accepted == AcceptedNumber(minimum=D(1), maximum=D(5))
    assert accepted.value is None


def test_numeric_negative_values_and_ranges():
    spec = only("Freezer temperature in Celsius?{# =-18:2 =%50%-30..-10}")
    assert spec.accepted_numbers == (
        AcceptedNumber(value=D(-18), tolerance=D(2)),
        AcceptedNumber(minimum=D(-30), maximum=D(-10), weight=D("0.5")),
    )


def test_numeric_multiple_answers_with_partial_credit_and_feedback():
    spec = only(
        "In what year did the Budapest Convention open for signature? {#\n"
        "    =2001:0      # Right: 23 November 2001.\n"
        "    =%50%2001:2  # Close: it was 2001.\n"
        "}"
    )
    assert spec.accepted_numbers == (
        AcceptedNumber(value=D(2001), tolerance=D(0), feedback="Right: 23 November 2001."),
        AcceptedNumber(
            value=D(2001), tolerance=D(2), weight=D("0.5"), feedback="Close: it was 2001."
        ),
    )


def test_numeric_inline_multiple_answers():
    spec = only("Year?{# =1822:0 =%50%1821:2}")
    assert spec.accepted_numbers == (
        AcceptedNumber(value=D(1822)),
        AcceptedNumber(value=D(1821), tolerance=D(2), weight=D("0.5")),
    )


def test_numeric_block_before_punctuation_leaves_a_blank():
    spec = only("Give pi to three decimal places: {#3.141..3.142}.")
    assert spec.text == "Give pi to three decimal places: _____."
    assert spec.accepted_numbers == (AcceptedNumber(minimum=D("3.141"), maximum=D("3.142")),)


# --- Matching -----------------------------------------------------------------------------


def test_matching_pairs_become_prompts_answers_and_matches():
    spec = only(
        "Match each artefact with its system. {\n"
        "=NTUSER.DAT -> Windows\n"
        "=com.apple.plist -> macOS\n"
        "=/var/log/auth.log -> Linux\n"
        "}"
    )
    assert spec.type == QuestionType.MATCHING
    assert spec.prompts == (
        Item("p1", "NTUSER.DAT"),
        Item("p2", "com.apple.plist"),
        Item("p3", "/var/log/auth.log"),
    )
    assert spec.answers == (Item("a1", "Windows"), Item("a2", "macOS"), Item("a3", "Linux"))
    assert spec.matches == (("p1", "a1"), ("p2", "a2"), ("p3", "a3"))


def test_matching_duplicate_right_hand_texts_share_one_answer_key():
    spec = only("Which OS?{=SAM hive -> Windows =Prefetch -> Windows =Keychain -> macOS}")
    assert spec.answers == (Item("a1", "Windows"), Item("a2", "macOS"))
    assert spec.matches == (("p1", "a1"), ("p2", "a1"), ("p3", "a2"))


def test_matching_empty_prompt_adds_a_distractor_answer():
    spec = only("Match.{=ext4 -> Linux = -> Solaris =NTFS -> Windows}")
    assert spec.prompts == (Item("p1", "ext4"), Item("p2", "NTFS"))
    assert spec.answers == (Item("a1", "Linux"), Item("a2", "Solaris"), Item("a3", "Windows"))
    assert spec.matches == (("p1", "a1"), ("p2", "a3"))


def test_matching_with_two_pairs_is_accepted():
    spec = only("Match.{=TCP -> connection =UDP -> datagram}")
    assert len(spec.prompts) == 2


def test_matching_answer_may_contain_an_arrow():
    spec = only("Match.{=a -> b -> c =d -> e}")
    assert [answer.text for answer in spec.answers] == ["b -> c", "e"]


# --- Titles, formats, comments, escapes, feedback, categories -----------------------------


def test_title_between_double_colons():
    spec = only("::Hash basics:: Which hash is broken?{=MD5 ~SHA-256}")
    assert spec.title == "Hash basics"
    assert spec.text == "Which hash is broken?"


def test_title_may_stand_on_its_own_line():
    spec = only("::Hash basics::\nWhich hash is broken?\n{=MD5 ~SHA-256}")
    assert spec.title == "Hash basics"
    assert spec.text == "Which hash is broken?"


def test_question_without_title_has_an_empty_title():
    assert only("Broken hash?{=MD5 ~SHA-256}").title == ""


@pytest.mark.parametrize("marker", ["html", "moodle", "plain", "markdown"])
def test_text_format_markers_are_dropped_and_the_text_kept(marker):
    spec = only(f"::T::[{marker}]The <b>first</b> step?{{=[{marker}]Isolate#[{marker}]Yes ~Wipe}}")
    assert spec.text == "The <b>first</b> step?"
    assert spec.choices[0] == Choice("c1", "Isolate", D(1), "Yes")


def test_unknown_bracket_prefix_is_ordinary_text():
    spec = only("[Note] Which is volatile?{=RAM ~ROM}")
    assert spec.text == "[Note] Which is volatile?"


def test_comment_lines_are_ignored_even_inside_a_question():
    result = parse_gift(
        "// question: 12  name: volatile\n"
        "Which is volatile? {\n"
        "// the right one\n"
        "=RAM\n"
        "  // the wrong one\n"
        "~ROM\n"
        "}\n"
    )
    assert result.ok
    (question,) = result.questions
    assert question.line == 2
    assert [c.text for c in question.spec.choices] == ["RAM", "ROM"]


def test_double_slash_inside_a_line_is_text():
    spec = only("Which scheme is https://example.org?{=HTTPS ~FTP}")
    assert spec.text == "Which scheme is https://example.org?"


def test_general_feedback_follows_four_hashes():
    spec = only("Broken hash?{=MD5#Yes. ~SHA-256#No.####Collisions were found in 2004.}")
    assert spec.general_feedback == "Collisions were found in 2004."
    assert spec.choices[0].feedback == "Yes."
    assert spec.choices[1].feedback == "No."


@pytest.mark.parametrize(
    "answers",
    [
        "{T####Read the manual.}",
        "{#42####Read the manual.}",
        "{=a -> 1 =b -> 2####Read the manual.}",
    ],
)
def test_general_feedback_in_every_kind_of_question(answers):
    assert only(f"Question{answers}").general_feedback == "Read the manual."


def test_escaped_special_characters_are_read_as_themselves():
    spec = only(
        r"::Control\: characters:: Which of \{ \} \~ \= \# \: \\ is special?"
        r"{=\~ tilde#It starts a choice\: ~\=#\#1 ~a\\b}"
    )
    assert spec.title == "Control: characters"
    assert spec.text == "Which of { } ~ = # : \\ is special?"
    assert spec.choices == (
        Choice("c1", "~ tilde", D(1), "It starts a choice:"),
        Choice("c2", "=", D(0), "#1"),
        Choice("c3", "a\\b", D(0)),
    )


def test_backslash_n_is_a_newline():
    spec = only(r"First line\nSecond line{=a ~b}")
    assert spec.text == "First line\nSecond line"


def test_other_backslashes_are_kept():
    spec = only(r"Where is C\:\Windows\System32?{=system disk ~recycle bin}")
    assert spec.text == r"Where is C:\Windows\System32?"


def test_lines_of_a_question_are_joined_with_newlines():
    spec = only("First line\n   second line\n{=a ~b}")
    assert spec.text == "First line\nsecond line"


def test_category_applies_to_the_questions_that_follow():
    result = parse_gift(
        "Before any category{T}\n"
        "\n"
        "$CATEGORY: top/Mobile forensics/Week 1\n"
        "\n"
        "First{T}\n"
        "\n"
        "Second{F}\n"
        "\n"
        "$CATEGORY: $course$/top/Network forensics\n"
        "Third, right under its category line{T}\n"
        "\n"
        "$CATEGORY:\n"
        "\n"
        "Fourth, back to no category{T}\n"
    )
    assert result.ok, result.problems
    assert [(q.spec.text, q.category, q.line) for q in result.questions] == [
        ("Before any category", "", 1),
        ("First", "top/Mobile forensics/Week 1", 5),
        ("Second", "top/Mobile forensics/Week 1", 7),
        ("Third, right under its category line", "$course$/top/Network forensics", 10),
        ("Fourth, back to no category", "", 14),
    ]


def test_questions_are_separated_by_lines_of_spaces_too():
    result = parse_gift("One{T}\n   \t \nTwo{F}")
    assert [q.spec.text for q in result.questions] == ["One", "Two"]


def test_unicode_texts_are_kept():
    spec = only(
        "::Preuve numérique:: Quelle étape vient en première?{=Préservation ~Análisis "
        "~Relatório de ação ~Conclusión#Después, señor.}"
    )
    assert spec.title == "Preuve numérique"
    assert [c.text for c in spec.choices] == [
        "Préservation",
        "Análisis",
        "Relatório de ação",
        "Conclusión",
    ]
    assert spec.choices[3].feedback == "Después, señor."


def test_question_line_numbers_skip_blank_and_comment_lines():
    result = parse_gift("\n\n// header\n\n::A::One{T}\n\n\n// note\n::B::\nTwo{F}\n")
    assert [q.line for q in result.questions] == [5, 9]


# --- CRLF and byte order mark -------------------------------------------------------------


def test_crlf_line_endings_and_a_byte_order_mark():
    text = (
        "\ufeff// exported on Windows\r\n::Q1::Volatile?{\r\n=RAM\r\n~ROM\r\n}\r\n\r\nSure?{T}\r\n"
    )
    result = parse_gift(text)
    assert result.ok, result.problems
    assert [(q.line, q.spec.title, q.spec.text) for q in result.questions] == [
        (2, "Q1", "Volatile?"),
        (7, "", "Sure?"),
    ]
    assert [c.text for c in result.questions[0].spec.choices] == ["RAM", "ROM"]


def test_byte_order_mark_before_a_title_does_not_hide_it():
    spec = only("\ufeff::Q1::Sure?{T}")
    assert spec.title == "Q1"


def test_problem_lines_count_crlf_lines_once():
    assert problems("\ufeffOne{T}\r\n\r\nTwo {=a\r\n") == [
        (
            3,
            "The answer block opened with '{' is not closed with '}'. A blank line ends a "
            "question, so an answer block cannot contain blank lines.",
        )
    ]


# --- Documentation-style examples ---------------------------------------------------------
# One example per syntax that Moodle's GIFT documentation demonstrates.

DOCUMENTATION_STYLE = r"""// Examples in the style of Moodle's GIFT documentation.
$CATEGORY: top/Documentation examples

// Multiple choice
Which agency publishes write-blocker test reports?{=NIST ~Interpol ~Europol ~ENISA}

// Multiple choice with a title, per-answer feedback and answers on their own lines
::Seizure::Which device should be placed in a Faraday bag at the scene? {
    =The suspect's smartphone#Yes: it could be wiped remotely.
    ~The printer#It has no radio worth isolating.
    ~The desk lamp#It holds no data.
}

// Missing word
A hash value {~encrypts =identifies ~compresses} the content of a file.

// Missing word over several lines
The Budapest Convention was opened for signature in {
    ~1999
    =2001
    ~2004
} in Hungary.

// Multiple answers with weights, negative ones included
What two sources hold volatile data? {
    ~%-100%A powered-off hard disk
    ~%50%RAM
    ~%50%The list of running processes
    ~%-100%A printed report
}

// True or false
A forensic image is verified with a hash.{T}

Airplane mode always disables Wi-Fi.{FALSE#Wi-Fi can be switched back on.#Right.}

// Short answer
What does RAM stand for?{=random access memory =random-access memory}

A byte has {=eight =8} bits.

// Matching, with general feedback
Match each artefact with its operating system. {
    =NTUSER.DAT -> Windows
    =com.apple.Safari.plist -> macOS
    =/var/log/auth.log -> Linux
    ####Artefacts depend on the operating system.
}

// Numeric with a tolerance, with a range, and with several answers
In what year did the Budapest Convention open for signature?{#2001:0}

Give pi to three decimal places: {#3.141..3.142}.

In what year was the Council of Europe founded? {#
    =1949:0      # Right.
    =%50%1949:2  # Close: it was 1949.
}

// Options: percentage weights on a single-choice question
A difficult one: which acquisition comes first? {~Disk =%50%Memory ~Network}
"""


def test_documentation_style_examples_import_except_the_weighted_equals():
    result = parse_gift(DOCUMENTATION_STYLE)
    # '=%50%' is refused: in Moodle '=' always gives full credit and keeps '%50%' as text.
    line = (
        DOCUMENTATION_STYLE.splitlines().index(
            "A difficult one: which acquisition comes first? {~Disk =%50%Memory ~Network}"
        )
        + 1
    )
    assert line == 61
    assert [(problem.line, problem.message[:30]) for problem in result.problems] == [
        (line, "'=%50%Memory': '=' marks a ful")
    ]
    assert [q.spec.type for q in result.questions] == [
        QuestionType.SINGLE,
        QuestionType.SINGLE,
        QuestionType.SINGLE,
        QuestionType.SINGLE,
        QuestionType.MULTIPLE,
        QuestionType.TRUE_FALSE,
        QuestionType.TRUE_FALSE,
        QuestionType.SHORT,
        QuestionType.SHORT,
        QuestionType.MATCHING,
        QuestionType.NUMERIC,
        QuestionType.NUMERIC,
        QuestionType.NUMERIC,
    ]
    assert {q.category for q in result.questions} == {"top/Documentation examples"}


def test_documentation_style_examples_details():
    questions = parse_gift(DOCUMENTATION_STYLE).questions
    seizure = questions[1].spec
    assert seizure.title == "Seizure"
    assert seizure.choices[0].feedback == "Yes: it could be wiped remotely."
    assert questions[2].spec.text == "A hash value _____ the content of a file."
    assert (
        questions[3].spec.text
        == "The Budapest Convention was opened for signature in _____ in Hungary."
    )
    assert weights(questions[4].spec) == [D(-1), D("0.5"), D("0.5"), D(-1)]
    matching = questions[9].spec
    assert matching.general_feedback == "Artefacts depend on the operating system."
    assert questions[11].spec.text == "Give pi to three decimal places: _____."
    assert [n.weight for n in questions[12].spec.accepted_numbers] == [D(1), D("0.5")]


def test_documentation_style_examples_round_trip():
    imported = parse_gift(DOCUMENTATION_STYLE).questions
    again = parse_gift(export_gift((q.category, q.spec) for q in imported))
    assert again.ok, again.problems
    assert [(q.category, q.spec) for q in again.questions] == [
        (q.category, q.spec) for q in imported
    ]


# --- Refused kinds of question ------------------------------------------------------------


def test_essay_is_refused():
    assert problems("Notes\n\nDescribe the chain of custody.{}") == [
        (
            1,
            "'Notes' has no answer block {...}: descriptions (text without a question) are "
            "not supported.",
        ),
        (3, "Essay questions (an answer block with no answers, {}) are not supported."),
    ]


def test_essay_with_only_general_feedback_is_still_an_essay():
    assert problems("Explain hashing. {####Mention collisions.}") == [
        (1, "Essay questions (an answer block with no answers, {}) are not supported.")
    ]


def test_description_is_refused_with_its_line():
    ((line, message),) = problems("Good{T}\n\n\nThe following questions are about phones.")
    assert line == 4
    assert "descriptions" in message
    assert "The following questions are about phones." in message


# --- Problems and their lines -------------------------------------------------------------


def test_unclosed_brace_is_reported_on_the_line_of_the_brace():
    assert problems("One{T}\n\n::Q2::\nWhich one? {\n=a\n~b\n") == [
        (
            4,
            "The answer block opened with '{' is not closed with '}'. A blank line ends a "
            "question, so an answer block cannot contain blank lines.",
        )
    ]


def test_blank_line_inside_an_answer_block_breaks_the_question():
    reported = problems("Which one? {\n=a\n\n~b\n}")
    assert [line for line, _ in reported] == [1, 5]
    assert "not closed" in reported[0][1]
    assert "never opened" in reported[1][1]


def test_closing_brace_without_an_opening_one():
    assert problems("Odd } question{T}") == [
        (1, "'}' closes an answer block that was never opened: write \\} for a brace.")
    ]


def test_two_answer_blocks_are_refused():
    assert problems("Both {=a ~b} and\n{=c ~d}") == [
        (
            2,
            "A question can have only one answer block: write \\{ and \\} for braces in the text.",
        )
    ]


def test_unclosed_title():
    assert problems("::Q1 Which one?{=a ~b}") == [
        (1, "The title starts with '::' but is not closed with '::'.")
    ]


def test_question_without_text():
    assert problems("::Q1::{=a ~b}") == [(1, "The question has no text.")]


@pytest.mark.parametrize(
    "answers, message",
    [
        (
            "{#abc}",
            "Numeric answer 'abc' is not a number: write a value (2.5), a value and its "
            "tolerance (2.5:0.1) or a range (2..3).",
        ),
        (
            "{#2,5:0,1}",
            "Numeric answer '2,5:0,1' is not a number: write decimals with a point "
            "(2.5, not 2,5).",
        ),
        (
            "{#1..5:1}",
            "Numeric answer '1..5:1' is not a number: write a value (2.5), a value and its "
            "tolerance (2.5:0.1) or a range (2..3).",
        ),
        ("{#5..1}", "Numeric range '5..1' ends below its start."),
        ("{#5:-1}", "Numeric tolerance in '5:-1' is negative."),
        ("{#}", "The numeric question has no answer: write one like {#2.5:0.5} or {#1..5}."),
        ("{#=%50%3}", "No numeric answer gives 100% credit."),
        ("{#=%150%3}", "Numeric answer weight 150% is outside 0% to 100%."),
        ("{#=}", "Numeric answer 1 is empty."),
        (
            "{#=3 ~#Try again.}",
            "Feedback for any other answer ('~#...') is not supported in numeric questions: "
            "put it in the general feedback (####...).",
        ),
    ],
)
def test_numeric_problems(answers, message):
    reported = problems(f"Good{{T}}\n\n// a numeric question\nHow many?\n{answers}")
    assert reported[0] == (5, message)
    assert {line for line, _ in reported} == {5}


def test_numeric_problem_names_the_line_of_the_bad_answer():
    assert problems("Year? {#\n=1822:0\n=%50%18x22:2\n}") == [
        (
            3,
            "Numeric answer '18x22:2' is not a number: write a value (2.5), a value and its "
            "tolerance (2.5:0.1) or a range (2..3).",
        )
    ]


@pytest.mark.parametrize(
    "answers, message",
    [
        ("{=}", "Accepted answer 1 is empty."),
        ("{= =b}", "Accepted answer 1 is empty."),
        ("{~ ~}", "Choice 1 is empty."),
        ("{~}", "Choice 1 is empty."),
        ("{=a -> }", "Matching pair 1 has no answer after '->'."),
    ],
)
def test_empty_answers_are_reported(answers, message):
    reported = problems(f"Question\n{answers}")
    assert (2, message) in reported


def test_one_choice_is_not_enough():
    assert (1, "A choice question needs at least two choices, not 1.") in problems("Q{~%100%a}")


def test_choices_without_a_right_one():
    assert problems("Which one?{~a ~b ~c}") == [
        (
            1,
            "No choice is right: mark the right choice with '=', or give the right choices "
            "weights that add up to 100% (~%50%...).",
        )
    ]


def test_multiple_answer_weights_must_add_up_to_one_hundred():
    assert problems("Which ones?{~%50%a ~%40%b ~%-100%c}") == [
        (1, "The weights of the right choices add up to 90%, not 100%.")
    ]


def test_equals_sign_with_a_weight_is_refused_in_choices():
    assert problems("Which one? {\n=a\n=%50%b\n~c\n}") == [
        (
            3,
            "'=%50%b': '=' marks a fully right choice and takes no weight; write '~%50%...' "
            "for partial credit.",
        )
    ]


def test_text_before_the_first_choice_marker_is_refused():
    assert problems("Which one? {\nfirst\n=a\n~b\n}") == [
        (2, "'first' must start with '=' (the right choice) or '~' (another choice).")
    ]


def test_matching_entry_without_an_arrow_is_refused():
    assert problems("Match. {\n=a -> 1\n=b\n=c -> 3\n}") == [
        (3, "Matching pair '=b' has no '->' between the prompt and its answer.")
    ]


def test_matching_with_a_single_pair_is_refused():
    assert problems("Match.{=a -> 1 = -> 2}") == [
        (1, "A matching question needs at least two pairs, not 1.")
    ]


def test_matching_pairs_take_no_feedback_or_weight():
    reported = problems("Match.{=%50%a -> 1 =b -> 2#nice =c -> 3}")
    assert reported == [
        (1, "Matching pair '=%50%a -> 1' has a weight; pairs take none."),
        (
            1,
            "Matching pair '=b -> 2#nice' has feedback (#), which matching questions do not "
            "take: write \\# for the character.",
        ),
    ]


def test_text_before_the_first_matching_pair_is_refused():
    assert problems("Match.{a -> 1 =b -> 2 =c -> 3}")[0] == (
        1,
        "'a -> 1' is not part of a pair: each pair starts with '=' (=prompt -> answer).",
    )


@pytest.mark.parametrize(
    "answers, message",
    [
        (
            "{~%50.%a ~%50%b}",
            "Answer weight '%50.%' is not a percentage: write it like %50% or %-33.33333%.",
        ),
        (
            "{~%1,5%a =b}",
            "Answer weight '%1,5%' is not a percentage: write it like %50% or %-33.33333%.",
        ),
        ("{~%150%a ~b}", "Choice weight 150% is outside -100% to 100%."),
        ("{=a =%-50%b}", "Accepted answer weight -50% is outside 0% to 100%."),
    ],
)
def test_weight_problems(answers, message):
    assert (1, message) in problems(f"Q{answers}")


def test_percent_followed_by_words_is_text_not_a_weight():
    spec = only("Which printf format prints a string?{=%s%d mixed ~%d}")
    assert [c.text for c in spec.choices] == ["%s%d mixed", "%d"]


def test_short_answer_without_full_credit_is_refused():
    assert problems("Close enough?{=%50%near =%25%far}") == [
        (1, "No accepted answer gives 100% credit.")
    ]


def test_short_answer_wildcard_is_refused():
    assert problems("Any word?{=foren*}") == [
        (
            1,
            "Accepted answer 'foren*' uses '*', Moodle's wildcard, which is not supported: "
            "write \\* for an asterisk.",
        )
    ]


def test_every_problem_of_the_file_is_reported_in_order():
    text = (
        "Fine{T}\n"  # 1
        "\n"
        "Bad numeric{#x}\n"  # 3
        "\n"
        "Essay{}\n"  # 5
        "\n"
        "Still fine{=a ~b}\n"  # 7
        "\n"
        "Unclosed {=a ~b\n"  # 9
    )
    assert [line for line, _ in problems(text)] == [3, 5, 9]


def test_one_bad_question_among_good_ones_refuses_the_file():
    text = (
        "::Q1::Broken hash?{=MD5 ~SHA-256}\n"
        "\n"
        "::Q2::Sure?{T}\n"
        "\n"
        "::Q3::How many bits?\n"
        "{#thirty-two}\n"
        "\n"
        "::Q4::Match.{=a -> 1 =b -> 2}\n"
    )
    result = parse_gift(text)
    assert not result.ok
    assert result.problems == (
        GiftProblem(
            6,
            "Numeric answer 'thirty-two' is not a number: write a value (2.5), a value and "
            "its tolerance (2.5:0.1) or a range (2..3).",
        ),
    )
    # The sound questions are still returned, for a preview; callers import only when ok.
    assert [q.spec.title for q in result.questions] == ["Q1", "Q2", "Q4"]


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "}",
        "::",
        "::::",
        "{#",
        "\\",
        "{\\",
        "$CATEGORY:",
        "{}{}",
        "}{",
        "{=}",
        "{~}",
        "{#..}",
        "{#:}",
        "{= -> }",
        "{T#}",
        "{####}",
        "[html]",
        "{=%%}",
        "\ufeff",
        "\r\r\n\n",
    ],
)
def test_malformed_input_never_raises(text):
    result = parse_gift(text)
    assert isinstance(result, GiftImport)


def test_random_input_never_raises_and_valid_questions_survive_the_round_trip():
    rng = random.Random(20240607)  # noqa: S311 - reproducible fuzzing, not security
    alphabet = list("{}~=#:%->.\\ \nTFab1-2*/[]") + ["TRUE", "->", "####", "%50%", "\n\n"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        result = parse_gift(text)
        if not result.ok or not result.questions:
            continue
        again = parse_gift(export_gift((q.category, q.spec) for q in result.questions))
        assert again.ok, (text, again.problems)
        assert [q.spec for q in again.questions] == [q.spec for q in result.questions], text


# --- Grading imported questions -----------------------------------------------------------


def test_imported_multiple_answers_grade_with_their_weights_and_floor_at_zero():
    spec = only("Which two are volatile? {~%50%RAM ~%50%Processes ~%-100%Disk}")
    assert grade(spec, ["c1"]).score == D("0.5")
    assert grade(spec, ["c1", "c2"]).score == 1
    assert grade(spec, ["c1", "c3"]).score == 0  # 0.5 - 1 floors at 0
    assert grade(spec, ["c3"]).score == 0


def test_imported_thirds_give_almost_full_credit_and_negative_thirds_take_some_back():
    spec = only("Hashes?{~%33.33333%MD5 ~%33.33333%SHA-1 ~%33.33333%SHA-256 ~%-33.33333%AES}")
    assert grade(spec, ["c1", "c2", "c3"]).score == D("0.9999999")
    assert grade(spec, ["c1", "c2", "c4"]).score == D("0.3333333")


def test_imported_single_choice_grades_partial_credit_and_feedback():
    spec = only("First step?{=Isolate#Right. ~%50%Photograph#Half. ~Switch off#No.}")
    assert grade(spec, "c1").score == 1
    half = grade(spec, "c2")
    assert (half.score, half.feedback) == (D("0.5"), ("Half.",))
    assert grade(spec, "c3").score == 0


def test_imported_true_false_grades():
    spec = only("MD5 is collision resistant.{F#It is not.#Right.}")
    assert grade(spec, "false").score == 1
    assert grade(spec, "false").feedback == ("Right.",)
    assert grade(spec, "true").score == 0
    assert grade(spec, "true").feedback == ("It is not.",)


def test_imported_numeric_grades_with_tolerance_range_and_partial_credit():
    spec = only("Year?{# =1822:0 =%50%1822:2}")
    assert grade(spec, "1822").score == 1
    assert grade(spec, "1821").score == D("0.5")
    assert grade(spec, "1830").score == 0
    ranged = only("A number from 1 to 5?{#1..5}")
    assert grade(ranged, "4,5").score == 1
    assert grade(ranged, "6").score == 0


def test_imported_short_answer_grades_partial_credit():
    spec = only("RAM?{=random access memory =%50%memory}")
    assert grade(spec, "Random  Access Memory").score == 1
    assert grade(spec, "memory").score == D("0.5")
    assert grade(spec, "disk").score == 0


def test_imported_matching_grades_by_share_of_right_pairs():
    spec = only("Match.{=SAM -> Windows =Prefetch -> Windows =Keychain -> macOS = -> Linux}")
    assert grade(spec, {"p1": "a1", "p2": "a1", "p3": "a2"}).score == 1
    assert grade(spec, {"p1": "a1", "p2": "a3", "p3": "a2"}).score == D(2) / D(3)


# --- Export -------------------------------------------------------------------------------


def every_kind() -> list[tuple[str, QuestionSpec]]:
    """One or more questions of every type GIFT carries, with the awkward cases."""
    return [
        (
            "",
            QuestionSpec(
                type=QuestionType.SINGLE,
                title="Special: {characters} ~ = # \\ and a\nnewline",
                text="Which of ~ = # { } : \\ starts a choice?\nPick one.",
                general_feedback="Escape them with \\ in GIFT: \\~ and \\=.",
                choices=(
                    Choice("c1", "~ (tilde)", D(1), "Yes: ~ starts a choice #1."),
                    Choice("c2", "= {equals}", D("0.5"), "Half: = marks the right one."),
                    Choice("c3", "a: b", D("-0.5"), "No."),
                    Choice("c4", "C:\\Windows", D(0)),
                ),
            ),
        ),
        (
            "top/Forensique numérique",
            QuestionSpec(
                type=QuestionType.MULTIPLE,
                title="Preuve numérique",
                text="Quelles méthodes isolent un téléphone? Ação, señal, français.",
                choices=(
                    Choice("c1", "Mode avion", D("0.3333333"), "Oui, mais vérifiez le Wi-Fi."),
                    Choice("c2", "Cage de Faraday", D("0.3333333")),
                    Choice("c3", "Brouilleur autorisé", D("0.3333333")),
                    Choice("c4", "Retirer la batterie", D("-0.3333333"), "Non, jamais."),
                    Choice("c5", "Éteindre", D(-1)),
                    Choice("c6", "Attendre", D(0)),
                ),
            ),
        ),
        (
            "top/Forensique numérique",
            QuestionSpec(
                type=QuestionType.TRUE_FALSE,
                title="TF both",
                text="A write blocker prevents changes.",
                general_feedback="See module 2.",
                choices=(
                    Choice("true", "true", D(1), "Right."),
                    Choice("false", "false", D(0), "Wrong: it does."),
                ),
            ),
        ),
        (
            "top/Forensique numérique",
            QuestionSpec(
                type=QuestionType.TRUE_FALSE,
                text="MD5 is collision resistant.",
                choices=(
                    Choice("true", "true", D(0)),
                    Choice("false", "false", D(1), "Right: collisions exist."),
                ),
            ),
        ),
        (
            "top/Redes",
            QuestionSpec(
                type=QuestionType.TRUE_FALSE,
                text="¿El modo avión apaga el Wi-Fi?",
                choices=(
                    Choice("true", "true", D(0), "No siempre."),
                    Choice("false", "false", D(1)),
                ),
            ),
        ),
        (
            "top/Redes",
            QuestionSpec(
                type=QuestionType.SHORT,
                title="Short",
                text="What does RAM stand for?",
                general_feedback="Volatile memory.",
                accepted_texts=(
                    AcceptedText("random access memory", D(1), "Right."),
                    AcceptedText("memória de acesso aleatório", D(1)),
                    AcceptedText("memory", D("0.5"), "Half: which kind?"),
                    AcceptedText("5*3 = 15 #1", D("0.25")),
                    AcceptedText("T", D("0.1")),
                ),
            ),
        ),
        (
            "top/Redes",
            QuestionSpec(
                type=QuestionType.SHORT,
                text=f"A byte has {BLANK} bits.",
                accepted_texts=(AcceptedText("eight"), AcceptedText("8")),
            ),
        ),
        (
            "top/Redes",
            QuestionSpec(
                type=QuestionType.NUMERIC,
                title="Numbers",
                text="Give a value.",
                general_feedback="Any of them.",
                accepted_numbers=(
                    AcceptedNumber(value=D("2.5"), tolerance=D("0.5"), feedback="Good: 2.5."),
                    AcceptedNumber(minimum=D(-30), maximum=D("-10.5"), weight=D("0.5")),
                    AcceptedNumber(value=D(-18), tolerance=D(0), weight=D("0.3333333")),
                    AcceptedNumber(value=D("1E+3"), tolerance=D("0.001")),
                ),
            ),
        ),
        (
            "top/Redes",
            QuestionSpec(
                type=QuestionType.NUMERIC,
                text=f"Pi to three decimal places is {BLANK}.",
                accepted_numbers=(AcceptedNumber(minimum=D("3.141"), maximum=D("3.142")),),
            ),
        ),
        (
            "",
            QuestionSpec(
                type=QuestionType.MATCHING,
                title="Artefacts",
                text="Match each artefact with its system.",
                general_feedback="Systems differ.",
                prompts=(
                    Item("p1", "SAM hive"),
                    Item("p2", "Prefetch: *.pf"),
                    Item("p3", "Keychain ~ macOS"),
                ),
                answers=(
                    Item("a1", "Windows = NT"),
                    Item("a2", "Linux -> GNU"),
                    Item("a3", "macOS {Darwin}"),
                ),
                matches=(("p1", "a1"), ("p2", "a1"), ("p3", "a3")),
            ),
        ),
        (
            "",
            QuestionSpec(
                type=QuestionType.MATCHING,
                text="Distractor first.",
                prompts=(Item("p1", "TCP"), Item("p2", "UDP")),
                answers=(
                    Item("a1", "ICMP"),
                    Item("a2", "connection"),
                    Item("a3", "datagram"),
                    Item("a4", "[html]raw"),
                ),
                matches=(("p1", "a2"), ("p2", "a3")),
            ),
        ),
        (
            "top/Edge cases",
            QuestionSpec(
                type=QuestionType.SINGLE,
                text=f"Gandhi's birthday is {BLANK} October; {BLANK} is literal.",
                choices=(Choice("c1", "2nd", D(1)), Choice("c2", "3rd", D(0))),
            ),
        ),
        (
            "top/Edge cases",
            QuestionSpec(
                type=QuestionType.SINGLE,
                text=f"Ends with a blank: {BLANK}",
                choices=(Choice("c1", "yes", D(1)), Choice("c2", "no", D(0))),
            ),
        ),
        (
            "top/Edge cases",
            QuestionSpec(
                type=QuestionType.SINGLE,
                text="// looks like a comment",
                choices=(
                    Choice("c1", "[html]<b>kept</b>", D(1), "[markdown]kept too"),
                    Choice("c2", "%50% of cases", D(0), "//not a comment"),
                ),
            ),
        ),
        (
            "top/Edge cases",
            QuestionSpec(
                type=QuestionType.SINGLE,
                text="$CATEGORY: not a category",
                general_feedback="[plain]kept",
                choices=(Choice("c1", "a", D(1)), Choice("c2", "b", D(0))),
            ),
        ),
        (
            "top/Edge cases",
            QuestionSpec(
                type=QuestionType.SINGLE,
                title="::colons::",
                text="[moodle]Starts with a marker.",
                choices=(Choice("c1", "a", D(1)), Choice("c2", "b", D(0))),
            ),
        ),
    ]


def test_round_trip_keeps_every_supported_type_and_category():
    pairs = every_kind()
    written = export_gift(pairs)
    result = parse_gift(written)
    assert result.ok, (result.problems, written)
    assert [(q.category, q.spec) for q in result.questions] == pairs


def test_round_trip_is_stable():
    once = export_gift(every_kind())
    again = parse_gift(once)
    assert export_gift((q.category, q.spec) for q in again.questions) == once


def test_export_writes_a_category_line_only_when_the_category_changes():
    def question(text):
        return QuestionSpec(
            type=QuestionType.TRUE_FALSE,
            text=text,
            choices=(Choice("true", "true", D(1)), Choice("false", "false", D(0))),
        )

    written = export_gift(
        [
            ("", question("One")),
            ("top/A", question("Two")),
            ("top/A", question("Three")),
            ("top/B", question("Four")),
            ("", question("Five")),
        ]
    )
    assert written == (
        "One{TRUE}\n"
        "\n"
        "$CATEGORY: top/A\n"
        "\n"
        "Two{TRUE}\n"
        "\n"
        "Three{TRUE}\n"
        "\n"
        "$CATEGORY: top/B\n"
        "\n"
        "Four{TRUE}\n"
        "\n"
        "$CATEGORY:\n"
        "\n"
        "Five{TRUE}\n"
    )


def test_export_of_nothing_is_empty():
    assert export_gift([]) == ""


def test_export_layout_of_a_single_choice_question():
    spec = QuestionSpec(
        type=QuestionType.SINGLE,
        title="Q1",
        text="Which is volatile: RAM or disk?",
        general_feedback="RAM loses its content.",
        choices=(
            Choice("c1", "RAM", D(1), "Yes."),
            Choice("c2", "Disk", D(0)),
            Choice("c3", "Both", D("-0.5")),
        ),
    )
    assert export_gift([("", spec)]) == (
        "::Q1::Which is volatile\\: RAM or disk?{\n"
        "\t=RAM#Yes.\n"
        "\t~Disk\n"
        "\t~%-50%Both\n"
        "\t####RAM loses its content.\n"
        "}\n"
    )


def test_export_layout_of_true_false_numeric_and_matching():
    true_false = QuestionSpec(
        type=QuestionType.TRUE_FALSE,
        text="Sure?",
        choices=(Choice("true", "true", D(0)), Choice("false", "false", D(1), "Right.")),
    )
    numeric = QuestionSpec(
        type=QuestionType.NUMERIC,
        text="Year?",
        accepted_numbers=(
            AcceptedNumber(value=D(1822), feedback="Yes."),
            AcceptedNumber(minimum=D(1820), maximum=D(1824), weight=D("0.5")),
        ),
    )
    matching = QuestionSpec(
        type=QuestionType.MATCHING,
        text="Match.",
        prompts=(Item("p1", "a"), Item("p2", "b")),
        answers=(Item("a1", "1"), Item("a2", "2"), Item("a3", "3")),
        matches=(("p1", "a1"), ("p2", "a2")),
    )
    assert export_gift([("", true_false), ("", numeric), ("", matching)]) == (
        "Sure?{FALSE##Right.}\n"
        "\n"
        "Year?{#\n\t=1822:0#Yes.\n\t=%50%1820..1824\n}\n"
        "\n"
        "Match.{\n\t=a -> 1\n\t=b -> 2\n\t= -> 3\n}\n"
    )


@pytest.mark.parametrize("qtype", [QuestionType.ORDERING, QuestionType.EVIDENCE])
def test_export_refuses_types_gift_does_not_have(qtype):
    spec = QuestionSpec(
        type=qtype, title="Order", text="Put in order.", items=(Item("i1", "a"), Item("i2", "b"))
    )
    with pytest.raises(ValueError, match=f"{qtype.value} questions do not exist in GIFT"):
        export_gift([("", spec)])


def short(*accepted: AcceptedText, options: TextOptions | None = None) -> QuestionSpec:
    return QuestionSpec(
        type=QuestionType.SHORT,
        text="Type it.",
        accepted_texts=accepted,
        text_options=options or TextOptions(),
    )


@pytest.mark.parametrize(
    "spec, message",
    [
        (short(AcceptedText("[0-9a-f]{64}", regex=True)), "no regular expressions"),
        (short(AcceptedText("a")), None),
        (short(AcceptedText("a"), options=TextOptions(case_sensitive=True)), "comparison options"),
        (short(AcceptedText("a -> b")), None),
        (short(AcceptedText("a -> b"), AcceptedText("c")), "reads back as a matching pair"),
        (short(AcceptedText("a", D("0.5"))), "No accepted answer gives 100% credit"),
        (short(), "the question has no answers"),
        (
            QuestionSpec(
                type=QuestionType.SINGLE,
                text="Half only.",
                choices=(Choice("c1", "a", D("0.5")), Choice("c2", "b")),
            ),
            "needs a choice worth 100%",
        ),
        (
            QuestionSpec(
                type=QuestionType.SINGLE,
                text="All right.",
                choices=(Choice("c1", "a", D(1)), Choice("c2", "b", D(1))),
            ),
            "reads back as a short answer",
        ),
        (
            QuestionSpec(
                type=QuestionType.MULTIPLE,
                text="Not a hundred.",
                choices=(Choice("c1", "a", D("0.5")), Choice("c2", "b", D("0.4"))),
            ),
            "add up to 90%, not 100%",
        ),
        (
            QuestionSpec(
                type=QuestionType.TRUE_FALSE,
                text="Both right.",
                choices=(Choice("true", "true", D(1)), Choice("false", "false", D(1))),
            ),
            "one of 'true' and 'false' is worth 100%",
        ),
        (
            QuestionSpec(type=QuestionType.TRUE_FALSE, text="No choices."),
            "exactly the choices 'true' and 'false'",
        ),
        (
            QuestionSpec(
                type=QuestionType.NUMERIC, text="Nothing.", accepted_numbers=(AcceptedNumber(),)
            ),
            "needs a value or a minimum and a maximum",
        ),
        (
            QuestionSpec(
                type=QuestionType.MATCHING,
                text="Arrow.",
                prompts=(Item("p1", "a -> b"), Item("p2", "c")),
                answers=(Item("a1", "1"), Item("a2", "2")),
                matches=(("p1", "a1"), ("p2", "a2")),
            ),
            "cannot contain '->'",
        ),
        (
            QuestionSpec(
                type=QuestionType.MATCHING,
                text="Twins.",
                prompts=(Item("p1", "a"), Item("p2", "b")),
                answers=(Item("a1", "1"), Item("a2", "1")),
                matches=(("p1", "a1"), ("p2", "a2")),
            ),
            "same text",
        ),
        (
            QuestionSpec(
                type=QuestionType.MATCHING,
                text="Unmatched.",
                prompts=(Item("p1", "a"), Item("p2", "b")),
                answers=(Item("a1", "1"),),
                matches=(("p1", "a1"),),
            ),
            "exactly one answer",
        ),
        (
            QuestionSpec(
                type=QuestionType.SINGLE,
                text="",
                choices=(Choice("c1", "a", D(1)), Choice("c2", "b")),
            ),
            "The question has no text",
        ),
    ],
)
def test_export_refuses_what_would_not_read_back(spec, message):
    if message is None:  # the control case
        assert parse_gift(export_gift([("", spec)])).questions[0].spec == spec
        return
    with pytest.raises(ValueError, match=message):
        export_gift([("", spec)])


def test_export_error_names_the_question():
    spec = QuestionSpec(
        type=QuestionType.SHORT,
        title="Hash pattern",
        text="Type the hash.",
        accepted_texts=(AcceptedText("[0-9a-f]+", regex=True),),
    )
    with pytest.raises(ValueError, match="Question 'Hash pattern'"):
        export_gift([("", spec)])


def test_export_refuses_a_category_on_several_lines():
    spec = only("Sure?{T}")
    with pytest.raises(ValueError, match="several lines"):
        export_gift([("top\nother", spec)])


def test_export_escapes_asterisks_only_in_short_answers():
    spec = QuestionSpec(
        type=QuestionType.SHORT,
        text="2*3?",
        accepted_texts=(AcceptedText("2*3"),),
    )
    assert export_gift([("", spec)]) == "2*3?{\n\t=2\\*3\n}\n"
