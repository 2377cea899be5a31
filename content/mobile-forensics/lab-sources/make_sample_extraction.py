"""Build files/CA-2026-0421_sample_extraction.sqlite, the training database of the mobile lab.

Every number, name and message in it is fictional. Each table imitates, in a simplified form,
a real source: an Android SMS table (Unix milliseconds), a messaging app that stores Unix
seconds, the iOS Messages table (Apple Cocoa time in nanoseconds) and the iOS Photos asset
table (Cocoa seconds with a fraction). The values are computed here from readable UTC times,
so the lab's answers can be checked against this file.

Run from the repository root:
    python content/mobile-forensics/lab-sources/make_sample_extraction.py
"""

import sqlite3
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "files" / "CA-2026-0421_sample_extraction.sqlite"
COCOA_OFFSET = 978_307_200  # seconds from 1970-01-01 to 2001-01-01, UTC


def utc(text: str) -> Decimal:
    """Unix seconds (with any fraction) of a 'YYYY-MM-DD hh:mm:ss[.fff]' UTC time."""
    whole, _, fraction = text.partition(".")
    moment = datetime.strptime(whole, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    return Decimal(int(moment.timestamp())) + Decimal(f"0.{fraction or 0}")


def unix_ms(text: str) -> int:
    return int(utc(text) * 1000)


def unix_s(text: str) -> int:
    return int(utc(text))


def cocoa_ns(text: str) -> int:
    return int((utc(text) - COCOA_OFFSET) * 1_000_000_000)


def cocoa_s(text: str) -> float:
    return float(utc(text) - COCOA_OFFSET)


EXHIBITS = [
    ("MK01", "Android handset, full-file-system extraction", "mk1_sms, mk1_chat"),
    ("MK02", "iPhone, full-file-system extraction", "mk2_message, mk2_asset"),
]
MK1_SMS = [  # _id, address, date (Unix ms), type (1 received, 2 sent), body
    (1, "+44 7700 900123", "2026-03-14 20:58:12.604", 1, "Are we still on for tonight?"),
    (2, "+44 7700 900123", "2026-03-14 21:07:45.318", 2, "Yes. Usual place at 10."),
    (3, "+44 7700 900123", "2026-03-15 06:02:09.027", 1, "Call me."),
]
MK1_CHAT = [  # id, peer, sent_at (Unix seconds), outgoing, text
    (1, "harbour.kite (fictional)", "2026-03-14 21:40:03", 1, "Leaving now"),
    (2, "harbour.kite (fictional)", "2026-03-14 22:16:50", 0, "Here. Blue car."),
]
MK2_MESSAGE = [  # ROWID, handle, date (Cocoa ns), is_from_me, text
    (1, "+44 7700 900456", "2026-03-14 20:58:09.781", 1, "Are we still on for tonight?"),
    (2, "+44 7700 900456", "2026-03-14 21:07:47.112", 0, "Yes. Usual place at 10."),
    (3, "+44 7700 900456", "2026-03-15 06:02:05.450", 1, "Call me."),
]
MK2_ASSET = [  # Z_PK, ZFILENAME, ZDATECREATED (Cocoa seconds)
    (41, "IMG_0412.HEIC", "2026-03-14 22:18:31.620"),
    (42, "IMG_0413.HEIC", "2026-03-14 22:18:34.105"),
]


def build(target: Path = TARGET) -> Path:
    target.unlink(missing_ok=True)
    db = sqlite3.connect(target)
    db.executescript(
        """
        CREATE TABLE exhibits (exhibit TEXT PRIMARY KEY, description TEXT, tables TEXT);
        CREATE TABLE mk1_sms (_id INTEGER PRIMARY KEY, address TEXT, date INTEGER,
                              type INTEGER, body TEXT);
        CREATE TABLE mk1_chat (id INTEGER PRIMARY KEY, peer TEXT, sent_at INTEGER,
                               outgoing INTEGER, text TEXT);
        CREATE TABLE mk2_message (ROWID INTEGER PRIMARY KEY, handle TEXT, date INTEGER,
                                  is_from_me INTEGER, text TEXT);
        CREATE TABLE mk2_asset (Z_PK INTEGER PRIMARY KEY, ZFILENAME TEXT, ZDATECREATED REAL);
        """
    )
    db.execute(
        "CREATE TABLE notice (text TEXT)",
    )
    db.execute(
        "INSERT INTO notice VALUES (?)",
        ("CYBERCRIME ACADEMY - TRAINING MATERIAL - FICTIONAL CASE DATA - CA-2026-0421",),
    )
    db.executemany("INSERT INTO exhibits VALUES (?, ?, ?)", EXHIBITS)
    db.executemany(
        "INSERT INTO mk1_sms VALUES (?, ?, ?, ?, ?)",
        [(i, a, unix_ms(t), k, b) for i, a, t, k, b in MK1_SMS],
    )
    db.executemany(
        "INSERT INTO mk1_chat VALUES (?, ?, ?, ?, ?)",
        [(i, p, unix_s(t), o, x) for i, p, t, o, x in MK1_CHAT],
    )
    db.executemany(
        "INSERT INTO mk2_message VALUES (?, ?, ?, ?, ?)",
        [(i, h, cocoa_ns(t), m, x) for i, h, t, m, x in MK2_MESSAGE],
    )
    db.executemany(
        "INSERT INTO mk2_asset VALUES (?, ?, ?)",
        [(i, f, cocoa_s(t)) for i, f, t in MK2_ASSET],
    )
    db.commit()
    db.execute("VACUUM")
    db.close()
    return target


if __name__ == "__main__":
    sys.stdout.write(f"{build()}\n")
