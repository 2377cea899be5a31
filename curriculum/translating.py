"""Translate a loaded programme from its PO files, one language at a time.

``programme_translate`` makes each language through wagtail-localize, as a translator would:
translation record, PO import, publication (``save_target``). An object whose strings are not
all translated is left untranslated and reported, never published half in English. The
English side comes from ``curriculum.loading.programme_load``.
"""

import json
from dataclasses import dataclass, field
from typing import Any

import polib
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.text import slugify
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationLog,
    TranslationSource,
)

from assessments.models import Question, QuestionCategory
from curriculum.build import ContentObject
from curriculum.loading import LoadedProgramme, Report, silent
from curriculum.po import markup_warnings_quiet, po_path, po_translations, readable_path
from lms.services import page_child_count_repair


@dataclass
class TranslationOutcome:
    """What translating a programme into one language did, by content key."""

    language: str
    published: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    incomplete: list[str] = field(default_factory=list)  # strings missing in the PO file
    blocked: list[str] = field(default_factory=list)  # parent page or category untranslated
    failed: dict[str, str] = field(default_factory=dict)  # refused by validation
    po_file: str = "complete"  # or "missing", or "empty" (exported, not started)

    @property
    def translated(self) -> list[str]:
        return self.published + self.unchanged

    def lines(self) -> list[str]:
        name = f"locale/{self.language}.po"
        if self.po_file == "missing":
            return [f"  {self.language}: no {name}; left in English"]
        if self.po_file == "empty":
            return [f"  {self.language}: {name} has no translation yet; left in English"]
        left = len(self.incomplete) + len(self.blocked) + len(self.failed)
        lines = [
            f"  {self.language}: {len(self.translated)} of {len(self.translated) + left} "
            f"translated ({len(self.published)} published now)"
        ]
        if self.incomplete:
            lines.append(f"    incomplete in {name}, left in English: {_some(self.incomplete)}")
        if self.blocked:
            lines.append(f"    waiting for their page or category: {_some(self.blocked)}")
        lines += [f"    refused: {key}: {message}" for key, message in self.failed.items()]
        return lines


def _some(keys: list[str], shown: int = 6) -> str:
    more = f" and {len(keys) - shown} more" if len(keys) > shown else ""
    return ", ".join(keys[:shown]) + more


@transaction.atomic
def programme_translate(
    *, loaded: LoadedProgramme, language_code: str, report: Report = silent
) -> TranslationOutcome:
    """Translate every page and question of a loaded programme from locale/<lang>.po.

    Each object is translated only when the PO file translates all its strings and what it
    depends on (its parent page, its category) is translated; the rest is reported.
    """
    outcome = TranslationOutcome(language_code)
    path = po_path(loaded.programme, language_code)
    translations = po_translations(path) if path.exists() else {}
    if not translations:
        outcome.po_file = "empty" if path.exists() else "missing"
    else:
        _translations_publish(loaded, translations, outcome)
    for line in outcome.lines():
        report(line)
    return outcome


def _translations_publish(loaded: LoadedProgramme, translations: dict, outcome) -> None:
    locale = Locale.objects.get(language_code=outcome.language)
    fresh = _fresh_instances(loaded)
    for obj in loaded.objects:
        instance = fresh[obj.key]
        dependency = _dependency(loaded, obj, fresh)
        if dependency is not None and not _has_translation(dependency, locale):
            outcome.blocked.append(obj.key)
            continue
        try:
            with markup_warnings_quiet():
                status = _object_translate(instance, obj, translations, locale)
        except ValidationError as error:
            outcome.failed[obj.key] = "; ".join(error.messages)
            continue
        if status == "published":
            outcome.published.append(obj.key)
        elif status == "unchanged":
            outcome.unchanged.append(obj.key)
        else:
            outcome.incomplete.append(obj.key)


