from django.urls import path

from certificates import views

app_name = "certificates"
urlpatterns = [
    path("", views.verify_form, name="verify_form"),
    path("status/revocation/", views.status_list, name="status_list"),
    path("issuer/", views.issuer, name="issuer"),
    path("<str:code>/", views.verify, name="verify"),
    path("<str:code>.json", views.verify_json, name="verify_json"),
    path("<str:code>/credential.json", views.credential, name="credential"),
]

learner_urlpatterns = [
    path("certificates/<str:code>/correct/", views.correct, name="certificate_correct"),
    path("certificates/<str:code>.pdf", views.download, name="certificate_pdf"),
]
