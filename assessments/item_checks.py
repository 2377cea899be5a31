"""Item-writing faults in choice questions: cues that let a learner answer without knowing.

Pure code: plain strings in, plain data out, no ORM and no request, so the same rules serve
``check_content`` (the curriculum files) and the question editor (a warning on save).

The rules follow the usual item-writing guidelines. A single right answer that is clearly the
longest gives itself away; "all of the above" and "none of the above" reward partial knowledge;
a negative in the stem is missed by a quick reader unless it stands out; choices of very
different lengths are a cue of their own; and a right answer that sits in the same place in
most items of a programme can be learned without the content. The lengths count visible
characters (markup removed), and small absolute differences are ignored, because "Key" and
"Hash" differ by a third without telling the learner anything.
"""

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

# The right answer is a cue when it is this much longer than the longest other choice…
LONGEST_RATIO = 1.2
# …and at least this many characters longer.
LONGEST_MIN_CHARACTERS = 5
# The longest choice may be at most this many times the shortest…
SPREAD_RATIO = 3
# …unless they differ by fewer characters than this.
SPREAD_MIN_CHARACTERS = 12
# A programme is cued when more than this share of its items put the answer in one place.
POSITION_SHARE = 0.5

TAG = re.compile(r"<[^>]+>")
EMPHASIS = re.compile(r"<(strong|em|b|i)\b[^>]*>(.*?)</\1>", re.S | re.I)
# "All of the above", "none of the above" and their French, Portuguese and Spanish forms.
CATCH_ALL = re.compile(
    r"\b(all|none|both|neither) of the (above|answers|options|choices)\b"
    r"|\b(toutes|aucune) (les réponses|des réponses|les propositions|des propositions)"
    r"|\btoutes? les (réponses|propositions) ci-dessus"
    r"|\b(todas|nenhuma|todos|nenhum) (as|os|das|dos) (anteriores|alternativas|respostas)"
    r"|\b(todas|ninguna|todos|ninguno) (las|los|de las|de los) (anteriores|respuestas|opciones)",
    re.I,
)
# Negative words in the question a stem asks, by language. "Is false" and the like, not
# "false" alone: "a false identity" asks nothing negative.
NEGATIVE = {
    "en": r"\b(not|cannot|except|never)\b|n't\b|\b(is|are) (false|incorrect|untrue)\b",
    "fr": r"\b(ne|pas|sauf|jamais)\b|\bn'|\b(est|sont) (fausses?|faux|inexactes?|incorrecte?s?)\b",
    "pt": r"\b(não|exceto|nunca)\b|\b(é|são) (falsas?|falsos?|incorretas?|incorretos?)\b",
    "es": r"\b(no|excepto|salvo|nunca)\b|\b(es|son) (falsas?|falsos?|incorrectas?|incorrectos?)\b",
}
QUESTION = re.compile(r"[^.?!:]*\?")


@dataclass(frozen=True)
class ItemFault:
    """One fault: a stable ``code`` for tests and filters, and a translated message."""

    code: str
    message: str


def visible_text(value: str) -> str:
    """The text a learner reads: markup removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(TAG.sub(" ", value or "")).split())


def item_faults(
    stem: str, choices: Sequence[tuple[str, bool]], *, language: str = "en"
) -> list[ItemFault]:
    """The faults of one choice item: its stem (HTML or plain text) and ``(text, right)`` pairs,
    written in ``language`` (en, fr, pt or es).

    The "longest right answer" rule applies only when exactly one choice is right; the others
    apply to single and multiple response alike.
    """
    faults = []
    texts = [visible_text(text) for text, _right in choices]
    right = [n for n, (_text, is_right) in enumerate(choices) if is_right]
    lengths = [len(text) for text in texts]
    if len(right) == 1 and len(choices) >= 2:
        answer = lengths[right[0]]
        others = max(length for n, length in enumerate(lengths) if n != right[0])
        if answer > others * LONGEST_RATIO and answer - others >= LONGEST_MIN_CHARACTERS:
            faults.append(
                ItemFault(
                    "longest_correct",
                    _(
                        "The right answer is clearly the longest choice (%(answer)d characters, "
                        "the next %(other)d): lengthen the distractors or shorten the answer."
                    )
                    % {"answer": answer, "other": others},
                )
            )
    catch_all = [text for text in texts if CATCH_ALL.search(text)]
    if catch_all:
        faults.append(
            ItemFault(
                "catch_all",
                _(
                    "“%(choice)s”: avoid “all of the above” and “none of the above”; "
                    "write a distractor that stands on its own."
                )
                % {"choice": catch_all[0]},
            )
        )
    negative = unemphasised_negative(stem, language=language)
    if negative:
        faults.append(
            ItemFault(
                "negative_stem",
                _(
                    "The question is worded negatively (“%(word)s”) without emphasis: word it "
                    "positively, or put the negative word in bold or italics."
                )
                % {"word": negative},
            )
        )
    if lengths and min(lengths) > 0:
        shortest, longest = min(lengths), max(lengths)
        if longest > SPREAD_RATIO * shortest and longest - shortest >= SPREAD_MIN_CHARACTERS:
            faults.append(
                ItemFault(
                    "unequal_lengths",
                    _(
                        "The choices differ greatly in length (%(shortest)d to %(longest)d "
                        "characters): make them comparable."
                    )
                    % {"shortest": shortest, "longest": longest},
                )
            )
    return faults


def unemphasised_negative(stem: str, *, language: str = "en") -> str:
    """The first negative word of the question the stem asks that is not in bold or italics.

    The question is the sentence (or sentences) ending with "?", or the whole stem when none
    does, so a scenario that says what did *not* happen is not taken for a negative question.
    A plain-text stem cannot be emphasised, so any negative in its question counts. Returns ''
    when there is none.
    """
    negative = re.compile(NEGATIVE.get(language, NEGATIVE["en"]), re.I)
    text = visible_text(stem)
    asked = " ".join(QUESTION.findall(text)) or text
    emphasised = visible_text(" ".join(match[2] for match in EMPHASIS.finditer(stem or "")))
    shown = {match[0].lower() for match in negative.finditer(emphasised)}
    for match in negative.finditer(asked):
        if match[0].lower() not in shown:
            return match[0]
    return ""


def position_fault(positions: Sequence[int]) -> ItemFault | None:
    """A fault when more than half of a set of items put the right answer in one place.

    ``positions`` holds, for each single-answer item, the index of its right answer.
    """
    if len(positions) < 2:
        return None
    place, count = Counter(positions).most_common(1)[0]
    if count / len(positions) <= POSITION_SHARE:
        return None
    return ItemFault(
        "same_position",
        _("The right answer is choice %(place)d in %(count)d of %(total)d items: vary its place.")
        % {"place": place + 1, "count": count, "total": len(positions)},
    )
