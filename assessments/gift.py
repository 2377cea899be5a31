"""GIFT, Moodle's plain-text question format: read a file into question specs, write them back.

Pure Python (the standard library, :mod:`assessments.grading` and Django's gettext for the
limits' messages), so the question bank's import and export views can call it and tests can
run it without a database.

Reading
=======

``parse_gift(text)`` reads a whole file and returns every question it understood *and* every
problem it found, each with the line it starts on. It never raises on bad input. Callers must
import nothing unless ``result.ok``: the questions of a file with problems are returned only
so that a preview can show them.

What is read, following Moodle's own importer:

* questions are separated by blank lines; lines starting with ``//`` are comments, even inside
  a question; each line is stripped of surrounding spaces and the lines of a question are
  joined with newlines;
* ``$CATEGORY: path`` sets the category of the questions that follow (an empty path goes back
  to no category);
* ``::title::`` before the question text; ``[html]``, ``[moodle]``, ``[plain]`` or
  ``[markdown]`` before a text (the marker is dropped, the text is kept as written);
* ``\\~ \\= \\# \\{ \\} \\: \\\\`` stand for the characters themselves and ``\\n`` for a newline;
* one answer block ``{...}`` per question. Text after the block continues the question text,
  the block being replaced by the blank ``_____`` ("missing word" questions);
* ``####`` starts the general feedback, ``#`` an answer's feedback, ``%50%`` an answer weight
  in percent;
* the kind of question is decided as Moodle decides it: ``{#...}`` numeric; any ``~``: choices
  (single answer when a choice starts with ``=``, multiple answers otherwise); ``=`` with
  ``->``: matching; ``{T}``, ``{TRUE}``, ``{F}``, ``{FALSE}``: true or false; anything else:
  short answer.

Limits, so that one upload cannot keep a worker busy or fill the bank: at most
``MAX_QUESTIONS`` questions a file (reading stops at the next one), ``MAX_QUESTION_CHARS``
characters a question and ``MAX_ANSWERS`` answers a question.

Refused, with a problem: essays (``{}``) and descriptions (no answer block), which the
platform does not have; Moodle's ``*`` wildcard in short answers (``\\*`` is a literal
asterisk, as in Moodle); a numeric question's feedback for "any other answer" (``~#...``).

Writing
=======

``export_gift(pairs)`` writes ``(category, spec)`` pairs, with a ``$CATEGORY:`` line each time
the category changes, so that ``parse_gift`` reads back the same specs. It raises
``ValueError`` for what GIFT cannot carry (ordering and evidence questions, regular
expressions, non-default text comparison options...) and for any question that would not read
back cleanly; the caller decides what to do with those. Choice, prompt and answer keys are
renumbered on reading ("c1", "p1", "a1"...), and texts lose their surrounding spaces, as in
Moodle.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Self

from django.utils.translation import gettext as _

from assessments.grading import (
    AcceptedNumber,
    AcceptedText,
    Choice,
    Item,
    QuestionSpec,
    QuestionType,
    TextOptions,
)

__all__ = ["BLANK", "GiftImport", "GiftProblem", "GiftQuestion", "export_gift", "parse_gift"]

BLANK = "_____"  # stands for the answer block in "missing word" questions
MAX_QUESTIONS = 1000
MAX_QUESTION_CHARS = 50_000
MAX_ANSWERS = 100

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True)
class GiftProblem:
    line: int  # 1-based line where the question, or the problem, starts
    message: str


@dataclass(frozen=True)
class GiftQuestion:
    spec: QuestionSpec
    category: str  # the $CATEGORY in force, "" when none
    line: int


@dataclass(frozen=True)
class GiftImport:
    questions: tuple[GiftQuestion, ...] = ()
    problems: tuple[GiftProblem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file has no problem at all: only then may its questions be imported."""
        return not self.problems


# --- Escapes ------------------------------------------------------------------------------
# While a question is read, each escaped character is replaced by a private-use character, so
# that the special characters left in the text are the unescaped ones; ``_reveal`` puts the
# real characters back once the question has been cut into its parts.

_ESCAPABLE = "~=#{}:\\"
_HIDDEN = {char: chr(0x10FF00 + ord(char)) for char in _ESCAPABLE}
_HIDDEN["n"] = chr(0x10FF00 + ord("\n"))
_REVEAL = str.maketrans(
    {hidden: ("\n" if char == "n" else char) for char, hidden in _HIDDEN.items()}
)


