from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("quiz/<int:quiz_id>/start/", views.start, name="start"),
    path("attempt/<int:attempt_id>/", views.attempt, name="attempt"),
    path("attempt/<int:attempt_id>/submit/", views.submit, name="submit"),
    path("attempt/<int:attempt_id>/result/", views.result, name="result"),
    path("grades/", views.grades, name="grades"),
    path("written-file/<int:response_id>/", views.written_file, name="written_file"),
]
