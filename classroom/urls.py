from django.urls import path

from classroom import views

app_name = "classroom"

urlpatterns = [
    path("classroom/sign-in/", views.code_sign_in, name="code_sign_in"),
]
