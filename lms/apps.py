from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", **kwargs) -> None:
    """Give the role groups their permissions after every migrate (and test flush).

    Permissions declared in models' Meta are created by post_migrate handlers of apps that
    may run after this one, so they are created here first; both steps are idempotent.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    from lms.services import roles_sync

    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    roles_sync()


def _sync_site_address(sender, using="default", **kwargs) -> None:
    """Keep the default Wagtail site at the public address (see site_address_sync)."""
    from lms.services import site_address_sync

    site_address_sync()


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Cybercrime Academy")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move
        from wagtail_localize.models import Translation, TranslationSource

        from lms import checks, page_cache, signals  # noqa: F401
        from lms.spreadsheets import wagtail_exports_make_formula_safe

        # Any change to what the site shows drops every kept public page.
        for name, signal in (
            ("published", page_published),
            ("unpublished", page_unpublished),
            ("moved", post_page_move),
        ):
            signal.connect(page_cache.invalidate, dispatch_uid=f"lms_page_cache_{name}")
        post_delete.connect(page_cache.invalidate, sender=Page, dispatch_uid="lms_page_cache_del")
        # The site of a host is kept with the pages (lms.page_cache); a changed site drops it.
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(page_cache.invalidate, sender=Site, dispatch_uid=f"lms_site_{name}")
        # Kept routes remember that a page had no view restriction, and translated pages keep
        # their "may be out of date" note (courses.translation) with the pages: a changed
        # restriction, a synced source or a saved translation drops them too.
        for model in (PageViewRestriction, TranslationSource, Translation):
            for name, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(
                    page_cache.invalidate,
                    sender=model,
                    dispatch_uid=f"lms_page_cache_{model.__name__}_{name}",
                )
        post_migrate.connect(_sync_roles, sender=self)
        post_migrate.connect(_sync_site_address, sender=self)
        wagtail_exports_make_formula_safe()
