from django.urls import path

from apps.bundles import views

app_name = "bundles"

urlpatterns = [
    path("meetings/<int:meeting_pk>/bundle/", views.request_bundle, name="request"),
    path("bundles/<int:pk>/", views.detail, name="detail"),
    path("bundles/<int:pk>/status/", views.status, name="status"),
    path("bundles/<int:pk>/download/", views.download, name="download"),
]
