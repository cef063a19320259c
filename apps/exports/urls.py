from django.urls import path

from apps.exports import views

app_name = "exports"

urlpatterns = [
    path(
        "meetings/<int:meeting_pk>/export/<str:document>/<str:fmt>/",
        views.download,
        name="download",
    ),
    path("fonts/missing/", views.glyphs_missing, name="glyphs_missing"),
]
