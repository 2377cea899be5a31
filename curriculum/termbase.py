"""One termbase per language (content/termbase/<lang>.yaml), and the check that every
programme's translations follow it.

A term has the English forms that call for it (``en``), the agreed translation (``term``) and
every form a translation may use instead (``allowed``: plurals, gender, the other variant's
spelling, the acronym). A PO entry whose English contains one of the English forms must have a
translation that contains one of the allowed forms; both are matched case-insensitively on
whole words. docs/translating.md explains the choices and how to add a term.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

TERMBASE_DIR = "termbase"  # inside content/; not a programme
# Strings that keep their English: code, and the titles of publications in reading lists.
KEPT_AS_WRITTEN = re.compile(r"\.(code|links\.\d+\.title)$")
CODE = re.compile(r"<code>.*?</code>", re.S)
# An accepted short answer written as a regular expression, e.g. "(la )?valeur de hachage".
PATTERN = re.compile(r"\(.*\|.*\)|\(\?:")


@dataclass(frozen=True)
class Term:
    id: str
    en: tuple[str, ...]
    term: str
    allowed: tuple[str, ...]
    source: str

    @property
    def english(self) -> re.Pattern:
        return _words(self.en)

    @property
    def translation(self) -> re.Pattern:
        return _words((self.term, *self.allowed))


@lru_cache(maxsize=1024)
def _words(forms: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Termbase:
    language: str
    terms: tuple[Term, ...]
    problems: tuple[str, ...]  # what is wrong with the file itself


def termbase_path(content_dir: Path, language: str) -> Path:
    return content_dir / TERMBASE_DIR / f"{language}.yaml"


def termbase_read(path: Path) -> Termbase | None:
    """The termbase in ``path``, or None when there is none for that language."""
    if not path.exists():
        return None
    language = path.stem
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return Termbase(language, (), (f"is not valid YAML: {error}",))
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return Termbase(language, (), ("should be a mapping with language and terms",))
    problems = []
    if data.get("language") != language:
        problems.append(f"says language {data.get('language')!r}; the file name says {language}")
    terms, seen = [], set()
    for n, item in enumerate(data["terms"]):
        where = f"terms[{n}]"
        if not isinstance(item, dict) or set(item) - {"id", "en", "term", "allowed", "source"}:
            problems.append(f"{where}: should have id, en, term, allowed and source only")
            continue
        forms = {name: item.get(name) for name in ("en", "allowed")}
        if not all(
            isinstance(v, list) and v and all(isinstance(f, str) and f.strip() for f in v)
            for v in forms.values()
        ):
            problems.append(f"{where}: en and allowed should be lists of texts")
            continue
        if not all(isinstance(item.get(name), str) for name in ("id", "term", "source")):
            problems.append(f"{where}: id, term and source should be texts")
            continue
        if item["id"] in seen:
            problems.append(f"{where}: the id {item['id']!r} is used twice")
            continue
        seen.add(item["id"])
        terms.append(
            Term(
                item["id"], tuple(forms["en"]), item["term"], tuple(forms["allowed"]),
                item["source"],
            )
        )  # fmt: skip
    return Termbase(language, tuple(terms), tuple(problems))


def _plain(text: str) -> str:
    """Text without code, with single spaces (a rich-text string keeps its line breaks)."""
    return " ".join(unicodedata.normalize("NFC", CODE.sub(" ", text)).split())


def departures(termbase: Termbase, entries) -> list[tuple[object, Term]]:
    """(PO entry, term) for each translated entry that does not use a term its English uses."""
    found = []
    for entry in entries:
        if entry.obsolete or not entry.msgstr or KEPT_AS_WRITTEN.search(entry.msgctxt or ""):
            continue
        if entry.msgstr == entry.msgid or PATTERN.search(entry.msgid):
            continue  # kept in English on purpose, or a pattern of accepted answers
        english, translation = _plain(entry.msgid), _plain(entry.msgstr)
        for term in termbase.terms:
            if term.english.search(english) and not term.translation.search(translation):
                found.append((entry, term))
    return found