def _reveal(text: str) -> str:
    return text.translate(_REVEAL)


# Spaces around texts are dropped, and so is a stray byte order mark (U+FEFF), which
# str.strip() keeps: files joined together carry one at the start of a line.
_EDGE_SPACE = re.compile(r"\A[\s\ufeff]+|[\s\ufeff]+\Z")
_LEADING_SPACE = re.compile(r"\A[\s\ufeff]+")


def _trim(text: str) -> str:
    return _EDGE_SPACE.sub("", text)


def _trim_start(text: str) -> str:
    return _LEADING_SPACE.sub("", text)


def _escape(text: str, asterisk: bool = False) -> str:
    """Write text so that GIFT reads it back as it is (``asterisk``: in a short answer)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = []
    for char in text:
        if char in _ESCAPABLE:
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif asterisk and char == "*":
            out.append("\\*")
        else:
            out.append(char)
    return "".join(out)


# --- Reading ------------------------------------------------------------------------------

_FORMAT_MARKER = re.compile(r"\[(?:html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")
# Something meant as a weight but not written as one ("%50.%", "%1,5%", "%%"). A "%" followed
# by words ("%d format") is ordinary text, as in Moodle.
_WEIGHT_LIKE = re.compile(r"%[-+\d.,\s]*%")
_NUMBER = r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMERIC_VALUE = re.compile(rf"({_NUMBER})")
_NUMERIC_TOLERANCE = re.compile(rf"({_NUMBER})\s*:\s*({_NUMBER})")
_NUMERIC_RANGE = re.compile(rf"({_NUMBER})\s*\.\.\s*({_NUMBER})")
_DECIMAL_COMMA = re.compile(r"[-+\d\s.:]*\d,\d[-+\d\s.,:]*")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CATEGORY = "$CATEGORY:"
# Weights may be written with any number of decimals (%33.33333%), so sums are compared with
# the same allowance as the question editor's (0.1 percentage point).
_SUM_ALLOWANCE = Decimal("0.001")


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(_reveal(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _percent(weight: Decimal) -> str:
    text = format(weight.scaleb(2), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass
class _Entry:
    """One answer of an answer block: where it starts, its marker ("=", "~" or "") and body."""

    offset: int
    marker: str
    body: str


@dataclass
class _Reader:
    """Reads one question: ``text`` has its escapes hidden, ``lines`` maps each character to
    the line it comes from."""

    text: str
    lines: list[int]
    problems: list[GiftProblem] = field(default_factory=list)

    @classmethod
    def from_lines(cls, numbered: list[tuple[int, str]]) -> Self:
        chars: list[str] = []
        lines: list[int] = []
        for index, (number, line) in enumerate(numbered):
            if index:
                chars.append("\n")
                lines.append(numbered[index - 1][0])
            position = 0
            while position < len(line):
                char = line[position]
                following = line[position + 1 : position + 2]
                if char == "\\" and following and following in _HIDDEN:
                    chars.append(_HIDDEN[following])
                    position += 2
                else:
                    chars.append(char)
                    position += 1
                lines.append(number)
        return cls("".join(chars), lines)

    # Helpers

    def line_at(self, offset: int) -> int:
        return self.lines[max(0, min(offset, len(self.lines) - 1))]

    def problem(self, offset: int, message: str) -> None:
        self.problems.append(GiftProblem(self.line_at(offset), message))

    def first_visible(self, start: int, end: int) -> int:
        """The offset of the first non-space character of text[start:end] (start if none)."""
        for offset in range(start, end):
            if _trim(self.text[offset]):
                return offset
        return start

    @staticmethod
    def clean(hidden: str, markers: bool = True) -> str:
        """A text as the question will hold it: format marker dropped, escapes revealed."""
        hidden = _trim(hidden)
        if markers:
            marker = _FORMAT_MARKER.match(hidden)
            if marker:
                hidden = hidden[marker.end() :]
        return _trim(_reveal(hidden))

    def split(self, start: int, end: int, markers: str) -> list[_Entry]:
        """Cut text[start:end] before each marker character. The first entry, with marker "",
        is the text before the first marker."""
        cuts = [offset for offset in range(start, end) if self.text[offset] in markers]
        entries = [_Entry(start, "", self.text[start : cuts[0] if cuts else end])]
        for index, cut in enumerate(cuts):
            stop = cuts[index + 1] if index + 1 < len(cuts) else end
            entries.append(_Entry(cut, self.text[cut], self.text[cut + 1 : stop]))
        return entries

    def weight(self, entry: _Entry, body: str) -> tuple[Decimal | None, str]:
        """Take a leading %weight% off an answer body: (weight or None, the rest)."""
        body = _trim_start(body)
        written = _WEIGHT.match(body)
        if written:
            return Decimal(written.group(1)).scaleb(-2).normalize(), body[written.end() :]
        malformed = _WEIGHT_LIKE.match(body)
        if malformed:
            self.problem(
                entry.offset,
                _(
                    "Answer weight '%(weight)s' is not a percentage: write it like %%50%% or "
                    "%%-33.33333%%."
                )
                % {"weight": malformed.group()},
            )
            return None, body[malformed.end() :]
        return None, body

    def too_many(self, entries: list[_Entry], start: int) -> bool:
        """Report an answer block with more than MAX_ANSWERS answers (read no further)."""
        if len(entries) <= MAX_ANSWERS:
            return False
        self.problem(start, _("The question has more than 100 answers."))
        return True

    def feedback(self, body: str) -> tuple[str, str]:
        """Split an answer body at its first '#': (the answer, still hidden; the feedback)."""
        answer, _hash, feedback = body.partition("#")
        return answer, self.clean(feedback)

    # The question

    def read(self) -> QuestionSpec | None:
        text = self.text
        start = 0
        title = ""
        if text.startswith("::"):
            end = text.find("::", 2)
            if end < 0:
                self.problem(0, _("The title starts with '::' but is not closed with '::'."))
                return None
            title = self.clean(text[2:end], markers=False)
            start = end + 2
        opens = [offset for offset in range(start, len(text)) if text[offset] == "{"]
        closes = [offset for offset in range(start, len(text)) if text[offset] == "}"]
        if not opens and not closes:
            self.problem(
                0,
                _(
                    "'%(text)s' has no answer block {...}: descriptions (text without a "
                    "question) are not supported."
                )
                % {"text": _quote(text[start:])},
            )
            return None
        if not closes:
            self.problem(
                opens[0],
                _(
                    "The answer block opened with '{' is not closed with '}'. A blank line ends "
                    "a question, so an answer block cannot contain blank lines."
                ),
            )
            return None
        if not opens or closes[0] < opens[0]:
            self.problem(
                closes[0],
                _("'}' closes an answer block that was never opened: write \\} for a brace."),
            )
            return None
        if len(opens) > 1 or len(closes) > 1:
            extra = min(offset for offset in opens[1:] + closes[1:])
            self.problem(
                extra,
                _(
                    "A question can have only one answer block: write \\{ and \\} for braces "
                    "in the text."
                ),
            )
            return None
        opened, closed = opens[0], closes[0]
        before, after = text[start:opened], text[closed + 1 :]
        question = self.clean(before + BLANK + after if _trim(after) else before)
        if not question:
            self.problem(0, _("The question has no text."))
        inner_end = closed
        general_feedback = ""
        separator = text.rfind("####", opened + 1, closed)
        if separator >= 0:
            general_feedback = self.clean(text[separator + 4 : closed])
            inner_end = separator
        common = {"text": question, "title": title, "general_feedback": general_feedback}
        return self.read_answers(opened + 1, inner_end, common)

    def read_answers(self, start: int, end: int, common: dict) -> QuestionSpec | None:
        answers = _trim(self.text[start:end])
        start = self.first_visible(start, end)
        if not answers:
            self.problem(
                start,
                _("Essay questions (an answer block with no answers, {}) are not supported."),
            )
            return None
        if answers.startswith("#"):
            return self.read_numeric(start + 1, end, common)
        if "~" in answers:
            return self.read_choices(start, end, common)
        if "=" in answers and "->" in answers:
            return self.read_matching(start, end, common)
        if _trim(answers.partition("#")[0]) in _TRUE_FALSE:
            return self.read_true_false(answers, common)
        return self.read_short(start, end, common)

    def read_choices(self, start: int, end: int, common: dict) -> QuestionSpec | None:
        lead, *entries = self.split(start, end, "~=")
        if self.too_many(entries, start):
            return None
        if _trim(lead.body):
            self.problem(
                self.first_visible(start, end),
                _("'%(text)s' must start with '=' (the right choice) or '~' (another choice).")
                % {"text": _quote(lead.body)},
            )
        choices = []
        for number, entry in enumerate(entries, start=1):
            if entry.marker == "=":
                weight = ONE
                body = _trim_start(entry.body)
                written = _WEIGHT_LIKE.match(body)
                if written:
                    self.problem(
                        entry.offset,
                        _(
                            "'=%(text)s': '=' marks a fully right choice and takes no weight; "
                            "write '~%(weight)s...' for partial credit."
                        )
                        % {"text": _quote(body), "weight": written.group()},
                    )
                    body = body[written.end() :]
            else:
                given, body = self.weight(entry, entry.body)
                weight = ZERO if given is None else given
                if not -ONE <= weight <= ONE:
                    self.problem(
                        entry.offset,
                        _("Choice weight %(weight)s%% is outside -100%% to 100%%.")
                        % {"weight": _percent(weight)},
                    )
            answer, feedback = self.feedback(body)
            text = self.clean(answer)
            if not text:
                self.problem(entry.offset, _("Choice %(number)d is empty.") % {"number": number})
            choices.append(Choice(f"c{number}", text, weight, feedback))
        if len(choices) < 2:
            self.problem(
                start,
                _("A choice question needs at least two choices, not %(count)d.")
                % {"count": len(choices)},
            )
        if any(entry.marker == "=" for entry in entries):
            return QuestionSpec(type=QuestionType.SINGLE, choices=tuple(choices), **common)
        positive = sum((choice.weight for choice in choices if choice.weight > 0), ZERO)
        if positive == 0:
            self.problem(
                start,
                _(
                    "No choice is right: mark the right choice with '=', or give the right "
                    "choices weights that add up to 100% (~%50%...)."
                ),
            )
        elif abs(positive - ONE) > _SUM_ALLOWANCE:
            self.problem(
                start,
                _("The weights of the right choices add up to %(weight)s%%, not 100%%.")
                % {"weight": _percent(positive)},
            )
        return QuestionSpec(type=QuestionType.MULTIPLE, choices=tuple(choices), **common)

    def read_true_false(self, answers: str, common: dict) -> QuestionSpec:
        value, *feedbacks = answers.split("#", 2)
        feedbacks = [self.clean(feedback) for feedback in feedbacks] + ["", ""]
        # Moodle: the first feedback is for the wrong answer, the second for the right one.
        wrong, right = feedbacks[0], feedbacks[1]
        is_true = _TRUE_FALSE[_trim(value)]
        choices = (
            Choice("true", "true", ONE if is_true else ZERO, right if is_true else wrong),
            Choice("false", "false", ZERO if is_true else ONE, wrong if is_true else right),
        )
        return QuestionSpec(type=QuestionType.TRUE_FALSE, choices=choices, **common)

    def short_text(self, entry: _Entry, hidden: str) -> str:
        """A short answer's text, where \\* is an asterisk and a bare * is refused."""
        hidden = _trim(hidden)
        marker = _FORMAT_MARKER.match(hidden)
        if marker:
            hidden = hidden[marker.end() :]
        out = []
        position = 0
        while position < len(hidden):
            char = hidden[position]
            if char == "\\" and hidden[position + 1 : position + 2] == "*":
                out.append("*")
                position += 2
                continue
            if char == "*":
                self.problem(
                    entry.offset,
                    _(
                        "Accepted answer '%(text)s' uses '*', Moodle's wildcard, which is not "
                        "supported: write \\* for an asterisk."
                    )
                    % {"text": _quote(hidden)},
                )
                return ""
            out.append(char)
            position += 1
        return _trim(_reveal("".join(out)))

    def read_short(self, start: int, end: int, common: dict) -> QuestionSpec | None:
        lead, *entries = self.split(start, end, "=")
        if _trim(lead.body):  # a single answer may be written without '='
            entries.insert(0, lead)
        if self.too_many(entries, start):
            return None
        accepted = []
        for number, entry in enumerate(entries, start=1):
            given, body = self.weight(entry, entry.body)
            weight = ONE if given is None else given
            if not ZERO <= weight <= ONE:
                self.problem(
                    entry.offset,
                    _("Accepted answer weight %(weight)s%% is outside 0%% to 100%%.")
                    % {"weight": _percent(weight)},
                )
            answer, feedback = self.feedback(body)
            before = len(self.problems)
            text = self.short_text(entry, answer)
            if not text and len(self.problems) == before:
                self.problem(
                    entry.offset, _("Accepted answer %(number)d is empty.") % {"number": number}
                )
            accepted.append(AcceptedText(text=text, weight=weight, feedback=feedback))
        if not accepted:
            self.problem(start, _("The question has no accepted answer."))
        elif not any(answer.weight == ONE for answer in accepted):
            self.problem(start, _("No accepted answer gives 100% credit."))
        return QuestionSpec(type=QuestionType.SHORT, accepted_texts=tuple(accepted), **common)

    def number(self, entry: _Entry, written: str) -> AcceptedNumber | None:
        if match := _NUMERIC_RANGE.fullmatch(written):
            minimum, maximum = Decimal(match.group(1)), Decimal(match.group(2))
            if minimum > maximum:
                self.problem(
                    entry.offset,
                    _("Numeric range '%(answer)s' ends below its start.") % {"answer": written},
                )
            return AcceptedNumber(minimum=minimum, maximum=maximum)
        if match := _NUMERIC_TOLERANCE.fullmatch(written):
            value, tolerance = Decimal(match.group(1)), Decimal(match.group(2))
            if tolerance < 0:
                self.problem(
                    entry.offset,
                    _("Numeric tolerance in '%(answer)s' is negative.") % {"answer": written},
                )
            return AcceptedNumber(value=value, tolerance=tolerance)
        if match := _NUMERIC_VALUE.fullmatch(written):
            return AcceptedNumber(value=Decimal(match.group(1)))
        if _DECIMAL_COMMA.fullmatch(written):
            self.problem(
                entry.offset,
                _(
                    "Numeric answer '%(answer)s' is not a number: write decimals with a point "
                    "(2.5, not 2,5)."
                )
                % {"answer": written},
            )
        else:
            self.problem(
                entry.offset,
                _(
                    "Numeric answer '%(answer)s' is not a number: write a value (2.5), a value "
                    "and its tolerance (2.5:0.1) or a range (2..3)."
                )
                % {"answer": written},
            )
        return None

    def read_numeric(self, start: int, end: int, common: dict) -> QuestionSpec | None:
        other = self.text.find("~", start, end)
        if other >= 0:
            self.problem(
                other,
                _(
                    "Feedback for any other answer ('~#...') is not supported in numeric "
                    "questions: put it in the general feedback (####...)."
                ),
            )
            end = other
        lead, *entries = self.split(start, end, "=")
        if _trim(lead.body):  # {#2.5:0.5}: a single answer without '='
            entries.insert(0, lead)
        if self.too_many(entries, start):
            return None
        numbers = []
        for number, entry in enumerate(entries, start=1):
            given, body = self.weight(entry, entry.body)
            weight = ONE if given is None else given
            if not ZERO <= weight <= ONE:
                self.problem(
                    entry.offset,
                    _("Numeric answer weight %(weight)s%% is outside 0%% to 100%%.")
                    % {"weight": _percent(weight)},
                )
            answer, feedback = self.feedback(body)
            written = " ".join(self.clean(answer, markers=False).split())
            if not written:
                self.problem(
                    entry.offset, _("Numeric answer %(number)d is empty.") % {"number": number}
                )
                continue
            accepted = self.number(entry, written)
            if accepted is not None:
                numbers.append(
                    AcceptedNumber(
                        value=accepted.value,
                        tolerance=accepted.tolerance,
                        minimum=accepted.minimum,
                        maximum=accepted.maximum,
                        weight=weight,
                        feedback=feedback,
                    )
                )
        if not entries:
            self.problem(
                start,
                _("The numeric question has no answer: write one like {#2.5:0.5} or {#1..5}."),
            )
        elif numbers and not any(accepted.weight == ONE for accepted in numbers):
            self.problem(start, _("No numeric answer gives 100% credit."))
        return QuestionSpec(type=QuestionType.NUMERIC, accepted_numbers=tuple(numbers), **common)

    def read_matching(self, start: int, end: int, common: dict) -> QuestionSpec | None:
        lead, *entries = self.split(start, end, "=")
        if self.too_many(entries, start):
            return None
        if _trim(lead.body):
            self.problem(
                self.first_visible(start, end),
                _(
                    "'%(text)s' is not part of a pair: each pair starts with '=' "
                    "(=prompt -> answer)."
                )
                % {"text": _quote(lead.body)},
            )
        prompts: list[Item] = []
        answer_keys: dict[str, str] = {}
        matches: list[tuple[str, str]] = []
        for number, entry in enumerate(entries, start=1):
            body = entry.body
            if "->" not in body:
                self.problem(
                    entry.offset,
                    _("Matching pair '=%(text)s' has no '->' between the prompt and its answer.")
                    % {"text": _quote(body)},
                )
                continue
            if "#" in body:
                self.problem(
                    entry.offset,
                    _(
                        "Matching pair '=%(text)s' has feedback (#), which matching questions "
                        "do not take: write \\# for the character."
                    )
                    % {"text": _quote(body)},
                )
            if _WEIGHT_LIKE.match(_trim_start(body)):
                self.problem(
                    entry.offset,
                    _("Matching pair '=%(text)s' has a weight; pairs take none.")
                    % {"text": _quote(body)},
                )
            left, right = body.split("->", 1)
            prompt, answer = self.clean(left), self.clean(right, markers=False)
            if not answer:
                self.problem(
                    entry.offset,
                    (
                        _("Matching pair %(number)d has no answer after '->'.")
                        if prompt
                        else _("Matching pair %(number)d is empty.")
                    )
                    % {"number": number},
                )
                continue
            key = answer_keys.setdefault(answer, f"a{len(answer_keys) + 1}")
            if prompt:  # an empty prompt adds a distractor answer
                prompts.append(Item(f"p{len(prompts) + 1}", prompt))
                matches.append((prompts[-1].key, key))
        if len(prompts) < 2:
            self.problem(
                start,
                _("A matching question needs at least two pairs, not %(count)d.")
                % {"count": len(prompts)},
            )
        answers = tuple(Item(key, text) for text, key in answer_keys.items())
        return QuestionSpec(
            type=QuestionType.MATCHING,
            prompts=tuple(prompts),
            answers=answers,
            matches=tuple(matches),
            **common,
        )


