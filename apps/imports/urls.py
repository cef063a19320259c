from django.urls import path

from apps.imports import views

app_name = "imports"

# Under one material: /meetings/<meeting>/work/m/<material>/import/…
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.review_page, name="review"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/result/", views.result, name="result"),
    path("<int:pk>/discard/", views.discard, name="discard"),
]
