"""A programme's translation files, content/<slug>/locale/<lang>.po, and what they must hold.

The entries are wagtail-localize's own string segments, extracted from the objects that the
programme's files build (curriculum.build) with wagtail-localize's extractors, so a PO file
holds exactly the strings that the seed later finds in each object's TranslationSource. Slugs
are left out: a translated page's slug is made from its translated title.

``msgctxt`` is ``<object key>:<segment path>``, with the block ids of the path replaced by the
block's place in its file (``lesson:acquisition/tool-levels:body.3.terms.0.definition``), so
the same English in two places can be translated differently and a translator can find it.
"""

import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polib
from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.fields import TranslatableField, get_translatable_fields
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor
from wagtail_localize.strings import extract_strings

from curriculum.build import ContentObject
from curriculum.reader import Programme

UNTRANSLATED_PATHS = {"slug"}
# Inline markup a translation has to keep: wagtail-localize puts the link targets back by id.
MARKUP = re.compile(r"</?[a-z0-9]+(?: id=\"[^\"]*\")?\s*/?>")


@dataclass(frozen=True)
class Entry:
    """One string to translate: where it is (object and segment path) and its English text."""

    obj: str
    path: str  # wagtail-localize's segment path
    context: str  # msgctxt
    msgid: str
    file: str


@contextmanager
def markup_warnings_quiet():
    """Keep BeautifulSoup from warning that a one-word string looks like a file name."""
    from bs4 import MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        yield


def string_segments(model, values: dict) -> list[tuple[str, str]]:
    """(segment path, text) of every string wagtail-localize extracts from a ``model`` object
    with these field ``values``.

    The string part of wagtail_localize.segments.extract.extract_segments, run on plain values
    instead of an instance: no instance, no database (a page looks its content type up when it
    is made, and related objects only give segments that are not strings).
    """
    found = []
    for translatable in get_translatable_fields(model):
        if not isinstance(translatable, TranslatableField):
            continue
        field = translatable.get_field(model)
        if not isinstance(field, models.Field):
            continue  # a child relation: none of the curriculum's models translates one
        value = values.get(field.name, field.get_default())
        if isinstance(field, StreamField):
            extractor = StreamFieldSegmentExtractor(field)
            segments = [
                segment.wrap(field.name)
                for segment in extractor.handle_stream_block(field.to_python(value))
            ]
        elif isinstance(field, RichTextField):
            _template, strings = extract_strings(value or "")
            segments = [StringSegmentValue(field.name, s, attrs=attrs) for s, attrs in strings]
        elif isinstance(field, models.CharField | models.TextField) and not field.choices:
            segments = [] if value is None else [StringSegmentValue(field.name, value)]
        else:
            continue
        found += [
            (segment.path, segment.string.data)
            for segment in segments
            if isinstance(segment, StringSegmentValue) and not segment.is_empty()
        ]
    return found


def readable_path(path: str, labels: dict[str, str | None]) -> str:
    """A segment path with block ids replaced by positions; a wrapper (None) is left out."""
    parts, skip = [], False
    for part in path.split("."):
        if skip:  # the wrapper's own field ("content") goes with it
            skip = False
            continue
        label = labels.get(part, part)
        if label is None:
            skip = True
            continue
        parts.append(label)
    return ".".join(parts)


def object_entries(obj: ContentObject) -> list[Entry]:
    entries, seen = [], set()
    with markup_warnings_quiet():
        segments = string_segments(obj.model, obj.fields)
    for path, text in segments:
        if path in UNTRANSLATED_PATHS:
            continue
        context = f"{obj.key}:{readable_path(path, obj.labels)}"
        if (context, text) not in seen:
            seen.add((context, text))
            entries.append(Entry(obj.key, path, context, text, obj.file))
    return entries


def programme_entries(objects: list[ContentObject]) -> list[Entry]:
    return [entry for obj in objects for entry in object_entries(obj)]


def po_path(programme: Programme, language: str) -> Path:
    return programme.directory / "locale" / f"{language}.po"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    entries: int
    translated: int
    obsolete: int


