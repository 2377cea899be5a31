"""iCalendar text (RFC 5545): line endings, escaping, folding, all-day and timed events."""

import datetime

from courses.ical import Event, calendar_text, escape_text, fold

NOW = datetime.datetime(2030, 1, 2, 9, 30, tzinfo=datetime.UTC)


def _text(*events):
    return calendar_text(events, name="My calendar", domain="academy.example", now=NOW)


def test_every_line_ends_with_crlf_and_no_bare_newline_remains():
    text = _text(Event(uid="a", when=datetime.date(2030, 1, 8), summary="One\nTwo"))
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_the_calendar_has_a_version_a_product_and_its_events():
    text = _text(Event(uid="a", when=datetime.date(2030, 1, 8), summary="Module opens"))
    lines = text.split("\r\n")
    assert lines[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", lines[2]]
    assert lines[2].startswith("PRODID:")
    assert lines[-2] == "END:VCALENDAR"
    assert "BEGIN:VEVENT" in lines and "END:VEVENT" in lines


def test_text_values_escape_backslash_semicolon_comma_and_newline():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_an_event_has_a_uid_on_the_domain_and_a_utc_timestamp():
    text = _text(Event(uid="module-opens-7", when=datetime.date(2030, 1, 8), summary="x"))
    assert "UID:module-opens-7@academy.example\r\n" in text
    assert "DTSTAMP:20300102T093000Z\r\n" in text


def test_a_date_is_an_all_day_event_ending_the_next_day():
    text = _text(Event(uid="a", when=datetime.date(2030, 12, 31), summary="x"))
    assert "DTSTART;VALUE=DATE:20301231\r\n" in text
    assert "DTEND;VALUE=DATE:20310101\r\n" in text


def test_a_time_is_written_in_utc():
    lisbon_summer = datetime.timezone(datetime.timedelta(hours=1))
    when = datetime.datetime(2030, 6, 1, 18, 0, tzinfo=lisbon_summer)
    text = _text(Event(uid="a", when=when, summary="Quiz closes"))
    assert "DTSTART:20300601T170000Z\r\n" in text


def test_a_summary_with_commas_and_semicolons_is_escaped_in_the_file():
    text = _text(Event(uid="a", when=datetime.date(2030, 1, 8), summary="Seize, then image; log"))
    assert "SUMMARY:Seize\\, then image\\; log\r\n" in text


def test_long_lines_are_folded_at_75_octets_and_unfold_to_the_original():
    line = "SUMMARY:" + "Análise forense de telemóveis apreendidos – " * 5
    folded = fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_folding_never_splits_a_multibyte_character():
    line = "DESCRIPTION:" + "é" * 100
    for part in fold(line).split("\r\n"):
        part.encode("utf-8").decode("utf-8")  # would fail on half a character
        assert len(part.encode("utf-8")) <= 75


def test_a_short_line_is_left_alone():
    assert fold("SUMMARY:short") == "SUMMARY:short"


def test_every_line_of_a_calendar_fits_in_75_octets():
    long_title = "Online Diploma on Countering Online Child Sexual Exploitation and Abuse"
    text = _text(
        Event(
            uid="a" * 90,
            when=datetime.date(2030, 1, 8),
            summary=long_title,
            description="é" * 80,
        )
    )
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
