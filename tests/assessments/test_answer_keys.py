"""The attempt page names its fields and options so that nothing in them points at the key.

An attack on the demo chose, in every matching select, the option whose value equalled the
field name's suffix and scored 100 %. These tests read the page as that attacker would.
"""

from decimal import Decimal
from html.parser import HTMLParser

import pytest

from assessments import services
from assessments.grading import QuestionType
from tests import factories

pytestmark = pytest.mark.django_db


class _Fields(HTMLParser):
    """The form fields of a page: inputs and selects with their labels and options."""

    def __init__(self):
        super().__init__()
        self.labels: dict[str, str] = {}
        self.inputs: list[dict] = []
        self.selects: list[dict] = []
        self._label_for = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self._label_for = attrs.get("for")
            self.labels.setdefault(self._label_for, "")
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox", "text"):
            self.inputs.append(attrs)
        elif tag == "select":
            self.selects.append({**attrs, "options": []})
        elif tag == "option":
            self._option = {"value": attrs.get("value", ""), "selected": "selected" in attrs}
            self._option["text"] = ""
            self.selects[-1]["options"].append(self._option)

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_for = None
        elif tag == "option":
            self._option = None

    def handle_data(self, data):
        if self._label_for is not None:
            self.labels[self._label_for] += data
        if self._option is not None:
            self._option["text"] += data

    def label(self, field) -> str:
        return self.labels.get(field.get("id"), "").strip()


def _fields(client, attempt) -> _Fields:
    parser = _Fields()
    parser.feed(client.get(f"/en/learn/attempt/{attempt.pk}/").content.decode())
    return parser


def _of(parser, question):
    """The inputs and selects that belong to one question."""
    prefix = f"q{question.pk}"
    inputs = [f for f in parser.inputs if f["name"].split("-")[0] == prefix]
    selects = [s for s in parser.selects if s["name"].split("-")[0] == prefix]
    return inputs, selects


@pytest.fixture
def every_type(db):
    category = factories.make_category()
    make = factories.make_question
    questions = {
        "single": make(category=category),
        "multiple": make(
            category=category,
            type="multiple",
            answers=[
                ("choice", {"text": "Alpha", "weight": 50, "feedback": ""}),
                ("choice", {"text": "Beta", "weight": 50, "feedback": ""}),
                ("choice", {"text": "Gamma", "weight": -100, "feedback": ""}),
            ],
        ),
        "true_false": make(category=category, type="true_false", correct_is_true=False),
        "short": make(
            category=category,
            type="short",
            answers=[("accepted_text", {"text": "pcap", "weight": 100, "regex": False,
                                        "feedback": ""})],
        ),
        "numeric": make(
            category=category,
            type="numeric",
            answers=[("accepted_number", {"value": Decimal("42"), "tolerance": Decimal("0"),
                                          "minimum": None, "maximum": None, "weight": 100,
                                          "feedback": ""})],
        ),
        "ordering": make(
            category=category,
            type="ordering",
            answers=[("ordering_item", {"text": t}) for t in ("Seize", "Image", "Hash", "Report")],
        ),
        "matching": make(
            category=category,
            type="matching",
            answers=[
                ("matching_pair", {"prompt": "Unix", "answer": "1970"}),
                ("matching_pair", {"prompt": "Cocoa", "answer": "2001"}),
                ("matching_pair", {"prompt": "Windows", "answer": "1601"}),
                ("matching_pair", {"prompt": "", "answer": "1900"}),
            ],
        ),
        "evidence": make(category=category, type="evidence", expected_evidence_value="abc"),
        "written": factories.make_written_question(category=category),
    }  # fmt: skip
    assert set(questions) == {str(kind) for kind in QuestionType}
    return questions


@pytest.fixture
def author_order_quiz(module, every_type):
    """Choices in the author's order: the worst case for a leak through the order."""
    return factories.make_quiz(
        module=module,
        questions=list(every_type.values()),
        questions_per_page=0,
        shuffle_choices=False,
        max_attempts=0,
    )


def _submit(attempt, learner, every_type):
    """Submit, with the written response answered (an empty one cannot be submitted)."""
    written = every_type["written"]
    services.attempt_save(attempt=attempt, learner=learner, answers={written.pk: "Some words."})
    return services.attempt_submit(attempt=attempt, learner=learner)


def _block_ids(questions) -> set[str]:
    return {block.id for question in questions for block in question.answers}


def test_no_field_name_or_option_value_carries_an_answer_id(
    learner_client, learner, enrolled, author_order_quiz, every_type
):
    attempt = services.attempt_start(learner=learner, quiz=author_order_quiz)
    parser = _fields(learner_client, attempt)
    names = [f["name"] for f in parser.inputs] + [s["name"] for s in parser.selects]
    values = [f.get("value", "") for f in parser.inputs]
    values += [o["value"] for s in parser.selects for o in s["options"]]
    ids = {f.get("id", "") for f in parser.inputs} | {s.get("id", "") for s in parser.selects}
    assert len(parser.selects) == 4 + 3  # every question type was rendered
    for block_id in _block_ids(every_type.values()):
        for fragment in (block_id, block_id.replace("-", ""), block_id.split("-")[0]):
            for seen in [*names, *values, *ids]:
                assert fragment not in seen, (fragment, seen)


def test_a_matching_prompt_and_its_answer_share_no_token(
    learner_client, learner, enrolled, author_order_quiz, every_type
):
    attempt = services.attempt_start(learner=learner, quiz=author_order_quiz)
    _inputs, selects = _of(_fields(learner_client, attempt), every_type["matching"])
    suffixes = {s["name"].split("-", 1)[1] for s in selects}
    values = {o["value"] for s in selects for o in s["options"]} - {""}
    assert len(suffixes) == 3 and len(values) == 4
    for suffix in suffixes:
        for value in values:
            assert suffix not in value and value not in suffix


