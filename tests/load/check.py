"""After the load test: is every answer the learners saved, and every submission, in the
database exactly once? Asked of the database with SQL, not of Locust's counters.

``python -m tests.load.check RECORD`` (run by ``scripts/loadtest`` with the platform's
settings). RECORD is the file the Locust users wrote: one JSON object a line, written only
after the server accepted the request (``start``, ``save`` with the answer's token, and
``submit``), and, before a request is sent, what it carries (``sending``, ``submitting``), so
that a request still on its way when the load stopped is not taken for a lost one. Prints
what it found and ``CHECK {json}``; exits 1 when anything is missing, duplicated or
different.
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# One row per (attempt, question) with how many response rows it has and its answer.
RESPONSES_SQL = """
SELECT r.attempt_id, r.question_id, COUNT(*) OVER (PARTITION BY r.attempt_id, r.question_id),
       CAST(r.answer AS text)
FROM assessments_response r
JOIN assessments_attempt a ON a.id = r.attempt_id
WHERE a.quiz_id = %s
"""
ATTEMPTS_SQL = """
SELECT a.id, u.email, a.state, a.submitted_at IS NOT NULL,
       COUNT(*) OVER (PARTITION BY a.learner_id, a.quiz_id)
FROM assessments_attempt a
JOIN auth_user u ON u.id = a.learner_id
WHERE a.quiz_id = %s
"""


def _answer(text):
    """The stored answer (read as the JSON text of the column) as a Python value."""
    return None if text is None else json.loads(text)


def check(record_path: Path, quiz_id: int) -> dict:
    from django.db import connection

    from assessments.models import Attempt
    from assessments.selectors import answer_token

    started, saved, submitted = {}, {}, {}
    # Tokens sent after the last accepted one for a question, and submissions sent: what a
    # request still on its way when the load stopped (or whose answer failed) may have stored.
    in_flight, submitting = defaultdict(set), set()
    for line in record_path.read_text().splitlines():
        event = json.loads(line)
        if event["event"] == "start":
            started[event["attempt"]] = event["learner"]
        elif event["event"] == "sending":
            for field, token in event["answers"].items():
                in_flight[(event["attempt"], int(field[1:]))].add(token)
        elif event["event"] == "save":
            # The last token accepted for a question is what must be stored.
            key = (event["attempt"], event["question"])
            saved[key] = event["token"]
            in_flight[key].clear()
        elif event["event"] == "submitting":
            submitting.add(event["attempt"])
        elif event["event"] == "submit":
            submitted[event["attempt"]] = event["learner"]

    with connection.cursor() as cursor:
        cursor.execute(ATTEMPTS_SQL, [quiz_id])
        attempts = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(RESPONSES_SQL, [quiz_id])
        responses = defaultdict(list)
        for attempt_id, question_id, count, answer in cursor.fetchall():
            responses[(attempt_id, question_id)].append((count, _answer(answer)))

    problems = []
    learners_twice = sorted({row[0] for row in attempts.values() if row[3] > 1})
    if learners_twice:
        problems.append(f"{len(learners_twice)} learners have more than one attempt")
    duplicated = [key for key, rows in responses.items() if len(rows) > 1]
    if duplicated:
        problems.append(f"{len(duplicated)} (attempt, question) pairs have several responses")
    missing_attempts = [a for a in started if a not in attempts]
    if missing_attempts:
        problems.append(f"{len(missing_attempts)} started attempts are not in the database")
    wrong_owner = [a for a, email in started.items() if a in attempts and attempts[a][0] != email]
    if wrong_owner:
        problems.append(f"{len(wrong_owner)} attempts belong to someone else")

    seeds = dict(Attempt.objects.filter(pk__in={a for a, _q in saved}).values_list("pk", "seed"))
    missing_answers, different, late = 0, 0, 0
    for (attempt_id, question_id), token in saved.items():
        rows = responses.get((attempt_id, question_id))
        if not rows:
            missing_answers += 1
            continue
        stored = rows[0][1]
        expected = None
        if isinstance(stored, str) and attempt_id in seeds:
            probe = Attempt(pk=attempt_id, seed=seeds[attempt_id])
            expected = answer_token(attempt=probe, question_id=question_id, side="a", key=stored)
        if expected == token:
            continue
        if expected in in_flight[(attempt_id, question_id)]:
            late += 1  # a later answer, sent but not seen accepted: stored once, as sent
        else:
            different += 1
    if missing_answers:
        problems.append(f"{missing_answers} saved answers have no response row")
    if different:
        problems.append(f"{different} stored answers differ from what was sent")

    closed = {"submitted", "expired", "awaiting"}
    not_closed = [a for a in submitted if a not in attempts or attempts[a][1] not in closed]
    if not_closed:
        problems.append(f"{len(not_closed)} submitted attempts are not closed in the database")
    unseen = [a for a, row in attempts.items() if row[1] in closed and a not in submitted]
    # Closed without anybody asking: neither a submission on its way nor the time limit.
    unasked = [a for a in unseen if a not in submitting and attempts[a][1] != "expired"]
    if unasked:
        problems.append(f"{len(unasked)} attempts were closed that nobody submitted")
    return {
        "attempts_started": len(started),
        "attempts_in_database": len(attempts),
        "answers_sent": len(saved),
        "answers_found_once_and_equal": len(saved) - missing_answers - different - late,
        "answers_replaced_by_a_later_one_in_flight": late,
        "submissions_sent": len(submitted),
        "submissions_closed_in_database": len(submitted) - len(not_closed),
        "submissions_in_flight_found_closed": len(unseen) - len(unasked),
        "responses_duplicated": len(duplicated),
        "learners_with_two_attempts": len(learners_twice),
        "problems": problems,
    }


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from assessments.models import QuizPage
    from tests.load.cohort import QUIZ_SLUG

    quiz_id = QuizPage.objects.get(slug=QUIZ_SLUG).pk
    result = check(Path(sys.argv[1]), quiz_id)
    for name, value in result.items():
        if name != "problems":
            sys.stdout.write(f"  {name.replace('_', ' ')}: {value}" + "\n")
    for problem in result["problems"]:
        sys.stdout.write(f"  PROBLEM: {problem}" + "\n")
    if not result["problems"]:
        sys.stdout.write(
            "  Every saved answer and every submission is in the database exactly once." + "\n"
        )
    sys.stdout.write("CHECK " + json.dumps(result) + "\n")
    sys.exit(1 if result["problems"] else 0)


if __name__ == "__main__":
    main()