def _blocks(text: str) -> Iterable[list[tuple[int, str]]]:
    """The file's questions: runs of non-blank lines, comment lines left out."""
    text = text.removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        line = _trim(line)
        if not line:
            if block:
                yield block
            block = []
        elif not line.startswith("//"):
            block.append((number, line))
    if block:
        yield block


def parse_gift(text: str) -> GiftImport:
    """Read a GIFT file. Every problem is reported with its line; nothing is raised."""
    questions: list[GiftQuestion] = []
    problems: list[GiftProblem] = []
    category = ""
    count = 0
    for block in _blocks(text):
        while block and block[0][1].startswith(_CATEGORY):
            category = _trim(block[0][1][len(_CATEGORY) :])
            block = block[1:]
        if not block:
            continue
        if count == MAX_QUESTIONS:
            message = _("The file has more than 1,000 questions; split it.")
            problems.append(GiftProblem(block[0][0], message))
            break
        count += 1
        if sum(len(line) for _number, line in block) > MAX_QUESTION_CHARS:
            message = _("The question is longer than 50,000 characters.")
            problems.append(GiftProblem(block[0][0], message))
            continue
        reader = _Reader.from_lines(block)
        spec = reader.read()
        if reader.problems:
            problems.extend(reader.problems)
        elif spec is not None:
            questions.append(GiftQuestion(spec=spec, category=category, line=block[0][0]))
    return GiftImport(questions=tuple(questions), problems=tuple(problems))


