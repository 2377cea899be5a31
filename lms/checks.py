"""System checks of the deployment that Django's own ``check --deploy`` does not know about."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """The production cache should be Redis: with the database cache, each rate-limited read
    request (sign-in pages, certificate verification) writes a counter row."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith("DatabaseCache"):
        return [
            Warning(
                "The shared cache is the database (DJANGO_CACHE_URL=db://…): rate limits then "
                "cost database writes on read requests.",
                hint="Set DJANGO_CACHE_URL to a Redis server (redis://host:6379/0); "
                "docs/operations.md explains why.",
                id="lms.W001",
            )
        ]
    return []
