from django.urls import path

from apps.review import views

app_name = "review"

urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("meetings/<int:meeting_pk>/work/m/<int:material_pk>/review/", views.record, name="record"),
    path("meetings/<int:meeting_pk>/work/m/<int:material_pk>/review/<slug:action>/", views.act, name="act"),
]
