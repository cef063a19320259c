from django.urls import path

from apps.history import views

app_name = "history"

# Under a workspace material: /meetings/<meeting>/work/m/<material>/versions/…
urlpatterns = [
    path("", views.versions, name="versions"),
    path("compare/", views.compare, name="compare"),
    path("<int:snapshot_pk>/restore/", views.restore_material, name="restore_material"),
    path("<int:snapshot_pk>/restore/<str:kind>/<int:pk>/", views.restore_entry, name="restore_entry"),
]
