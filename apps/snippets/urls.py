from apps.snippets.views import library, panel

app_name = "snippets"

urlpatterns = [*library.urlpatterns, *panel.urlpatterns]
