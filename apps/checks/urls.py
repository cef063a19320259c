from django.urls import path

from apps.checks import views

app_name = "checks"

urlpatterns = [
    path("meetings/<int:meeting_pk>/work/m/<int:material_pk>/check/", views.step_page, name="step"),
    path("meetings/<int:meeting_pk>/work/m/<int:material_pk>/check/counts/", views.counts, name="counts"),
    path("meetings/<int:meeting_pk>/check/", views.team_step, name="team"),
    path("meetings/<int:meeting_pk>/check/counts/", views.team_counts, name="team_counts"),
]
