from django.urls import include, path

from apps.workspace.views import entries, material, meeting, pages, problems

app_name = "workspace"

# Pages of one material (the team's or a member's): /meetings/<meeting>/work/m/<material>/…
material_patterns = [
    path("problems/", problems.problems_page, name="problems"),
    path("problems/new/", problems.problem_create, name="problem_create"),
    path("problems/reorder/", problems.problems_reorder, name="problems_reorder"),
    path("problems/<int:pk>/", problems.problem_save, name="problem_save"),
    path("problems/<int:pk>/delete/", problems.problem_delete, name="problem_delete"),
    path("causes/", entries.causes_page, name="causes"),
    path("measures/", entries.measures_page, name="measures"),
    path("text/", material.material_text_save, name="material_text"),
    path("restore/", material.restore, name="restore"),
    path("preview/", pages.preview, name="preview"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("info/", meeting.info_page, name="info"),
    path("preparation/", meeting.preparation_page, name="preparation"),
    path("report/", meeting.report_page, name="report"),
    path("members/<int:member_pk>/material/", material.personal_material, name="personal"),
    path("m/<int:material_pk>/", include(material_patterns)),
]
