from django.urls import path

from apps.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("units/<int:pk>/", views.unit_detail, name="unit"),
    path("meetings/new/", views.meeting_create, name="create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/comments/", views.comment_create, name="comment"),
]
