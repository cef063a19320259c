from django.urls import path

from apps.dashboards import views

app_name = "dashboards"

urlpatterns = [
    # ?scope=subtree: the unit and every unit below it; ?year=N: the meetings of that year.
    path("units/<int:unit_pk>/dashboard/", views.unit_dashboard, name="unit"),
]
