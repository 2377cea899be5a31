"""Grading: plain question data in, a small Grade out. No ORM, no request.

Every question type of the question bank is described here as a frozen dataclass
(``QuestionSpec``) that the models build and the GIFT importer produces, and graded by one
pure function, ``grade(spec, answer)``. Scores are fractions of the question's points between
0 and 1, as ``Decimal`` so that sums and averages are exact.

Answers, as the attempt stores them:

=================  ==========================================================
single, true/false  the key of the chosen choice (true/false: "true" or "false")
multiple            a list of chosen keys
short, evidence     the text typed
numeric             the text typed ("3,5", "3.5", "1 234,5" and "1,234.5" all work)
ordering            the item keys in the learner's order
matching            a dict: prompt key -> chosen answer key
written             the text typed (plain text); a trainer marks it with the rubric
=================  ==========================================================

A written response is never graded here: ``grade`` reports it unanswered when empty and
otherwise ``needs_marking``; ``rubric_score`` turns a trainer's choice of levels into a score.
"""

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

ZERO = Decimal(0)
ONE = Decimal(1)


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SHORT = "short"
    NUMERIC = "numeric"
    ORDERING = "ordering"
    MATCHING = "matching"
    EVIDENCE = "evidence"
    WRITTEN = "written"


@dataclass(frozen=True)
class Choice:
    """A choice of a single, multiple or true/false question.

    ``weight`` is the fraction of the points it earns, -1 to 1: in a multiple-response
    question the right choices' weights add up to 1 and wrong ones may subtract.
    """

    key: str
    text: str
    weight: Decimal = ZERO
    feedback: str = ""


@dataclass(frozen=True)
class AcceptedText:
    """An accepted answer of a short-answer question (``weight`` < 1 gives partial credit)."""

    text: str
    weight: Decimal = ONE
    feedback: str = ""
    regex: bool = False


@dataclass(frozen=True)
class AcceptedNumber:
    """A numeric answer: ``value`` within ``tolerance``, or anywhere in [minimum, maximum]."""

    value: Decimal | None = None
    tolerance: Decimal = ZERO
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    weight: Decimal = ONE
    feedback: str = ""

    def accepts(self, number: Decimal) -> bool:
        if self.minimum is not None and self.maximum is not None:
            return self.minimum <= number <= self.maximum
        return abs(number - self.value) <= self.tolerance


@dataclass(frozen=True)
class Item:
    """An item to put in order, or one side of a matching pair."""

    key: str
    text: str


@dataclass(frozen=True)
class TextOptions:
    """How typed text is compared (short answer and evidence)."""

    case_sensitive: bool = False
    ignore_accents: bool = True
    collapse_spaces: bool = True
    remove_spaces: bool = False  # e.g. hashes typed in groups


@dataclass(frozen=True)
class RubricLevel:
    """One level of a rubric criterion: what the answer shows, and the points it earns."""

    label: str
    points: Decimal
    description: str = ""


@dataclass(frozen=True)
class Criterion:
    """One criterion of a written response's rubric, its levels in the author's order."""

    key: str
    title: str
    description: str = ""
    levels: tuple[RubricLevel, ...] = ()

    @property
    def best(self) -> Decimal:
        return max((level.points for level in self.levels), default=ZERO)


@dataclass(frozen=True)
class QuestionSpec:
    type: QuestionType
    text: str
    title: str = ""
    general_feedback: str = ""
    choices: tuple[Choice, ...] = ()
    accepted_texts: tuple[AcceptedText, ...] = ()
    accepted_numbers: tuple[AcceptedNumber, ...] = ()
    items: tuple[Item, ...] = ()  # ordering: in the right order
    prompts: tuple[Item, ...] = ()  # matching: the left side
    answers: tuple[Item, ...] = ()  # matching: the right side, distractors included
    matches: tuple[tuple[str, str], ...] = ()  # matching: (prompt key, answer key)
    text_options: TextOptions = field(default_factory=TextOptions)
    evidence_digest: str = ""  # hex HMAC-SHA-256 of the normalised expected value
    evidence_salt: str = ""
    rubric: tuple[Criterion, ...] = ()  # written response
    word_limit: int | None = None  # written response; None: no limit


