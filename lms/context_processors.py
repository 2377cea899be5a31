from django.conf import settings


def site(request):
    """Values every template needs and no view should have to pass."""
    return {"site_name": settings.WAGTAIL_SITE_NAME}
