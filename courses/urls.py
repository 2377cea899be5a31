from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("enrol/<int:course_id>/", views.enrol, name="enrol"),
    path("withdraw/<int:course_id>/", views.withdraw, name="withdraw"),
    path("complete/<int:lesson_id>/", views.complete_lesson, name="complete_lesson"),
    path("open-progress/", views.open_progress_merge, name="open_progress_merge"),
]