# --- Writing ------------------------------------------------------------------------------

_NEEDS_MARKER = re.compile(rf"(?:{_FORMAT_MARKER.pattern}|//|\$CATEGORY:|{_WEIGHT_LIKE.pattern})")
_DEFAULT_TEXT_OPTIONS = TextOptions()


def _protect(text: str, asterisk: bool = False) -> str:
    """Escape a text whose format marker GIFT drops. A text that would be misread (one that
    starts with a marker, '//', '$CATEGORY:' or '%50%') gets Moodle's default marker first."""
    escaped = _escape(text, asterisk)
    return "[moodle]" + escaped if _NEEDS_MARKER.match(_trim_start(text)) else escaped


def _feedback(feedback: str) -> str:
    return "#" + _protect(feedback) if feedback else ""


def _general_feedback(spec: QuestionSpec) -> str:
    return "####" + _protect(spec.general_feedback) if spec.general_feedback else ""


def _answer_lines(lines: list[str], spec: QuestionSpec, opening: str = "{") -> str:
    if not lines:
        raise ValueError("the question has no answers (GIFT would read an essay)")
    general = _general_feedback(spec)
    if general:
        lines = [*lines, general]
    return opening + "".join(f"\n\t{line}" for line in lines) + "\n}"


def _describe(spec: QuestionSpec) -> str:
    return repr(spec.title or " ".join(spec.text.split())[:60])