def _fresh_instances(loaded: LoadedProgramme) -> dict[str, Any]:
    """The objects as stored: translation sources compare with what is in the database."""

    pages = Page.objects.filter(
        pk__in=[i.pk for i in loaded.instances.values() if isinstance(i, Page)]
    ).specific()
    by_pk = {("page", page.pk): page for page in pages}
    for model in (Question, QuestionCategory):
        pks = [i.pk for i in loaded.instances.values() if isinstance(i, model)]
        by_pk |= {(model.__name__, each.pk): each for each in model.objects.filter(pk__in=pks)}
    fresh = {}
    for key, instance in loaded.instances.items():
        kind = "page" if isinstance(instance, Page) else type(instance).__name__
        fresh[key] = by_pk[(kind, instance.pk)]
    return fresh


def _dependency(loaded: LoadedProgramme, obj: ContentObject, fresh: dict):
    if obj.kind == "question":
        return fresh[obj.links["category"]]
    if obj.parent is not None:
        return fresh[obj.parent]
    if obj.kind == "course":
        return fresh["course"].get_parent()
    return None


def _has_translation(instance, locale) -> bool:
    return (
        type(instance)
        .objects.filter(translation_key=instance.translation_key, locale=locale)
        .exists()
    )


def _object_translate(instance, obj: ContentObject, translations: dict, locale) -> str:
    """Translate one object: "published", "unchanged", or "incomplete" (nothing done)."""

    source = _translation_source(instance)
    segments = list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .annotate_translation(locale)
    )
    wanted, missing = {}, 0
    for segment in segments:
        path, english = segment.context.path, segment.string.data
        if path == "slug":
            continue
        text = translations.get((f"{obj.key}:{readable_path(path, obj.labels)}", english))
        if text is None:
            missing += 1
        wanted[(path, english)] = text
    if missing:
        return "incomplete"
    for segment in segments:
        if segment.context.path == "slug":
            title = wanted.get(("title", _segment_text(segments, "title")), "")
            wanted[("slug", segment.string.data)] = slugify(title) or segment.string.data
    changed = any(s.translation != wanted[(s.context.path, s.string.data)] for s in segments)
    target = _translated(instance, locale)
    synced = TranslationLog.objects.filter(
        source=source, locale=locale, created_at__gte=source.last_updated_at
    ).exists()
    current = target is not None and (
        not isinstance(target, Page) or (target.live and not target.has_unpublished_changes)
    )
    if not changed and synced and current:
        return "unchanged"
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    if changed:
        catalog = polib.POFile()
        for (path, english), text in wanted.items():
            catalog.append(polib.POEntry(msgctxt=path, msgid=english, msgstr=text))
        translation.import_po(catalog)
        # wagtail-localize keeps a translation it finds invalid (broken markup, a link that
        # is not in the English) but marks it, and would publish the English instead.
        stored = StringSegment.objects.filter(source=source).annotate_translation(locale)
        if stored.filter(translation__isnull=True).exists():
            return "incomplete"
    # Each save while the translation is made would refresh the reference index; it is
    # refreshed once, below for a snippet, by the publication on commit for a page.
    with disable_reference_index_auto_update():
        translation.save_target(publish=True)
    target = _translated(instance, locale)
    if isinstance(instance, Page):
        transaction.on_commit(lambda: page_child_count_repair(target.pk))
    else:
        ReferenceIndex.create_or_update_for_object(target)
    return "published"


def _translation_source(instance):
    """The object's wagtail-localize source, brought up to date only when its content changed.

    wagtail-localize compares the whole serialised object, in which an ``auto_now`` field
    (a question's ``updated_at``) is always "now"; left to it, every run would look like a
    change and publish every translation again.
    """

    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is not None:
        if isinstance(instance, ClusterableModel):
            current = json.loads(instance.to_json())
        else:
            data = get_serializable_data_for_fields(instance)
            current = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
        volatile = [f.name for f in instance._meta.fields if getattr(f, "auto_now", False)]
        stored = json.loads(source.content_json)
        for name in volatile:
            current.pop(name, None)
            stored.pop(name, None)
        if current == stored:
            return source
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    return source


def _segment_text(segments, path: str) -> str:
    return next((s.string.data for s in segments if s.context.path == path), "")


def _translated(instance, locale):
    model = type(instance)
    return model.objects.filter(translation_key=instance.translation_key, locale=locale).first()
