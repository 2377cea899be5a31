"""The "Out-of-date translations" report in the admin's Reports menu.

Lists every translated page and question whose English source changed after the translation
was last synced or published (the rule is ``courses.translation.is_out_of_date``), with a
link to edit the translation and, for people who may submit translations, one to sync it.
Trainers, lead trainers and coordinators see it; the listing costs the same number of
queries at any size.
"""

import django_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import ListingButton
from wagtail.coreutils import get_content_languages
from wagtail.models import Page
from wagtail_localize.models import Translation

from courses.translation import outdated_translations
from lms.services import user_has_staff_role


def user_may_see_report(user) -> bool:
    """Trainers, lead trainers and coordinators (and superusers): the staff roles.

    Remembered on the user object, which lives for one request: the menu asks on every page.
    """
    if not hasattr(user, "_may_see_translation_report"):
        user._may_see_translation_report = user_has_staff_role(user)
    return user._may_see_translation_report


def _language_choices():
    return list(get_content_languages().items())


class OutdatedTranslationsFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        field_name="target_locale__language_code",
        choices=_language_choices,
        empty_label=_("All languages"),
    )

    class Meta:
        model = Translation
        fields = ["language"]


class TranslationTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The source's title, linking to the translation's editor, with the sync action."""

    def get_buttons(self, instance, parent_context):
        buttons = [ListingButton(_("Edit translation"), url=instance.edit_url, priority=10)]
        if instance.sync_url:
            buttons.append(ListingButton(_("Sync from source"), url=instance.sync_url))
        return buttons


class OutdatedTranslationsView(ReportView):
    page_title = _("Out-of-date translations")
    header_icon = "warning"
    index_url_name = "outdated_translations"
    index_results_url_name = "outdated_translations_results"
    filterset_class = OutdatedTranslationsFilterSet
    paginate_by = 50
    columns = [
        TranslationTitleColumn(
            "source_title", label=_("Source"), get_url=lambda row: row.edit_url
        ),
        Column("kind", label=_("Type")),
        Column("language", label=_("Language")),
        DateColumn("source_changed_at", label=_("Source last changed")),
        DateColumn("translation_changed_at", label=_("Translation last changed")),
        DateColumn("synced_at", label=_("Last synced")),
    ]
    list_export = [
        "source_title",
        "kind",
        "language",
        "source_changed_at",
        "translation_changed_at",
        "synced_at",
        "edit_url",
    ]
    export_headings = {
        "source_title": _("Source"),
        "kind": _("Type"),
        "language": _("Language"),
        "source_changed_at": _("Source last changed"),
        "translation_changed_at": _("Translation last changed"),
        "synced_at": _("Last synced"),
        "edit_url": _("Edit translation"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return "outdated-translations"

    @property
    def no_results_message(self):
        return _("Every translation is up to date with its source.")

    def get_queryset(self):
        return outdated_translations()

    def decorate_paginated_queryset(self, object_list):
        """Labels and admin links for each row, worked out in memory (no query per row)."""
        may_sync = self.request.user.has_perm("wagtail_localize.submit_translation")
        languages = get_content_languages()
        for row in object_list:
            model = row.source.specific_content_type.model_class()
            row.kind = capfirst(model._meta.verbose_name) if model else ""
            row.language = languages.get(
                row.target_locale.language_code, row.target_locale.language_code
            )
            row.synced_at = row.source.last_updated_at
            row.edit_url = _edit_url(model, row.target_id)
            row.sync_url = (
                reverse("wagtail_localize:update_translations", args=[row.source_id])
                if may_sync
                else ""
            )
        return object_list


def _edit_url(model, pk) -> str:
    if model is not None and issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return ""
    return reverse(viewset.get_url_name("edit"), args=[quote(pk)])


class OutdatedTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_see_report(request.user)
