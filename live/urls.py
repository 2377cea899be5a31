from django.urls import path

from live import views

app_name = "live"
urlpatterns = [
    path("<int:live_session_id>/register/", views.register, name="register"),
    path("<int:live_session_id>/register-public/", views.register_public, name="register_public"),
    path("<int:live_session_id>/cancel/", views.cancel, name="cancel"),
    path("<int:live_session_id>/join/", views.join, name="join"),
    path("<int:live_session_id>/session.ics", views.calendar, name="calendar"),
    path("access/<str:token>/", views.access, name="access"),
    path(
        "access/<str:token>/certificate.pdf",
        views.access_certificate,
        name="access_certificate",
    ),
]
