import pytest
from django.urls import reverse

from apps.entries.models import Cause, Measure, MeasureItem, Problem


def test_drafter_creates_a_meeting_and_lands_on_it(client, drafter, unit, outline):
    client.force_login(drafter)
    response = client.post(
        reverse("meetings:create"),
        {"unit": unit.pk, "outline": outline.pk, "date": "2031-01-05"},
        follow=True,
    )
    meeting = unit.meetings.get()
    assert response.redirect_chain[-1][0] == reverse("meetings:detail", args=[meeting.pk])
    page = response.content.decode()
    assert "测试局党委2030年度民主生活会" in page
    assert "2031年1月5日" in page


def test_create_form_shows_errors_in_chinese(client, drafter):
    client.force_login(drafter)
    response = client.post(reverse("meetings:create"), {"date": "明天"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in page
    assert "输入一个有效的日期" in page


def test_meeting_page_numbers_aspects_and_problems(client, drafter, meeting):
    team = meeting.materials.get()
    first, second = meeting.outline.aspects.all()[:2]
    Problem.objects.create(material=team, aspect=first, position=1, headline="学习不够深入")
    Problem.objects.create(material=team, aspect=first, position=2, headline="调研不够扎实")
    client.force_login(drafter)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "（一）带头学习测试内容方面" in page
    assert "一是学习不够深入" in page and "二是调研不够扎实" in page
    assert "（二）带头落实测试内容方面" in page
    assert "本方面尚未填写问题" in page


def test_meeting_page_query_count_does_not_grow_with_entries(
    client, drafter, meeting, django_assert_max_num_queries
):
    team = meeting.materials.get()
    aspects = list(meeting.outline.aspects.all())

    def add_entries(start: int, count: int) -> None:
        for n in range(start, start + count):
            problem = Problem.objects.create(
                material=team, aspect=aspects[n % 3], position=n, headline=f"问题{n}"
            )
            cause = Cause.objects.create(material=team, position=n, headline=f"原因{n}")
            cause.problems.add(problem)
            measure = Measure.objects.create(material=team, position=n, headline=f"措施{n}")
            MeasureItem.objects.create(measure=measure, position=1, text="细项")

    client.force_login(drafter)
    url = reverse("meetings:detail", args=[meeting.pk])
    add_entries(1, 3)
    # 22: the bell's unread count included; the attendance list reads the serving members too.
    with django_assert_max_num_queries(22) as few:
        client.get(url)
    add_entries(10, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_any_reader_can_leave_a_comment(client, supervisor, meeting):
    client.force_login(supervisor)
    response = client.post(
        reverse("meetings:comment", args=[meeting.pk]), {"body": "问题还不够具体。"}, follow=True
    )
    assert "意见已提交" in response.content.decode()
    assert meeting.comments.get().body == "问题还不够具体。"


def test_an_empty_comment_is_refused_with_a_message(client, supervisor, meeting):
    client.force_login(supervisor)
    response = client.post(reverse("meetings:comment", args=[meeting.pk]), {"body": "  "}, follow=True)
    assert "意见未提交" in response.content.decode()
    assert not meeting.comments.exists()


def test_dashboard_lists_meetings_without_n_plus_one(
    client, drafter, unit, outline, django_assert_max_num_queries
):
    from apps.meetings import services

    client.force_login(drafter)
    services.meeting_create(unit=unit, outline=outline)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("meetings:dashboard"))
    for _ in range(5):
        services.meeting_create(unit=unit, outline=outline)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("meetings:dashboard"))


def test_meeting_page_counts_the_preparation_records(client, drafter, meeting):
    from apps.meetings.models import Opinion, OpinionSolicitation, StudySession

    forum = OpinionSolicitation.objects.create(meeting=meeting, method="forum")
    aspects = list(meeting.outline.aspects.all())
    for n, aspect in enumerate([aspects[0], aspects[0], aspects[1]], start=1):
        Opinion.objects.create(
            meeting=meeting, position=n, text=f"意见{n}", aspect=aspect, solicitation=forum
        )
    StudySession.objects.create(meeting=meeting, date=meeting.date, topic="专题学习")
    client.force_login(drafter)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "学习研讨 1 次" in page
    assert "召开座谈会 1 场，征求到2个方面共3条意见建议，已认领 0 条" in page


def test_meeting_page_without_opinions_says_so_instead_of_counting_zero_aspects(client, drafter, meeting):
    client.force_login(drafter)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "召开座谈会 0 场，尚未录入征求到的意见建议</li>" in page
    assert "0个方面" not in page


def test_dashboard_counts_only_the_team_materials_entries(client, drafter, meeting, unit):
    from apps.entries.models import Material

    aspect = meeting.outline.aspects.first()
    Problem.objects.create(material=meeting.materials.get(), aspect=aspect, position=1, headline="班子问题")
    personal = Material.objects.create(meeting=meeting, member=unit.members.first())
    Problem.objects.create(material=personal, aspect=aspect, position=1, headline="个人问题")
    client.force_login(drafter)
    response = client.get(reverse("meetings:dashboard"))
    assert [m.problem_count for m in response.context["units"][0].meetings.all()] == [1]


def test_an_over_long_comment_is_refused_kept_in_its_field_and_nothing_is_saved(client, supervisor, meeting):
    client.force_login(supervisor)
    typed = "长" * 2400 + "末尾"
    response = client.post(reverse("meetings:comment", args=[meeting.pk]), {"body": typed})
    html = response.content.decode()
    assert response.status_code == 422
    assert "超出 402 字，请精简后保存（最多 2000 字，现有 2402 字）。" in html
    assert f"\n{typed}</textarea>" in html  # the whole text is back in the field, nothing cut
    assert 'data-limit="2000"' in html and "maxlength" not in html  # the browser cuts nothing either
    assert not meeting.comments.exists()


def test_control_characters_pasted_into_a_comment_are_removed(client, supervisor, meeting):
    client.force_login(supervisor)
    client.post(reverse("meetings:comment", args=[meeting.pk]), {"body": "第一句。\u000b第二句\u0007"})
    assert meeting.comments.get().body == "第一句。\n第二句"


def test_meeting_page_leads_to_the_workspace_and_each_members_personal_material(client, member_user, meeting):
    client.force_login(member_user)
    html = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert reverse("workspace:home", args=[meeting.pk]) in html
    mine = meeting.unit.members.get(user=member_user)
    # A member may start only their own personal material; the others are listed in official order.
    assert reverse("workspace:personal", args=[meeting.pk, mine.pk]) in html
    others = meeting.unit.members.exclude(pk=mine.pk)
    assert all(reverse("workspace:personal", args=[meeting.pk, m.pk]) not in html for m in others)
    assert html.index("赵书记") < html.index("钱副书记") < html.index("孙委员")


def test_dashboard_leads_straight_to_each_meetings_workspace(client, drafter, meeting):
    client.force_login(drafter)
    html = client.get(reverse("meetings:dashboard")).content.decode()
    assert reverse("workspace:home", args=[meeting.pk]) in html


# --- 新建会议: the outline choices and the buttons each role sees ------------------------------------


def test_the_create_form_offers_each_outline_with_its_year_newest_first_generic_last(client, drafter):
    client.force_login(drafter)
    page = client.get(reverse("meetings:create")).content.decode()
    labels = [
        "年度民主生活会（党纪学习教育）（2024年）",
        "学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会（2023年）",
        "党史学习教育专题民主生活会（2021年）",
    ]
    positions = [page.index(f">{label}</option>") for label in labels]
    assert positions == sorted(positions)
    assert page.index(">年度民主生活会（通用）</option>") > positions[-1]
    assert ">组织生活会（通用）</option>" in page


def test_a_meeting_created_on_the_2023_outline_is_titled_with_its_theme(client, drafter, unit):
    from apps.outlines.models import OutlineTemplate

    outline = OutlineTemplate.objects.get(year=2023)
    client.force_login(drafter)
    client.post(reverse("meetings:create"), {"unit": unit.pk, "outline": outline.pk})
    assert unit.meetings.get().title == "测试局党委2023年度主题教育专题民主生活会"


WRITE_BUTTONS = ["新建会议", "撰写材料", "进入撰写", "开始撰写", "继续撰写"]


@pytest.mark.parametrize("role", ["drafter", "admin_user"])
def test_drafters_and_admins_see_the_buttons_to_create_and_write(client, meeting, role, request):
    client.force_login(request.getfixturevalue(role))
    dashboard = client.get(reverse("meetings:dashboard")).content.decode()
    assert "新建会议" in dashboard and "撰写材料" in dashboard
    assert reverse("workspace:home", args=[meeting.pk]) in dashboard
    assert "新建会议" in client.get(reverse("meetings:unit", args=[meeting.unit_id])).content.decode()
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "进入撰写" in detail and "开始撰写" in detail


@pytest.mark.parametrize("role", ["secretary", "supervisor"])
def test_readers_see_no_button_that_leads_to_a_page_they_cannot_write(client, meeting, role, request):
    client.force_login(request.getfixturevalue(role))
    pages = [
        reverse("meetings:dashboard"),
        reverse("meetings:unit", args=[meeting.unit_id]),
        reverse("meetings:detail", args=[meeting.pk]),
    ]
    for url in pages:
        page = client.get(url).content.decode()
        assert meeting.title in page, url
        assert not [label for label in WRITE_BUTTONS if label in page], url
        assert reverse("meetings:create") not in page, url
    assert "查看材料" in page  # the meeting page still leads to the materials, to read


def test_a_member_sees_a_button_for_their_own_personal_material_only(client, meeting, member_user):
    mine = meeting.unit.members.get(user=member_user)
    own = reverse("workspace:personal", args=[meeting.pk, mine.pk])
    client.force_login(member_user)
    dashboard = client.get(reverse("meetings:dashboard")).content.decode()
    assert "新建会议" not in dashboard and "撰写材料" not in dashboard
    assert f'href="{reverse("workspace:home", args=[meeting.pk])}"' not in dashboard
    assert f'action="{own}"' in dashboard and "撰写个人材料" in dashboard
    unit_page = client.get(reverse("meetings:unit", args=[meeting.unit_id])).content.decode()
    assert "新建会议" not in unit_page
    detail = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "进入撰写" not in detail and detail.count("开始撰写") == 1 and own in detail

    response = client.post(own)  # the dashboard's button opens (and first creates) the material
    material = meeting.materials.get(member=mine)
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:problems", args=[meeting.pk, material.pk])
    dashboard = client.get(reverse("meetings:dashboard")).content.decode()
    assert f'action="{own}"' in dashboard  # still the way in, now to continue


def test_a_member_of_a_deactivated_unit_gets_no_write_button(client, meeting, member_user, unit):
    unit.is_active = False
    unit.save()
    client.force_login(member_user)
    assert "撰写个人材料" not in client.get(reverse("meetings:dashboard")).content.decode()