@dataclass(frozen=True)
class Grade:
    score: Decimal  # 0..1, a fraction of the question's points
    feedback: tuple[str, ...] = ()
    answered: bool = True
    needs_marking: bool = False  # a written answer waiting for a trainer

    @property
    def is_correct(self) -> bool:
        return self.score == ONE

    def points(self, points: Decimal) -> Decimal:
        return (self.score * points).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


UNANSWERED = Grade(score=ZERO, answered=False)


def score_percent(fraction, places: int = 0) -> int | Decimal | None:
    """A score (a fraction of 1) as the percentage every page and export shows; None stays None.

    The one rounding rule for scores, so the learner, the trainer, the coordinator and the
    reports read the same figure for the same attempt. It rounds down: a learner who scored
    69.5 % against a 70 % pass mark reads 69 %, not a "70 %" next to "not passed". With the
    pass mark a whole number, the figure shown reaches the pass mark exactly when the score
    does. ``places`` keeps that many decimals (an int when 0, a Decimal otherwise).
    """
    if fraction is None:
        return None
    value = Decimal(str(fraction)) * 100
    if places == 0:
        return int(value.to_integral_value(rounding=ROUND_FLOOR))
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_FLOOR)


def _clamp(value: Decimal) -> Decimal:
    return max(ZERO, min(ONE, value))


def normalise_text(text: str, options: TextOptions) -> str:
    """Apply the question's comparison options to typed text."""
    text = unicodedata.normalize("NFC", str(text or ""))
    if options.remove_spaces:
        text = re.sub(r"\s+", "", text)
    elif options.collapse_spaces:
        text = " ".join(text.split())
    if not options.case_sensitive:
        text = text.casefold()
    if options.ignore_accents:
        decomposed = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize(
            "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        )
    return text


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)(e[+-]?\d+)?$", re.IGNORECASE)


def parse_number(text: str) -> Decimal | None:
    """Read a number as people type it in en, fr, pt and es; None when it is not one.

    A comma or a point may be the decimal separator. When both appear, the last one is the
    decimal separator and the other groups thousands ("1.234,5" and "1,234.5"); spaces
    (including the narrow no-break space French uses) group thousands too. A lone separator
    followed by exactly three digits is read as a decimal ("3,500" is 3.5): quizzes ask for
    measurements more often than for thousands, and the question says which it wants.
    """
    raw = unicodedata.normalize("NFKC", str(text or "")).strip()
    raw = re.sub(r"[\s\u202f\u00a0']", "", raw)
    if not raw:
        return None
    if "," in raw and "." in raw:
        decimal_sep = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        raw = raw.replace(thousands, "")
    if raw.count(",") + raw.count(".") > 1:
        return None
    if not _NUMBER.match(raw):
        return None
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None


_MONTHS = {
    # en, fr, pt, es month names and their usual abbreviations, accents removed.
    1: ("january", "jan", "janvier", "janv", "janeiro", "enero", "ene"),
    2: ("february", "feb", "fevrier", "fevr", "fev", "fevereiro", "febrero"),
    3: ("march", "mar", "mars", "marco", "marzo"),
    4: ("april", "apr", "avril", "avr", "abril", "abr"),
    5: ("may", "mai", "maio", "mayo"),
    6: ("june", "jun", "juin", "junho", "junio"),
    7: ("july", "jul", "juillet", "juil", "julho", "julio"),
    8: ("august", "aug", "aout", "agosto", "ago"),
    9: ("september", "sep", "sept", "septembre", "setembro", "set", "septiembre", "setiembre"),
    10: ("october", "oct", "octobre", "outubro", "out", "octubre"),
    11: ("november", "nov", "novembre", "novembro", "noviembre"),
    12: ("december", "dec", "decembre", "dezembro", "dez", "diciembre", "dic"),
}
_MONTH_NUMBER = {name: number for number, names in _MONTHS.items() for name in names}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDY_DATE = re.compile(
    r"^(?:(?:le|el|o)\s+)?(\d{1,2})(?:er|º|°|st|nd|rd|th)?\.?\s+(?:de\s+)?([a-z]+)\.?\s+(?:de\s+)?(\d{4})$"
)
_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_TIME = re.compile(r"^(\d{1,2})\s*[:h]\s*(\d{2})(?:\s*(?::|min|m)\s*(\d{2})\s*s?)?$")


