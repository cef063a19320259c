"""The 素材库 pages: search, browse, add, edit, delete and bulk-import a unit's snippets."""

urlpatterns: list = []
