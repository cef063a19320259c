"""The 预览 step reads like the exported document: numbering and counts come from the data."""

import pytest
from django.urls import reverse

from apps.entries import services
from apps.entries.models import Material


def preview_url(material: Material) -> str:
    return reverse("workspace:preview", args=[material.meeting_id, material.pk])


def test_the_preview_numbers_aspects_and_problems_and_offers_the_exports(client, drafter, team, meeting):
    aspects = list(meeting.outline.aspects.order_by("position"))
    services.problem_add(
        material=team, aspect=aspects[0], headline="学习方面第一个问题", elaboration="表现。"
    )
    services.problem_add(material=team, aspect=aspects[0], headline="学习方面第二个问题")
    services.problem_add(material=team, aspect=aspects[2], headline="廉洁方面的问题")
    client.force_login(drafter)
    html = client.get(preview_url(team)).content.decode()
    assert "一、存在的主要问题" in html
    assert html.index("（一）带头学习测试内容") < html.index("一是学习方面第一个问题")
    assert html.index("二是学习方面第二个问题") < html.index("廉洁方面的问题")
    assert reverse("exports:download", args=[meeting.pk, "team", "docx"]) in html
    assert reverse("exports:download", args=[meeting.pk, "team", "pdf"]) in html


def test_the_preview_of_a_personal_material_is_that_members_document(client, member_user, meeting):
    member = meeting.unit.members.get(user=member_user)
    material = Material.objects.create(meeting=meeting, member=member)
    services.problem_add(material=material, aspect=meeting.outline.aspects.first(), headline="我的问题")
    client.force_login(member_user)
    html = client.get(preview_url(material)).content.decode()
    assert "孙委员" in html and "一是我的问题" in html
    assert reverse("exports:download", args=[meeting.pk, f"member-{member.pk}", "docx"]) in html


@pytest.mark.parametrize("count", [5, 50])
def test_the_preview_runs_the_same_queries_for_5_or_50_problems(
    client, drafter, team, fill_problems, count, django_assert_max_num_queries
):
    fill_problems(team, count)
    client.force_login(drafter)
    with django_assert_max_num_queries(34):  # 32 today: the document and the material settings panel
        response = client.get(preview_url(team))
    assert response.content.decode().count("是测试问题") == count