def _date(year: int, month: int, day: int):
    from datetime import date

    try:
        return ("date", date(year, month, day).isoformat())
    except ValueError:
        return None


def parse_value(text: str) -> tuple | None:
    """A date, a time of day or a number typed as en, fr, pt or es speakers type them.

    Returns a comparable tuple (``("date", "2026-07-19")``, ``("time", 14, 9, 42)``,
    ``("number", Decimal)``) or None when the text is none of these. Numeric dates are read
    day first (19/07/2026), as in fr, pt, es and most English outside the US; a date that
    only makes sense month first (07/19/2026) is read that way.
    """
    raw = unicodedata.normalize("NFKD", str(text or "")).casefold()
    raw = " ".join("".join(ch for ch in raw if not unicodedata.combining(ch)).split())
    raw = raw.rstrip(".").replace(" utc", "").replace("utc", "").strip()
    if not raw:
        return None
    if match := _ISO_DATE.match(raw):
        year, month, day = (int(part) for part in match.groups())
        return _date(year, month, day)
    if match := _NUMERIC_DATE.match(raw):
        first, second, year = (int(part) for part in match.groups())
        return _date(year, second, first) or _date(year, first, second)
    if match := _WORDY_DATE.match(raw):
        day, month, year = match.groups()
        number = _MONTH_NUMBER.get(month)
        return _date(int(year), number, int(day)) if number else None
    if match := _MONTH_FIRST.match(raw):
        month, day, year = match.groups()
        number = _MONTH_NUMBER.get(month)
        return _date(int(year), number, int(day)) if number else None
    if match := _TIME.match(raw):
        hours, minutes, seconds = match.groups()
        if int(hours) < 24 and int(minutes) < 60 and int(seconds or 0) < 60:
            return ("time", int(hours), int(minutes), int(seconds or 0))
        return None
    number = parse_number(raw)
    return ("number", number) if number is not None else None


def _forms(value: tuple | None) -> list[str]:
    """The usual ways of writing ``value`` in English, for matching authors' patterns."""
    if value is None:
        return []
    if value[0] == "date":
        from datetime import date

        day = date.fromisoformat(value[1])
        month = _MONTHS[day.month][0]
        return [
            day.isoformat(),
            f"{day.day} {month} {day.year}",
            f"{month} {day.day}, {day.year}",
            f"{day.day:02d}/{day.month:02d}/{day.year}",
        ]
    if value[0] == "time":
        _kind, hours, minutes, seconds = value
        return [f"{hours:02d}:{minutes:02d}:{seconds:02d}", f"{hours:02d}:{minutes:02d}"]
    return [format(value[1].normalize(), "f")]


def evidence_digest(value: str, salt: str, options: TextOptions) -> str:
    """The stored form of an expected evidence value: HMAC-SHA-256 keyed by the salt."""
    normalised = normalise_text(value, options).encode("utf-8")
    return hmac.new(salt.encode("utf-8"), normalised, hashlib.sha256).hexdigest()