def _write_choices(spec: QuestionSpec) -> str:
    single = spec.type == QuestionType.SINGLE
    if single and not any(choice.weight == ONE for choice in spec.choices):
        raise ValueError("a single-choice question needs a choice worth 100% ('=') in GIFT")
    if single and all(choice.weight == ONE for choice in spec.choices):
        raise ValueError(
            "a single-choice question whose choices are all worth 100% reads back as a short "
            "answer in GIFT"
        )
    lines = []
    for choice in spec.choices:
        if single and choice.weight == ONE:
            marker = "="
        elif choice.weight == ZERO:
            marker = "~"
        else:
            marker = f"~%{_percent(choice.weight)}%"
        lines.append(marker + _protect(choice.text) + _feedback(choice.feedback))
    return _answer_lines(lines, spec)


def _write_true_false(spec: QuestionSpec) -> str:
    by_key = {choice.key: choice for choice in spec.choices}
    true, false = by_key.get("true"), by_key.get("false")
    if len(spec.choices) != 2 or true is None or false is None:
        raise ValueError("a true-or-false question needs exactly the choices 'true' and 'false'")
    if {true.weight, false.weight} != {ONE, ZERO}:
        raise ValueError("in GIFT, one of 'true' and 'false' is worth 100% and the other 0%")
    is_true = true.weight == ONE
    right, wrong = (true, false) if is_true else (false, true)
    body = "TRUE" if is_true else "FALSE"
    if wrong.feedback or right.feedback:
        body += _feedback(wrong.feedback) or "#"
    body += _feedback(right.feedback)
    return "{" + body + _general_feedback(spec) + "}"


