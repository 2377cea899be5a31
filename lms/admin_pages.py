"""The context every project screen in the Wagtail admin needs for Wagtail's own header.

Our admin views are plain functions, not Wagtail's generic class-based views, so they build
the breadcrumbs and title that ``wagtailadmin/generic/base.html`` expects here, in one place.
The templates extend ``lms/admin/page.html``, which adds the visible page heading.
"""

from django.urls import reverse
from django.utils.translation import gettext as _


def admin_header(
    title: str,
    *,
    parents: list[tuple[str, str]] | None = None,
    icon: str = "",
    subtitle: str = "",
) -> dict:
    """Breadcrumbs (the admin home, then ``parents`` as (label, url) pairs, then this page),
    the page title and its icon, as template context."""
    crumbs = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
    crumbs += [{"url": url, "label": label} for label, url in parents or []]
    crumbs.append({"url": "", "label": title})
    return {
        "header_title": title,
        "breadcrumbs_items": crumbs,
        "header_icon": icon,
        "page_subtitle": subtitle,
    }
