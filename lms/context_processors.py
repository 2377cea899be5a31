from django.conf import settings


def site(request):
    """Values every template needs and no view should have to pass."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        # allauth's anti-bot field: hidden with CSS, since the CSP forbids its inline style.
        "honeypot_field": settings.ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD,
        # Named for lms/static/lms/time_zone.js, which writes it.
        "time_zone_cookie": settings.LMS_TIME_ZONE_COOKIE_NAME,
    }
