"""What the home page shows beyond its own text.

The home page lists the course catalog, which belongs to ``courses``, an app above ``lms``.
So that ``lms`` imports no higher app, courses registers the function that builds the
catalog for a visitor (``CoursesConfig.ready``); without one the page shows its text only.
"""

from collections.abc import Callable

_catalog_for: Callable[..., object] | None = None


def home_catalog_register(catalog_for: Callable[..., object]) -> None:
    """Use ``catalog_for(home=..., user=...)`` for the home page's catalog section."""
    global _catalog_for
    _catalog_for = catalog_for


def home_catalog_for(*, home, user):
    """The catalog section of ``home`` for ``user``, or None when no app provides one."""
    if _catalog_for is None:
        return None
    return _catalog_for(home=home, user=user)
