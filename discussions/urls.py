from django.urls import path

from discussions import views

app_name = "discussions"
urlpatterns = [
    path("discussions/<int:discussion_id>/reply/", views.reply, name="reply"),
]