def _grade_choices(spec: QuestionSpec, answer) -> Grade:
    by_key = {choice.key: choice for choice in spec.choices}
    if spec.type == QuestionType.MULTIPLE:
        keys = [key for key in (answer or []) if key in by_key]
        if not keys:
            return UNANSWERED
        chosen = [by_key[key] for key in dict.fromkeys(keys)]
        score = _clamp(sum((choice.weight for choice in chosen), ZERO))
        return Grade(score=score, feedback=tuple(c.feedback for c in chosen if c.feedback))
    choice = by_key.get(str(answer)) if answer not in (None, "") else None
    if choice is None:
        return UNANSWERED
    return Grade(
        score=_clamp(choice.weight), feedback=(choice.feedback,) if choice.feedback else ()
    )


# Spellings of the other Portuguese and Spanish variants, each with the form the curriculum
# uses (docs/translating.md, "Language variants"): Brazilian Portuguese -> European
# Portuguese, Peninsular Spanish -> Latin-American Spanish. A typed short answer matches an
# accepted answer written in either variant. Longer phrases are replaced first.
VARIANT_SPELLINGS = {
    # Portuguese
    "celular": "telemóvel",
    "celulares": "telemóveis",
    "telefone celular": "telemóvel",
    "arquivo": "ficheiro",
    "arquivos": "ficheiros",
    "registro": "registo",
    "registros": "registos",
    "usuário": "utilizador",
    "usuários": "utilizadores",
    "tela": "ecrã",
    "telas": "ecrãs",
    "equipe": "equipa",
    "senha": "palavra-passe",
    "rastreamento": "rastreio",
    "eletrônico": "eletrónico",
    "eletrônica": "eletrónica",
    "eletrônicos": "eletrónicos",
    "eletrônicas": "eletrónicas",
    "trilha de auditoria": "pista de auditoria",
    "carimbo de tempo": "carimbo temporal",
    # Spanish
    "ordenador": "computadora",
    "ordenadores": "computadoras",
    "teléfono móvil": "teléfono celular",
    "teléfonos móviles": "teléfonos celulares",
    "fichero": "archivo",
    "ficheros": "archivos",
    "monedero": "billetera",
    "monederos": "billeteras",
    "importe": "monto",
}


def variant_canonical(text: str, options: TextOptions) -> str:
    """``text`` (already normalised with ``options``) with the other variant's spellings
    replaced by the curriculum's, word by word."""
    table = _variant_table(options)
    if not table:
        return text
    # Until nothing changes: a Spanish form may hold a Portuguese one ("teléfono celular").
    for _ in range(3):
        changed = table[0].sub(lambda match: table[1][match[0].casefold()], text)
        if changed == text:
            break
        text = changed
    return text


_VARIANT_TABLES: dict[TextOptions, tuple] = {}


def _variant_table(options: TextOptions):
    if options.case_sensitive or options.remove_spaces:
        return None  # codes and values, not words
    if options not in _VARIANT_TABLES:
        pairs = {
            normalise_text(other, options): normalise_text(ours, options)
            for other, ours in VARIANT_SPELLINGS.items()
        }
        words = "|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True))
        _VARIANT_TABLES[options] = (re.compile(rf"(?<!\w)(?:{words})(?!\w)"), pairs)
    return _VARIANT_TABLES[options]


def _grade_short(spec: QuestionSpec, answer) -> Grade:
    typed = normalise_text(answer, spec.text_options)
    if not typed:
        return UNANSWERED
    value = parse_value(typed)
    # A date, time or number typed in any of the four languages' ways is also tried in the
    # forms an author most often writes ("2026-07-19", "19 july 2026", "14:09:42", "3.5").
    candidates = [typed, *(normalise_text(form, spec.text_options) for form in _forms(value))]
    # The other Portuguese or Spanish variant's spelling is tried in the curriculum's too.
    canonical = variant_canonical(typed, spec.text_options)
    if canonical != typed:
        candidates.append(canonical)
    best: AcceptedText | None = None
    for accepted in spec.accepted_texts:
        if accepted.regex:
            flags = 0 if spec.text_options.case_sensitive else re.IGNORECASE
            matched = any(re.fullmatch(accepted.text, c, flags) for c in candidates)
        else:
            expected = normalise_text(accepted.text, spec.text_options)
            matched = (
                expected == typed
                or variant_canonical(expected, spec.text_options) == canonical
                or (value is not None and parse_value(expected) == value)
            )
        if matched and (best is None or accepted.weight > best.weight):
            best = accepted
    if best is None:
        return Grade(score=ZERO)
    return Grade(score=_clamp(best.weight), feedback=(best.feedback,) if best.feedback else ())


