"""Item-writing faults in choice questions (assessments.item_checks): pure rules, no database."""

import pytest

from assessments.item_checks import item_faults, position_fault

BALANCED = [
    ("A hash of the image, recorded at acquisition", True),
    ("The examiner's notes, signed at the end", False),
    ("A photograph of the device before packing", False),
]


def codes(stem, choices, **options):
    return [fault.code for fault in item_faults(stem, choices, **options)]


def test_a_well_written_item_has_no_fault():
    assert codes("<p>What shows that an image is unchanged?</p>", BALANCED) == []


def test_a_right_answer_clearly_longer_than_every_distractor_is_a_fault():
    choices = [
        ("A hash of the image, recorded at the time of acquisition and compared later", True),
        ("The examiner's notes", False),
        ("A photograph", False),
    ]
    assert "longest_correct" in codes("<p>What shows that an image is unchanged?</p>", choices)


def test_a_right_answer_only_a_few_characters_longer_is_not_a_fault():
    assert codes("<p>Which one?</p>", [("Hash", True), ("Key", False)]) == []


def test_a_long_distractor_is_not_the_longest_right_answer_fault():
    choices = [("Short right answer", True), ("A much longer wrong answer than that", False)]
    assert "longest_correct" not in codes("<p>Which one?</p>", choices)


def test_the_longest_rule_does_not_apply_to_multiple_response():
    choices = [("A very long right answer indeed, much longer", True), ("Also right", True)]
    assert "longest_correct" not in codes("<p>Which ones?</p>", choices)


@pytest.mark.parametrize(
    "text", ["All of the above", "None of the above", "Toutes les réponses ci-dessus"]
)
def test_all_or_none_of_the_above_is_a_fault(text):
    choices = [("The warrant", True), ("The custody record", False), (text, False)]
    assert "catch_all" in codes("<p>Which one?</p>", choices)


@pytest.mark.parametrize(
    "stem",
    [
        "<p>Which of these is not personal data?</p>",
        "<p>Which of these is NOT personal data?</p>",
        "<p>All of these are personal data except which one?</p>",
        "<p>Which statement is false?</p>",
        "Which of these isn't personal data?",
    ],
)
def test_a_negative_stem_without_emphasis_is_a_fault(stem):
    assert "negative_stem" in codes(stem, BALANCED)


@pytest.mark.parametrize(
    "stem",
    [
        "<p>Which of these is <strong>not</strong> personal data?</p>",
        "<p>Which of these is <em>NOT</em> personal data?</p>",
        "<p>The suspect was not arrested. What do you seize first?</p>",
    ],
)
def test_an_emphasised_negative_or_one_outside_the_question_is_not_a_fault(stem):
    assert "negative_stem" not in codes(stem, BALANCED)


def test_negatives_are_found_in_the_stems_language():
    stem = "<p>Lequel n'est pas une donnée personnelle ?</p>"
    assert "negative_stem" in codes(stem, BALANCED, language="fr")
    positive = "<p>O que se regista no auto?</p>"
    assert "negative_stem" not in codes(positive, BALANCED, language="pt")


def test_choices_of_very_unequal_length_are_a_fault():
    choices = [
        ("Yes", False),
        ("Only with a court order issued after the search began", False),
        ("A hash of the image, recorded at acquisition time", True),
    ]
    assert "unequal_lengths" in codes("<p>Which one?</p>", choices)


def test_short_choices_with_a_small_difference_are_not_unequal():
    assert codes("<p>Which one?</p>", [("Tor", True), ("Freenet", False), ("I2P", False)]) == []


def test_lengths_count_the_visible_text_only():
    choices = [("<strong>A</strong> hash &amp; a note", True), ("A photo and a note", False)]
    assert codes("<p>Which one?</p>", choices) == []


def test_the_right_answer_in_one_place_in_most_items_is_a_fault():
    fault = position_fault([0, 0, 0, 1])
    assert fault is not None
    assert fault.code == "same_position"
    assert "choice 1 in 3 of 4 items" in fault.message


def test_the_right_answer_spread_over_places_is_not_a_fault():
    assert position_fault([0, 1, 2, 0, 1, 3]) is None
    assert position_fault([0, 1]) is None


@pytest.mark.parametrize("language", ["fr", "pt", "es"])
def test_faults_are_described_in_the_editors_language(language):
    from django.utils import translation

    choices = [("All of the above", True), ("A photograph of the device", False)]
    with translation.override(language):
        [fault] = item_faults("<p>Which one?</p>", choices)
    assert fault.code == "catch_all"
    assert "avoid" not in fault.message
    assert "All of the above" in fault.message
