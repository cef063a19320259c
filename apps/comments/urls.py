from django.urls import path

from . import views

app_name = "comments"

# /meetings/<meeting>/work/m/<material>/comments/…
urlpatterns = [
    path("", views.material_list, name="list"),
    path("counts/", views.counts, name="counts"),
    path("thread/", views.thread, name="thread"),
    path("new/", views.create, name="create"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/resolve/", views.resolve, name="resolve"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
]