def test_matching_answers_are_not_listed_in_the_prompts_order(
    learner_client, learner, enrolled, author_order_quiz, every_type
):
    """Even with "shuffle choices" off, the answers are not in the order of their prompts."""
    for _ in range(6):
        attempt = services.attempt_start(learner=learner, quiz=author_order_quiz)
        _inputs, selects = _of(_fields(learner_client, attempt), every_type["matching"])
        listed = [o["text"] for o in selects[0]["options"] if o["value"]]
        assert listed[:3] != ["1970", "2001", "1601"]
        _submit(attempt, learner, every_type)


def test_the_ordering_question_does_not_start_in_the_right_order(
    learner_client, learner, enrolled, author_order_quiz, every_type
):
    for _ in range(6):
        attempt = services.attempt_start(learner=learner, quiz=author_order_quiz)
        parser = _fields(learner_client, attempt)
        _inputs, selects = _of(parser, every_type["ordering"])
        position = {
            parser.label(s): next(o["text"] for o in s["options"] if o["selected"])
            for s in selects
        }
        assert sorted(position, key=position.get) != ["Seize", "Image", "Hash", "Report"]
        _submit(attempt, learner, every_type)


def test_two_attempts_name_their_fields_and_options_differently(
    learner_client, learner, enrolled, author_order_quiz, every_type
):
    def tokens(attempt):
        parser = _fields(learner_client, attempt)
        seen = {f["name"] for f in parser.inputs} | {s["name"] for s in parser.selects}
        seen |= {f.get("value", "") for f in parser.inputs}
        seen |= {o["value"] for s in parser.selects for o in s["options"]}
        # Question names, positions and true/false are the same for everyone by design.
        return {t for t in seen if "-" in t or len(t) > 8}

    first = services.attempt_start(learner=learner, quiz=author_order_quiz)
    before = tokens(first)
    _submit(first, learner, every_type)
    second = services.attempt_start(learner=learner, quiz=author_order_quiz)
    after = tokens(second)
    assert before and after and not before & after


def _right_post(parser, every_type) -> dict:
    """The form a learner who knows every answer would send, read from the page's labels."""

    def value_labelled(question, text):
        inputs, _selects = _of(parser, question)
        return next(f["value"] for f in inputs if parser.label(f) == text)

    def option(select, text):
        return next(o["value"] for o in select["options"] if o["text"] == text)

    data = {"page": 1, "go": "finish"}
    single, multiple = every_type["single"], every_type["multiple"]
    data[f"q{single.pk}"] = value_labelled(single, "right")
    data[f"q{multiple.pk}"] = [value_labelled(multiple, "Alpha"), value_labelled(multiple, "Beta")]
    data[f"q{every_type['true_false'].pk}"] = "false"
    data[f"q{every_type['short'].pk}"] = "pcap"
    data[f"q{every_type['numeric'].pk}"] = "42"
    data[f"q{every_type['evidence'].pk}"] = "abc"
    data[f"q{every_type['written'].pk}"] = "Some words."
    _inputs, selects = _of(parser, every_type["ordering"])
    right = ["Seize", "Image", "Hash", "Report"]
    for select in selects:
        data[select["name"]] = str(right.index(parser.label(select)) + 1)
    _inputs, selects = _of(parser, every_type["matching"])
    years = {"Unix": "1970", "Cocoa": "2001", "Windows": "1601"}
    for select in selects:
        data[select["name"]] = option(select, years[parser.label(select)])
    return data


def test_answers_sent_under_opaque_names_are_graded_and_shown_again(
    learner_client, learner, enrolled, author_order_quiz, every_type
):
    attempt = services.attempt_start(learner=learner, quiz=author_order_quiz)
    data = _right_post(_fields(learner_client, attempt), every_type)
    data["go"] = "next"
    learner_client.post(f"/en/learn/attempt/{attempt.pk}/", data)
    again = _fields(learner_client, attempt)
    _inputs, selects = _of(again, every_type["matching"])
    chosen = {
        again.label(s): next(o["text"] for o in s["options"] if o["selected"]) for s in selects
    }
    assert chosen == {"Unix": "1970", "Cocoa": "2001", "Windows": "1601"}
    inputs, _selects = _of(again, every_type["multiple"])
    assert {again.label(f) for f in inputs if "checked" in f} == {"Alpha", "Beta"}
    data = _right_post(again, every_type)
    learner_client.post(f"/en/learn/attempt/{attempt.pk}/", data)
    learner_client.post(f"/en/learn/attempt/{attempt.pk}/submit/")
    written = every_type["written"]
    services.response_mark(
        response=attempt.responses.get(question=written),
        marker=None,
        chosen={block.id: 2 for block in written.answers},
    )
    attempt.refresh_from_db()
    assert attempt.score == 1
    matching = attempt.responses.get(question=every_type["matching"]).answer
    pairs = list(every_type["matching"].answers)
    assert matching == {
        pairs[0].id: pairs[0].id,
        pairs[1].id: pairs[1].id,
        pairs[2].id: pairs[2].id,
    }


def test_a_token_from_another_attempt_is_not_accepted(
    learner_client, learner, enrolled, author_order_quiz, every_type
):
    first = services.attempt_start(learner=learner, quiz=author_order_quiz)
    stale = _right_post(_fields(learner_client, first), every_type)
    _submit(first, learner, every_type)
    second = services.attempt_start(learner=learner, quiz=author_order_quiz)
    learner_client.post(f"/en/learn/attempt/{second.pk}/", {**stale, "go": "next"})
    single = second.responses.get(question=every_type["single"])
    assert single.answer is None
