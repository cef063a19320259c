from django.urls import path

from apps.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("dashboards/", views.home, name="home"),
    # ?scope=subtree: the unit and every unit below it; ?year=N: the meetings of that year.
    path("units/<int:unit_pk>/dashboard/", views.unit_dashboard, name="unit"),
    # The lists behind the numbers (same scope and year; ?state=, ?kind=, ?aspect=).
    path("units/<int:unit_pk>/dashboard/materials/", views.material_list, name="materials"),
    path("units/<int:unit_pk>/dashboard/problems/", views.problem_list, name="problems"),
    path("units/<int:unit_pk>/dashboard/units/", views.unit_list, name="units"),
]
