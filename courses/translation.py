"""Map pages between languages, and tell when a translation has fallen behind its source.

Learning records always use the default-language page (``source_page``).

A translation is *out of date* when its source (the English page or question) changed after
the translation was last brought in line with it. wagtail-localize records when it last read
the source for translation (``TranslationSource.last_updated_at``, set when a translation is
submitted or synced); the translated object records when it was last published or saved. So
a translation is out of date when the source changed after either of those: the change was
never synced, or it was synced but the translation has not been published since. Re-publishing
a source without editing it counts as a change; syncing clears it.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    BigIntegerField,
    CharField,
    DateTimeField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from lms import page_cache

# Translatable models whose source changes are tracked, with the field that says when an
# object last changed in a way learners see.
CHANGE_FIELDS = (
    ("wagtailcore", "Page", "last_published_at"),
    ("assessments", "Question", "updated_at"),
)


def source_page(page):
    """The default-language version of ``page`` (itself when it already is), as its own class."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page.specific if type(page) is Page else page
    return type(page.specific).objects.get(translation_key=page.translation_key, locale=default)


def is_out_of_date(
    *,
    source_changed_at: datetime.datetime | None,
    synced_at: datetime.datetime | None,
    translated_at: datetime.datetime | None,
) -> bool:
    """The rule: the source changed after the last sync, or after the translation's last save."""
    if source_changed_at is None or synced_at is None:
        return False
    if source_changed_at > synced_at:
        return True
    return translated_at is not None and source_changed_at > translated_at


@dataclass(frozen=True)
class OutdatedTranslation:
    """A translated page behind its source: what the page's note says and links to."""

    source: Page
    source_changed_at: datetime.datetime
    synced_at: datetime.datetime


def _is_default_language_request() -> bool:
    try:
        active = get_supported_content_language_variant(get_language())
    except LookupError:
        return False
    return active == get_supported_content_language_variant(settings.LANGUAGE_CODE)


def outdated_translation_for(page: Page) -> OutdatedTranslation | None:
    """The note for a translated page whose source changed since: one query, none in English.

    Wagtail serves a language's pages under that language's prefix, so while the default
    language is active the page is a source page and there is nothing to look up.

    The answer changes only when a page is published (the source, or the translation) or a
    translation is synced, and every translated page shows it to every reader: it is kept
    under the page cache's generation (``lms.page_cache``), which publishing moves on and
    which saving a wagtail-localize source or translation moves on too (lms/apps.py).
    """
    if _is_default_language_request():
        return None
    if settings.LMS_PAGE_CACHE_SECONDS <= 0:
        return _outdated_translation_read(page)
    key = f"translationnote:{page_cache.generation()}:{page.pk}"
    found = cache.get(key)
    if found is None:
        found = _outdated_translation_read(page) or "current"
        cache.set(key, found, settings.LMS_PAGE_CACHE_SECONDS)
    return None if found == "current" else found


def _outdated_translation_read(page: Page) -> OutdatedTranslation | None:
    from wagtail_localize.models import Translation

    synced = Translation.objects.filter(
        source__object_id=page.translation_key,
        source__locale_id=OuterRef("locale_id"),
        target_locale_id=page.locale_id,
        enabled=True,
    ).values("source__last_updated_at")[:1]
    source = (
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .annotate(synced_at=Subquery(synced))
        .filter(synced_at__isnull=False)
        .first()
    )
    if source is None or not is_out_of_date(
        source_changed_at=source.last_published_at,
        synced_at=source.synced_at,
        translated_at=page.last_published_at,
    ):
        return None
    return OutdatedTranslation(
        source=source, source_changed_at=source.last_published_at, synced_at=source.synced_at
    )


def _tracked(locale_ref: str, output_field, field_for: str | None = None):
    """One value of the source or translated object behind each Translation row.

    A translation key belongs to one object per locale whatever its model, so at most one of
    the tracked models answers and Coalesce picks it.
    """
    subqueries = []
    for app_label, model_name, changed_field in CHANGE_FIELDS:
        model = apps.get_model(app_label, model_name)
        rows = model._default_manager.filter(
            translation_key=OuterRef("source__object_id"), locale_id=OuterRef(locale_ref)
        )
        subqueries.append(Subquery(rows.values(field_for or changed_field)[:1]))
    if len(subqueries) == 1:
        return subqueries[0]
    return Coalesce(*subqueries, output_field=output_field)


def outdated_translations() -> QuerySet:
    """Every synced translation whose source changed since, newest change first: one query.

    Each row is a wagtail-localize ``Translation`` annotated with ``source_title``,
    ``source_changed_at``, ``translation_changed_at`` and ``target_id`` (the translated
    object's primary key); ``source.last_updated_at`` is when it was last synced.
    """
    from wagtail_localize.models import Translation

    return (
        Translation.objects.filter(enabled=True)
        .select_related("source", "source__specific_content_type", "target_locale")
        .annotate(
            source_title=_tracked("source__locale_id", CharField(), "title"),
            source_changed_at=_tracked("source__locale_id", DateTimeField()),
            translation_changed_at=_tracked("target_locale_id", DateTimeField()),
            target_id=_tracked("target_locale_id", BigIntegerField(), "pk"),
        )
        .filter(target_id__isnull=False)
        .filter(
            Q(source_changed_at__gt=F("source__last_updated_at"))
            | Q(source_changed_at__gt=F("translation_changed_at"))
        )
        .order_by("-source_changed_at", "pk")
    )
