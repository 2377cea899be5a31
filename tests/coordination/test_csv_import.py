"""Reading a CSV of people: encodings, separators, and every reason a row is refused."""

import pytest

from coordination import csv_import

HEADER = "email,given_name,family_name,country,agency_type,job_title,preferred_language\n"


def parse(text: str, encoding="utf-8"):
    return csv_import.parse(text.encode(encoding))


def test_a_clean_file_gives_clean_rows():
    rows = parse(HEADER + "Ana@Example.org,Ana,Lima,BR,police,Investigator,pt\n")
    assert [row.is_valid for row in rows] == [True]
    assert rows[0].values == {
        "email": "ana@example.org",
        "given_name": "Ana",
        "family_name": "Lima",
        "country": "BR",
        "agency_type": "police",
        "job_title": "Investigator",
        "preferred_language": "pt",
    }
    assert rows[0].number == 2


def test_byte_order_mark_and_semicolons_as_excel_writes_them_in_french():
    text = HEADER.replace(",", ";") + "zoe@example.org;Zoë;N'Diaye;Sénégal;police;Juge;fr\n"
    rows = csv_import.parse(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert rows[0].is_valid, rows[0].errors
    assert rows[0].values["country"] == "SN"  # country names in any of the four languages
    assert rows[0].values["family_name"] == "N'Diaye"


def test_country_names_and_codes_are_accepted():
    rows = parse(
        HEADER
        + "a@example.org,A,B,Mozambique,police,,pt\n"
        + "b@example.org,A,B,mz,judiciary,,es\n"
    )
    assert [row.values["country"] for row in rows] == ["MZ", "MZ"]


def test_headers_are_matched_loosely():
    rows = parse(
        "E-mail,Given name,Family name,Country,Agency type,Job title,Preferred language\n"
        "a@example.org,A,B,PT,prosecution service,Prosecutor,English\n"
    )
    assert rows[0].is_valid, rows[0].errors
    assert rows[0].values["agency_type"] == "prosecution"
    assert rows[0].values["preferred_language"] == "en"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("not-an-email,A,B,PT,police,,en", "The e-mail address is malformed."),
        ("a@example.org,A,B,Atlantis,police,,en", "Unknown country “Atlantis”."),
        ("a@example.org,A,B,PT,spy agency,,en", "Unknown agency type “spy agency”."),
        ("a@example.org,A,B,PT,police,,klingon", "Unknown language “klingon”"),
        (",A,B,PT,police,,en", "email is empty."),
        ("a@example.org,,B,PT,police,,en", "given_name is empty."),
    ],
)
def test_each_bad_row_says_why(line, reason):
    rows = parse(HEADER + line + "\n")
    assert not rows[0].is_valid
    assert any(error.startswith(reason) for error in rows[0].errors), rows[0].errors


def test_duplicate_rows_point_to_the_first_one():
    rows = parse(
        HEADER + "a@example.org,A,B,PT,police,,en\n" + "\n" + "A@example.org,A,B,PT,police,,en\n"
    )
    assert rows[0].is_valid
    assert rows[1].errors == ["Duplicate of row 2."]
    assert rows[1].number == 4  # blank lines are skipped but still counted


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        ("email;name\né@x.org;y\n".encode("latin-1"), "The file is not in UTF-8."),
        (b"email,given_name\na@example.org,A\n", "Columns missing from the header line"),
        (HEADER.encode(), "The file has a header line but no people."),
        (b"x" * (csv_import.MAX_BYTES + 1), "The file is larger than 2 MB."),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(data, message):
    with pytest.raises(csv_import.CsvError) as error:
        csv_import.parse(data)
    assert str(error.value).startswith(message)


def test_hostile_cells_are_kept_as_text_and_checked():
    rows = parse(HEADER + '"=HYPERLINK(""http://x"")",<script>,B,PT,police,,en\n')
    assert "The e-mail address is malformed." in rows[0].errors
    assert rows[0].values["given_name"] == "<script>"
