from django.urls import path

from coordination import views

app_name = "coordination"
urlpatterns = [path("apply/<int:course_id>/", views.apply, name="apply")]