def _grade_numeric(spec: QuestionSpec, answer) -> Grade:
    if str(answer or "").strip() == "":
        return UNANSWERED
    number = parse_number(answer)
    if number is None:
        return Grade(score=ZERO)
    matches = [a for a in spec.accepted_numbers if a.accepts(number)]
    if not matches:
        return Grade(score=ZERO)
    best = max(matches, key=lambda accepted: accepted.weight)
    return Grade(score=_clamp(best.weight), feedback=(best.feedback,) if best.feedback else ())


def _grade_ordering(spec: QuestionSpec, answer) -> Grade:
    """Partial credit: the share of items placed at their right position."""
    expected = [item.key for item in spec.items]
    given = list(answer or [])
    if not given:
        return UNANSWERED
    if not expected:
        return Grade(score=ZERO)
    right = sum(
        1
        for position, key in enumerate(expected)
        if position < len(given) and given[position] == key
    )
    return Grade(score=Decimal(right) / Decimal(len(expected)))


def _grade_matching(spec: QuestionSpec, answer) -> Grade:
    """Partial credit: the share of prompts matched to their right answer."""
    given = dict(answer or {})
    if not any(given.values()):
        return UNANSWERED
    if not spec.matches:
        return Grade(score=ZERO)
    right = sum(1 for prompt, expected in spec.matches if given.get(prompt) == expected)
    return Grade(score=Decimal(right) / Decimal(len(spec.matches)))


def _grade_evidence(spec: QuestionSpec, answer) -> Grade:
    if not normalise_text(answer, spec.text_options):
        return UNANSWERED
    digest = evidence_digest(answer, spec.evidence_salt, spec.text_options)
    if hmac.compare_digest(digest, spec.evidence_digest):
        return Grade(score=ONE)
    return Grade(score=ZERO)


def word_count(text) -> int:
    """Words as the attempt page counts them: runs of characters between spaces."""
    return len(str(text or "").split())


def _grade_written(spec: QuestionSpec, answer) -> Grade:
    if not str(answer or "").strip():
        return UNANSWERED
    return Grade(score=ZERO, needs_marking=True)


class RubricError(ValueError):
    """The levels chosen do not fit the rubric (a criterion missing or an unknown level)."""


def rubric_score(rubric: tuple[Criterion, ...], chosen: dict[str, int]) -> Decimal:
    """The fraction of the question's points earned: chosen levels' points over the best.

    ``chosen`` maps each criterion's key to the index of the level chosen. Every criterion
    must have one; a rubric whose best points add up to nothing scores 0.
    """
    total = sum((criterion.best for criterion in rubric), ZERO)
    earned = ZERO
    for criterion in rubric:
        index = chosen.get(criterion.key)
        if not isinstance(index, int) or not 0 <= index < len(criterion.levels):
            raise RubricError(criterion.key)
        earned += criterion.levels[index].points
    if total <= 0:
        return ZERO
    return _clamp(earned / total)


_GRADERS = {
    QuestionType.SINGLE: _grade_choices,
    QuestionType.MULTIPLE: _grade_choices,
    QuestionType.TRUE_FALSE: _grade_choices,
    QuestionType.SHORT: _grade_short,
    QuestionType.NUMERIC: _grade_numeric,
    QuestionType.ORDERING: _grade_ordering,
    QuestionType.MATCHING: _grade_matching,
    QuestionType.EVIDENCE: _grade_evidence,
    QuestionType.WRITTEN: _grade_written,
}


