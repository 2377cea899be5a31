"""Read and check a CSV of people for a cohort. Pure: no database, no writes.

The file may come from any spreadsheet: UTF-8 with or without a byte-order mark, separated by
commas, semicolons (what Excel writes in French, Portuguese and Spanish locales) or tabs.
Headers are matched loosely ("E-mail", "email", "Given name", "given_name"...). Each row gets
a list of problems, in the interface language, so the coordinator sees every reason at once.
"""

import csv
import functools
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from lms.forms import PROFILE_FIELDS
from lms.models import Profile

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 50  # each row is spread over every column of the header line
# The profile as a coordinator knows it: everything but gender, which people give themselves.
COLUMNS = ["email", *(name for name in PROFILE_FIELDS if name != "gender")]
REQUIRED = {"email", "given_name", "family_name"}
HEADER_ALIASES = {
    "e-mail": "email",
    "e_mail": "email",
    "mail": "email",
    "email_address": "email",
    "first_name": "given_name",
    "firstname": "given_name",
    "last_name": "family_name",
    "lastname": "family_name",
    "surname": "family_name",
    "agency": "agency_type",
    "job": "job_title",
    "language": "preferred_language",
    "lang": "preferred_language",
}


class CsvError(ValueError):
    """The file as a whole cannot be read (encoding, size, missing columns)."""


@dataclass
class Row:
    number: int  # the line in the file, counting the header as line 1
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def as_json(self) -> dict:
        return {"number": self.number, "values": self.values, "errors": self.errors}


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise CsvError(_("The file is larger than 2 MB."))
    if not data.strip():
        raise CsvError(_("The file is empty."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvError(
            _("The file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8”.")
        ) from None


def _delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=counts.get)


def _column(header: str) -> str:
    name = header.strip().lower().replace(" ", "_").replace("-", "_")
    name = {"e_mail": "email"}.get(name, name)
    return HEADER_ALIASES.get(name, HEADER_ALIASES.get(header.strip().lower(), name))


@functools.cache
def _country_names() -> dict[str, str]:
    """Every country's name in each interface language, lower-cased, to its code.

    Built once per process: django-countries' ``by_name`` walks all 249 countries through
    gettext on every call, which made an unknown country cost 30 ms a row (two and a half
    minutes for a file of 5,000).
    """
    names: dict[str, str] = {}
    for language, _label in settings.LANGUAGES:  # the name as a spreadsheet in any of them has it
        with translation.override(language):
            for code, name in countries:
                names.setdefault(str(name).lower(), code)
    for code, official_names in countries.shadowed_names.items():  # "Russian Federation"
        for name in official_names:
            names.setdefault(name.lower(), code)
    return names


def _country(value: str) -> str | None:
    value = value.strip()
    if not value:
        return ""
    # Codes are ASCII; django-countries reads any digit as a numeric code, and int("¹") fails.
    code = countries.alpha2(value) if value.isascii() else ""
    return code or _country_names().get(value.lower())


def _choice(value: str, choices) -> str | None:
    wanted = value.strip().lower()
    for code, label in choices:
        if wanted in (str(code).lower(), str(label).lower()):
            return code
    return None


def parse(data: bytes) -> list[Row]:
    """Every data row of the file, each with its cleaned values and its problems."""
    text = _decode(data)
    first_line = text.splitlines()[0] if text.splitlines() else ""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise CsvError(_("The file has no header line.")) from None
    if len(header) > MAX_COLUMNS:
        raise CsvError(
            _("The header line has more than %(count)s columns.") % {"count": MAX_COLUMNS}
        )
    names = [_column(cell) for cell in header]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        raise CsvError(
            _("Columns missing from the header line: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows: list[Row] = []
    seen: dict[str, int] = {}
    agency_choices = Profile.AgencyType.choices
    language_choices = list(settings.LANGUAGES)
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise CsvError(_("The file has more than 5,000 people; split it."))
            raw = {
                name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(names)
            }
            values = {column: raw.get(column, "") for column in COLUMNS}
            row = Row(number=number, values=values)
            for column in REQUIRED:
                if not values[column]:
                    row.errors.append(_("%(column)s is empty.") % {"column": column})
            email = values["email"].lower()
            values["email"] = email
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    row.errors.append(_("The e-mail address is malformed."))
                else:
                    if email in seen:
                        row.errors.append(
                            _("Duplicate of row %(number)s.") % {"number": seen[email]}
                        )
                    else:
                        seen[email] = number
            country = _country(values["country"])
            if country is None:
                row.errors.append(_("Unknown country “%(value)s”.") % {"value": values["country"]})
            else:
                values["country"] = country
            if values["agency_type"]:
                agency = _choice(values["agency_type"], agency_choices)
                if agency is None:
                    row.errors.append(
                        _("Unknown agency type “%(value)s”.") % {"value": values["agency_type"]}
                    )
                else:
                    values["agency_type"] = agency
            language = _choice(values["preferred_language"] or "en", language_choices)
            if language is None:
                row.errors.append(
                    _("Unknown language “%(value)s” (use en, fr, pt or es).")
                    % {"value": values["preferred_language"]}
                )
            else:
                values["preferred_language"] = language
            for column in ("given_name", "family_name", "job_title"):
                if len(values[column]) > 150:
                    row.errors.append(_("%(column)s is too long.") % {"column": column})
            rows.append(row)
    except csv.Error as error:
        raise CsvError(
            _("The file is not a valid CSV file (%(error)s).") % {"error": error}
        ) from None
    if not rows:
        raise CsvError(_("The file has a header line but no people."))
    return rows
