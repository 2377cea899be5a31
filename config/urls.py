from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from certificates.urls import learner_urlpatterns as learner_certificate_urls
from lms import views

urlpatterns = [
    # One login path for everybody: Wagtail's own login form would skip allauth's rate limits
    # and two-factor step, so its URL sends people to allauth's.
    path("admin/login/", views.admin_login_redirect, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]


if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/profile/", views.profile_edit, name="profile"),
    path("learn/notifications/", views.notifications, name="notifications"),
    path(
        "learn/notifications/read-all/",
        views.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "learn/notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
    # /verify/<code>/ redirects to the visitor's language; printed links carry the
    # certificate's language, so a court clerk abroad sees the page as the holder does.
    path("verify/", include("certificates.urls")),
    path("accounts/", include("allauth.urls")),
    path("learn/", include("courses.urls")),
    path("learn/", include("assessments.urls")),
    path("learn/", include((learner_certificate_urls, "certificates_learner"))),
    path("learn/", include("coordination.urls")),
    path("learn/", include("discussions.urls")),
    # Offline classroom (issue 18): code sign-in on a classroom node.
    path("learn/", include("classroom.urls")),
    path("learn/", include("mentoring.urls")),
    path("live/", include("live.urls")),  # live sessions (issue 19)
    path("", include(wagtail_urls)),
)

handler500 = "lms.views.server_error"
