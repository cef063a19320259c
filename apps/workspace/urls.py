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
    path("aspects/<int:aspect_pk>/", problems.aspect_text_save, name="aspect_text"),
    path("causes/", entries.causes_page, name="causes"),
    path("causes/new/", entries.cause_create, name="cause_create"),
    path("causes/reorder/", entries.causes_reorder, name="causes_reorder"),
    path("causes/<int:pk>/", entries.cause_save, name="cause_save"),
    path("causes/<int:pk>/delete/", entries.cause_delete, name="cause_delete"),
    path("measures/", entries.measures_page, name="measures"),
    path("measures/new/", entries.measure_create, name="measure_create"),
    path("measures/reorder/", entries.measures_reorder, name="measures_reorder"),
    path("measures/<int:pk>/", entries.measure_save, name="measure_save"),
    path("measures/<int:pk>/delete/", entries.measure_delete, name="measure_delete"),
    path("measures/<int:pk>/items/new/", entries.measure_item_create, name="measure_item_create"),
    path("measures/<int:pk>/items/reorder/", entries.measure_items_reorder, name="measure_items_reorder"),
    path("measures/<int:measure_pk>/items/<int:pk>/", entries.measure_item_save, name="measure_item_save"),
    path(
        "measures/<int:measure_pk>/items/<int:pk>/delete/",
        entries.measure_item_delete,
        name="measure_item_delete",
    ),
    path("text/", material.material_text_save, name="material_text"),
    path("restore/", material.restore, name="restore"),
    path("preview/", pages.preview, name="preview"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("info/", meeting.info_page, name="info"),
    path("info/save/", meeting.info_save, name="info_save"),
    path("attendance/<int:member_pk>/", meeting.attendance_save, name="attendance_save"),
    path("preparation/", meeting.preparation_page, name="preparation"),
    path("study/new/", meeting.study_create, name="study_create"),
    path("study/<int:pk>/", meeting.study_save, name="study_save"),
    path("study/<int:pk>/delete/", meeting.study_delete, name="study_delete"),
    path("solicitations/new/", meeting.solicitation_create, name="solicitation_create"),
    path("solicitations/<int:pk>/", meeting.solicitation_save, name="solicitation_save"),
    path("solicitations/<int:pk>/delete/", meeting.solicitation_delete, name="solicitation_delete"),
    path("opinions/paste/", meeting.opinions_paste, name="opinions_paste"),
    path("opinions/<int:pk>/", meeting.opinion_save, name="opinion_save"),
    path("opinions/<int:pk>/delete/", meeting.opinion_delete, name="opinion_delete"),
    path("talks/new/", meeting.talk_create, name="talk_create"),
    path("talks/<int:pk>/", meeting.talk_save, name="talk_save"),
    path("talks/<int:pk>/delete/", meeting.talk_delete, name="talk_delete"),
    path("report/", meeting.report_page, name="report"),
    path("report/save/", meeting.report_save, name="report_save"),
    path("members/<int:member_pk>/material/", material.personal_material, name="personal"),
    path("m/<int:material_pk>/", include(material_patterns)),
]