def _write_short(spec: QuestionSpec) -> str:
    if spec.text_options != _DEFAULT_TEXT_OPTIONS:
        raise ValueError(
            f"GIFT cannot carry the text comparison options {spec.text_options}; only the "
            "defaults (case and accents ignored, spaces collapsed) read back"
        )
    regexes = [accepted.text for accepted in spec.accepted_texts if accepted.regex]
    if regexes:
        raise ValueError(f"GIFT has no regular expressions (accepted answer {regexes[0]!r})")
    arrows = [a for a in spec.accepted_texts if "->" in a.text or "->" in a.feedback]
    if arrows and [(a.weight, len(spec.accepted_texts)) for a in arrows] == [(ONE, 1)]:
        # '=' and '->' in one answer block make a matching question: a lone accepted answer
        # is written without its '='.
        (accepted,) = arrows
        written = _protect(accepted.text, asterisk=True) + _feedback(accepted.feedback)
        return "{" + written + _general_feedback(spec) + "}"
    if arrows:
        raise ValueError(
            "an accepted answer or its feedback containing '->' reads back as a matching pair "
            f"in GIFT, unless it is the only accepted answer ({arrows[0].text!r})"
        )
    lines = []
    for accepted in spec.accepted_texts:
        marker = "=" if accepted.weight == ONE else f"=%{_percent(accepted.weight)}%"
        lines.append(
            marker + _protect(accepted.text, asterisk=True) + _feedback(accepted.feedback)
        )
    return _answer_lines(lines, spec)