def po_export(programme: Programme, entries: list[Entry], language: str) -> ExportResult:
    """Write locale/<language>.po with every entry, keeping the translations already made.

    A translation is kept for the same context and English text; failing that, for the same
    English text elsewhere in the same object, then anywhere in the file. Translations that no
    longer match anything stay at the end as obsolete entries, for the translator's reference.
    """
    path = po_path(programme, language)
    previous = polib.pofile(str(path)) if path.exists() else polib.POFile()
    exact, by_object, by_text = {}, {}, {}
    for old in previous:
        if old.obsolete or not old.msgstr:
            continue
        exact[(old.msgctxt, old.msgid)] = old
        by_object.setdefault((_object_of(old.msgctxt), old.msgid), old)
        by_text.setdefault(old.msgid, old)
    catalog = polib.POFile(wrapwidth=99)
    catalog.header = (
        f"Translations of content/{programme.slug}/ into {language}, for wagtail-localize.\n"
        "Made by manage.py content_po export; translate the msgstr lines only."
    )
    catalog.metadata = {
        "Project-Id-Version": f"Cybercrime Academy content: {programme.slug}",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    used, translated = set(), 0
    for entry in entries:
        new = polib.POEntry(
            msgctxt=entry.context, msgid=entry.msgid, msgstr="", occurrences=[(entry.file, "")]
        )
        old = (
            exact.get((entry.context, entry.msgid))
            or by_object.get((entry.obj, entry.msgid))
            or by_text.get(entry.msgid)
        )
        if old is not None:
            new.msgstr = old.msgstr
            new.flags = list(old.flags)
            new.tcomment = old.tcomment
            used.add(id(old))
            translated += 1
        catalog.append(new)
    current = {(entry.context, entry.msgid) for entry in entries}
    obsolete = 0
    for old in previous:
        if old.msgstr and id(old) not in used and (old.msgctxt, old.msgid) not in current:
            old.obsolete = True
            old.occurrences = []
            catalog.append(old)
            obsolete += 1
    path.parent.mkdir(exist_ok=True)
    catalog.save(str(path))
    return ExportResult(path, len(entries), translated, obsolete)


def _object_of(context: str | None) -> str:
    return (context or "").rsplit(":", 1)[0]


def same_markup(english: str, translation: str) -> bool:
    def tags(text):
        return sorted(re.sub(r"\s*/>$", ">", tag) for tag in MARKUP.findall(text))

    return tags(english) == tags(translation)


def po_translations(path: Path) -> dict[tuple[str, str], str]:
    """The usable translations of a PO file: translated, not fuzzy, not obsolete, and with
    the inline markup of the English."""
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.translated() and not entry.obsolete and same_markup(entry.msgid, entry.msgstr)
    }


@dataclass(frozen=True)
class Incomplete:
    """An object whose strings are not all usable in a PO file."""

    obj: str
    missing: int
    fuzzy: int
    markup: int

    def __str__(self) -> str:
        parts = [
            f"{count} {what}"
            for count, what in (
                (self.missing, "untranslated"),
                (self.fuzzy, "fuzzy"),
                (self.markup, "with changed markup"),
            )
            if count
        ]
        return f"{self.obj}: {', '.join(parts)}"


def po_incomplete(path: Path, entries: list[Entry]) -> tuple[list[Incomplete], list[str]]:
    """Objects not completely translated in a PO file, and its stale entries' contexts."""
    catalog = {
        (entry.msgctxt, entry.msgid): entry
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    }
    counts: dict[str, list[int]] = {}
    for entry in entries:
        found = catalog.get((entry.context, entry.msgid))
        problem = None
        if found is None or not found.msgstr:
            problem = 0
        elif found.fuzzy:
            problem = 1
        elif not same_markup(found.msgid, found.msgstr):
            problem = 2
        if problem is not None:
            counts.setdefault(entry.obj, [0, 0, 0])[problem] += 1
    expected = {(entry.context, entry.msgid) for entry in entries}
    stale = [context for (context, msgid) in catalog if (context, msgid) not in expected]
    return [Incomplete(obj, *numbers) for obj, numbers in counts.items()], stale
