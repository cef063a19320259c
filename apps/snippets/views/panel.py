"""The 素材库 panel beside the entries in the workspace: search with the aspect in view, insert a
snippet into a field, save an entry to the library."""

urlpatterns: list = []