def _write_numeric(spec: QuestionSpec) -> str:
    lines = []
    for accepted in spec.accepted_numbers:
        if accepted.minimum is not None and accepted.maximum is not None:
            written = f"{accepted.minimum:f}..{accepted.maximum:f}"
        elif accepted.value is not None:
            written = f"{accepted.value:f}:{accepted.tolerance:f}"
        else:
            raise ValueError("a numeric answer needs a value or a minimum and a maximum")
        marker = "=" if accepted.weight == ONE else f"=%{_percent(accepted.weight)}%"
        lines.append(marker + written + _feedback(accepted.feedback))
    return _answer_lines(lines, spec, opening="{#")


def _write_matching(spec: QuestionSpec) -> str:
    answer_texts = {answer.key: answer.text for answer in spec.answers}
    if len(set(answer_texts.values())) != len(spec.answers):
        raise ValueError("two matching answers have the same text; GIFT would merge them")
    matched = dict(spec.matches)
    if len(matched) != len(spec.matches) or set(matched) != {p.key for p in spec.prompts}:
        raise ValueError("in GIFT, every prompt of a matching question has exactly one answer")
    order = [answer.key for answer in spec.answers]
    written: set[str] = set()
    lines = []

    def distractors_before(position: int) -> None:
        # Answers are numbered in order of appearance: an answer listed before the next
        # pair's answer is written first, as a distractor (= -> text), to keep its place.
        for key in order[:position]:
            if key not in written:
                written.add(key)
                lines.append("= -> " + _escape(answer_texts[key]))

    for prompt in spec.prompts:
        key = matched[prompt.key]
        if key not in answer_texts:
            raise ValueError(f"prompt {prompt.text!r} matches an unknown answer {key!r}")
        if not _trim(prompt.text):
            raise ValueError("a matching prompt is empty; GIFT reads it as a distractor")
        if "->" in prompt.text:
            raise ValueError(f"a matching prompt cannot contain '->' in GIFT ({prompt.text!r})")
        distractors_before(order.index(key))
        written.add(key)
        lines.append("=" + _protect(prompt.text) + " -> " + _escape(answer_texts[key]))
    distractors_before(len(order))
    return _answer_lines(lines, spec)