def grade(spec: QuestionSpec, answer) -> Grade:
    """Grade one answer. Malformed answers score 0; they never raise."""
    try:
        return _GRADERS[spec.type](spec, answer)
    except (TypeError, ValueError, re.error):
        return Grade(score=ZERO)


def in_language(source: QuestionSpec, translated: QuestionSpec | None) -> QuestionSpec:
    """The question as graded for a learner who answered its translation.

    What the learner read comes from ``translated``: the text, the feedback, the choices' and
    items' words, and its accepted texts and patterns, which translators adapt (a French
    answer, a French date). What decides the marks comes from ``source``, the question the
    trainer wrote: choice weights, the right order, the matching key, numbers and evidence
    digests, so a translation cannot change who passes. The source's accepted texts stay
    accepted after the translated ones, so an answer in the course's language still counts.
    Answer keys are block ids, which are the same in every translation; a translation whose
    keys differ (edited by hand into another shape) is not trusted for keys and the source
    is used.
    """
    if translated is None or translated is source:
        return source
    choice_words = {choice.key: choice for choice in translated.choices}
    item_words = {item.key: item.text for item in (*translated.items, *translated.prompts)}
    answer_words = {item.key: item.text for item in translated.answers}

    def choice(each: Choice) -> Choice:
        words = choice_words.get(each.key)
        if words is None:
            return each
        return Choice(each.key, words.text, each.weight, words.feedback or each.feedback)

    def item(each: Item, words: dict[str, str]) -> Item:
        return Item(each.key, words.get(each.key, each.text))

    accepted = list(translated.accepted_texts)
    seen = {(a.text, a.regex) for a in accepted}
    accepted += [a for a in source.accepted_texts if (a.text, a.regex) not in seen]
    numbers = source.accepted_numbers
    if len(translated.accepted_numbers) == len(numbers):
        numbers = tuple(
            AcceptedNumber(
                a.value, a.tolerance, a.minimum, a.maximum, a.weight, t.feedback or a.feedback
            )
            for a, t in zip(numbers, translated.accepted_numbers, strict=True)
        )
    criterion_words = {criterion.key: criterion for criterion in translated.rubric}

    def criterion(each: Criterion) -> Criterion:
        words = criterion_words.get(each.key)
        if words is None or len(words.levels) != len(each.levels):
            return each
        return Criterion(
            each.key,
            words.title or each.title,
            words.description,
            tuple(
                RubricLevel(
                    words_level.label or level.label, level.points, words_level.description
                )
                for level, words_level in zip(each.levels, words.levels, strict=True)
            ),
        )

    return QuestionSpec(
        type=source.type,
        text=translated.text or source.text,
        title=translated.title or source.title,
        general_feedback=translated.general_feedback or source.general_feedback,
        choices=tuple(choice(each) for each in source.choices),
        accepted_texts=tuple(accepted),
        accepted_numbers=numbers,
        items=tuple(item(each, item_words) for each in source.items),
        prompts=tuple(item(each, item_words) for each in source.prompts),
        answers=tuple(item(each, answer_words) for each in source.answers),
        matches=source.matches,
        text_options=source.text_options,
        evidence_digest=source.evidence_digest,
        evidence_salt=source.evidence_salt,
        rubric=tuple(criterion(each) for each in source.rubric),
        word_limit=source.word_limit,
    )


def quiz_grade(scores: list[Decimal | None], method: str) -> Decimal | None:
    """A quiz grade from attempt scores in attempt order, by the quiz's grading method:
    "highest" (the default), "last" or "average".

    An attempt awaiting marking has no score yet (None) and does not count until marked.
    """
    scores = [score for score in scores if score is not None]
    if not scores:
        return None
    if method == "last":
        return scores[-1]
    if method == "average":
        return sum(scores, Decimal(0)) / len(scores)
    return max(scores)
