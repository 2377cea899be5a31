"""The hands-on labs of issue 17: every graded answer follows from the file the lab ships.

A lab's quiz states its answers as numbers and texts, while the facts live in a CSV ledger, a
saved HTML page and a SQLite database. These tests recompute each answer from the file, so a
changed file or a mistyped answer fails here rather than in front of a learner.
"""

import csv
import importlib.util
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from curriculum.reader import content_dir, programme_read

COCOA_EPOCH = datetime(2001, 1, 1, tzinfo=UTC)
UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _programme(slug):
    return programme_read(content_dir() / slug)


def _question(programme, key):
    [question] = [q for q in programme.questions if q.key == key]
    return question


def _right_numbers(question):
    return [
        Decimal(str(item.value["value"]))
        for item in question.answers
        if item.block_type == "accepted_number" and item.value["weight"] == 100
    ]


def _right_texts(question):
    return [
        item.value["text"]
        for item in question.answers
        if item.block_type == "accepted_text" and item.value["weight"] == 100
    ]


def _libr(steps):
    """Traced amount left and the stolen funds each payment carries, under LIBR."""
    balance = traced = Decimal(0)
    carried = {}
    for name, amount, stolen in steps:
        balance += amount
        if stolen:
            traced += amount
        elif amount < 0 and balance < traced:
            carried[name] = traced - balance
            traced = balance
    return traced, carried


def test_crypto_lab_answers_follow_from_the_transaction_file():
    programme = _programme("crypto-investigations")
    path = programme.files["CA-2026-0417_collection_wallet_transactions.csv"]
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    rows = sorted(csv.DictReader(lines), key=lambda row: row["time_utc"])
    steps = []
    for row in rows:
        amount = Decimal(row["amount_eth"])
        if row["to"] == "W1":
            steps.append((row["tx"], amount, row["from"] == "V1"))
        elif row["from"] == "W1":
            steps.append((row["tx"], -amount, False))
    traced, carried = _libr(steps)

    assert _right_numbers(_question(programme, "b4-lab-q2")) == [traced] == [Decimal("0.5")]
    assert _right_numbers(_question(programme, "b4-lab-q3")) == [carried["T05"]]
    # The largest part went to B9, which paid everything on to one pool: the trail's end.
    largest = max(carried, key=carried.get)
    [receiver] = {row["to"] for row in rows if row["tx"] == largest}
    [pool] = {row["to"] for row in rows if row["from"] == receiver}
    assert pool in _right_texts(_question(programme, "b4-lab-q4"))
    assert sum(carried.values()) + traced == Decimal("6.0")


def test_crypto_libr_question_matches_its_own_figures():
    programme = _programme("crypto-investigations")
    question = _question(programme, "b4-lab-q1")
    traced, _ = _libr(
        [
            ("own", Decimal("2.0"), False),
            ("theft", Decimal("4.0"), True),
            ("p1", Decimal("-3.5"), False),
            ("in", Decimal("5.0"), False),
            ("p2", Decimal("-5.5"), False),
        ]
    )
    for figure in ("2.0 BTC", "4.0 BTC", "3.5 BTC", "5.0 BTC", "5.5 BTC"):
        assert figure in question.text
    assert _right_numbers(question) == [traced]


def test_darknet_lab_answers_follow_from_the_saved_page():
    programme = _programme("darknet-investigations")
    page = programme.files["CA-2026-0418_captured_vendor_page.html"].read_text()
    stamp = re.search(r"Page generated: (\S+ \S+) ([+-]\d\d:\d\d)", page)
    local = datetime.fromisoformat(f"{stamp[1]}{stamp[2]}")
    in_utc = local.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert in_utc in _right_texts(_question(programme, "c5-lab-q2"))

    saved = datetime(2026, 4, 18, 13, 23, 40, tzinfo=UTC)
    lesson = next(
        lesson
        for module in programme.modules
        for lesson in module.lessons
        if lesson.slug == "lab-documenting-a-captured-page"
    )
    assert "13:23:40 UTC on 18 April 2026" in lesson.body[0].value
    gap = Decimal((saved - local).total_seconds())
    assert _right_numbers(_question(programme, "c5-lab-q3")) == [gap]

    fingerprint = re.search(r"Fingerprint: ([0-9A-F ]+)\(", page)[1].replace(" ", "")
    assert _right_texts(_question(programme, "c5-lab-q4")) == [fingerprint]


def _load_generator():
    path = content_dir() / "mobile-forensics" / "lab-sources" / "make_sample_extraction.py"
    spec = importlib.util.spec_from_file_location("make_sample_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tables(path):
    db = sqlite3.connect(path)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # Table names come from the file's own schema, not from input.
        return {
            name: db.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()  # noqa: S608
            for name in names
        }
    finally:
        db.close()


def test_mobile_lab_database_is_what_its_generator_writes(tmp_path):
    shipped = _programme("mobile-forensics").files["CA-2026-0421_sample_extraction.sqlite"]
    rebuilt = _load_generator().build(tmp_path / "rebuilt.sqlite")
    assert _tables(rebuilt) == _tables(shipped)


@pytest.fixture
def lab_db():
    programme = _programme("mobile-forensics")
    db = sqlite3.connect(programme.files["CA-2026-0421_sample_extraction.sqlite"])
    yield programme, db
    db.close()


def test_mobile_lab_answers_decode_from_the_database(lab_db):
    programme, db = lab_db
    [(sms_ms,)] = db.execute("SELECT date FROM mk1_sms WHERE _id = 2")
    sms = UNIX_EPOCH + timedelta(milliseconds=sms_ms)
    assert sms.strftime("%Y-%m-%d %H:%M:%S") in _right_texts(_question(programme, "m4-lab-q2"))

    [(message_ns,)] = db.execute("SELECT date FROM mk2_message WHERE ROWID = 3")
    unix_seconds = message_ns // 1_000_000_000 + 978_307_200
    assert _right_numbers(_question(programme, "m4-lab-q3")) == [Decimal(unix_seconds)]

    [(photo_s,)] = db.execute(
        "SELECT ZDATECREATED FROM mk2_asset WHERE ZFILENAME = 'IMG_0412.HEIC'"
    )
    photo = COCOA_EPOCH + timedelta(seconds=photo_s)
    assert photo.strftime("%Y-%m-%d %H:%M:%S") in _right_texts(_question(programme, "m4-lab-q4"))

    [(chat_s,)] = db.execute("SELECT sent_at FROM mk1_chat WHERE text = 'Here. Blue car.'")
    gap = (photo - (UNIX_EPOCH + timedelta(seconds=chat_s))).total_seconds()
    [answer] = _right_numbers(_question(programme, "m4-lab-q5"))
    [tolerance] = [
        Decimal(str(a.value["tolerance"]))
        for a in _question(programme, "m4-lab-q5").answers
        if a.value["weight"] == 100
    ]
    assert abs(Decimal(str(gap)) - answer) <= tolerance
    assert answer - tolerance <= int(gap) <= answer + tolerance
