"""Statements of the form "Status as of <Month> <Year>" in the lessons, and their age.

Facts that change after a lesson is written (how many States have ratified a convention,
where a court case stands) are written with the date they were true on and the sentence
"Check the current status before delivery." ``check_content`` lists every such note with its
age, so an editor preparing a delivery sees which ones to check against the source, and
``check_content --stale-months N`` makes the notes older than N months errors (for a release
check). The default run only reports them: the facts can only be brought up to date by a
person with the sources in hand, and the suite must not fail for the passing of time.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
STATUS = re.compile(r"Status\s+as\s+of\s+(" + "|".join(MONTHS) + r")\s+(\d{4})")
CHECK = "Check the current status before delivery"


@dataclass(frozen=True)
class StatusNote:
    file: str  # relative to the content folder
    as_of: datetime.date  # the first day of the month the note names
    has_check: bool  # the note tells the trainer to check before delivery

    def months_old(self, today: datetime.date) -> int:
        return (today.year - self.as_of.year) * 12 + today.month - self.as_of.month


def status_notes(folder: Path) -> list[StatusNote]:
    """Every status note in the programme's lesson and quiz files, in file order."""
    found = []
    files = sorted(folder.glob("lessons/**/*.yaml")) + sorted(folder.glob("quizzes*.yaml"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        for match in STATUS.finditer(text):
            # YAML wraps long lines: compare with the spaces and line breaks made single.
            following = " ".join(text[match.end() : match.end() + 1200].split())
            found.append(
                StatusNote(
                    file=str(path.relative_to(folder.parent)),
                    as_of=datetime.date(int(match.group(2)), MONTHS[match.group(1)], 1),
                    has_check=CHECK in following,
                )
            )
    return found
