"""Map pages between languages. Learning records always use the default-language page."""

from wagtail.models import Locale, Page


def source_page(page):
    """The default-language version of ``page`` (itself when it already is), as its own class."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page.specific if type(page) is Page else page
    return type(page.specific).objects.get(translation_key=page.translation_key, locale=default)
