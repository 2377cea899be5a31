from django.urls import path

from mentoring import views

app_name = "mentoring"
urlpatterns = [
    path("mentoring/questions/", views.questions, name="questions"),
    path("mentoring/pages/<int:page_id>/ask/", views.ask_from_page, name="ask_page"),
    path("mentoring/attempts/<int:attempt_id>/ask/", views.ask_from_attempt, name="ask_attempt"),
]
