from django.urls import path

from apps.security import views

app_name = "security"

urlpatterns = [
    path("two-factor/", views.otp_verify, name="otp_verify"),
    path("two-factor/setup/", views.otp_setup, name="otp_setup"),
    path("two-factor/remove/", views.otp_remove, name="otp_remove"),
]
