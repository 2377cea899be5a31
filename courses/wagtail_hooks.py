"""Admin wiring for the courses app: the out-of-date translations report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from courses.translation_report import OutdatedTranslationsMenuItem, OutdatedTranslationsView


@hooks.register("register_admin_urls")
def translation_report_urls():
    return [
        path(
            "reports/outdated-translations/",
            OutdatedTranslationsView.as_view(),
            name="outdated_translations",
        ),
        path(
            "reports/outdated-translations/results/",
            OutdatedTranslationsView.as_view(results_only=True),
            name="outdated_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    return OutdatedTranslationsMenuItem(
        _("Out-of-date translations"),
        reverse("outdated_translations"),
        name="outdated-translations",
        icon_name="warning",
        order=8900,
    )