_WRITERS = {
    QuestionType.SINGLE: _write_choices,
    QuestionType.MULTIPLE: _write_choices,
    QuestionType.TRUE_FALSE: _write_true_false,
    QuestionType.SHORT: _write_short,
    QuestionType.NUMERIC: _write_numeric,
    QuestionType.MATCHING: _write_matching,
}


def _write_question(spec: QuestionSpec) -> str:
    writer = _WRITERS.get(spec.type)
    if writer is None:
        raise ValueError(
            f"Question {_describe(spec)}: {spec.type} questions do not exist in GIFT."
        )
    try:
        answers = writer(spec)
    except ValueError as error:
        raise ValueError(f"Question {_describe(spec)}: {error}.") from error
    blank = spec.text.find(BLANK)
    if blank >= 0 and _trim(spec.text[blank + len(BLANK) :]):
        before, after = spec.text[:blank], spec.text[blank + len(BLANK) :]
    else:
        before, after = spec.text, ""
    title = f"::{_escape(spec.title)}::" if spec.title else ""
    written = title + _protect(before) + answers + _escape(after)
    # Last guard: what is written must read back as a sound question of the same type.
    check = parse_gift(written)
    read_back = [str(question.spec.type) for question in check.questions]
    if check.problems or read_back != [str(spec.type)]:
        reason = (
            check.problems[0].message
            if check.problems
            else f"it reads back as {' and '.join(read_back) or 'nothing'}"
        )
        raise ValueError(f"Question {_describe(spec)} cannot be written in GIFT: {reason}")
    return written


def export_gift(questions: Iterable[tuple[str, QuestionSpec]]) -> str:
    """Write (category, spec) pairs as GIFT, with a $CATEGORY line when the category changes.

    Raises ValueError for a question GIFT cannot carry (see the module's docstring).
    """
    parts = []
    current = ""
    for category, spec in questions:
        category = _trim(category or "")
        if "\n" in category or "\r" in category:
            raise ValueError(f"Category {category!r} spans several lines.")
        if category != current:
            parts.append(f"{_CATEGORY} {category}".rstrip())
            current = category
        parts.append(_write_question(spec))
    return "\n\n".join(parts) + "\n" if parts else ""
