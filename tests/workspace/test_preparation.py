"""The 会前准备 step: study sessions, solicitations, opinions (pasted in bulk), talks, their counts in
the report's wording, access and queries."""

import datetime
import re

import pytest

from apps.entries import services as entry_services
from apps.meetings import services
from apps.meetings.models import Opinion, OpinionSolicitation, StudySession, Talk
from tests.workspace.conftest import meeting_url as url
from tests.workspace.conftest import post_json


def paste(client, meeting, text: str, **extra):
    return post_json(client, url("opinions_paste", meeting), {"text": text, **extra})


def texts(meeting) -> list[str]:
    return list(meeting.opinions.order_by("position").values_list("text", flat=True))


# --- The page and its counts ------------------------------------------------------------------------


def test_the_page_shows_every_part_with_the_counts_in_the_reports_words(editor, meeting, aspects, members):
    services.study_session_add(meeting=meeting, date=datetime.date(2030, 12, 20), topic="第二次学习")
    services.study_session_add(meeting=meeting, date=datetime.date(2030, 12, 1), topic="第一次学习")
    services.solicitation_add(meeting=meeting, method="forum", date=datetime.date(2030, 12, 10))
    services.opinions_paste(meeting=meeting, text="意见一\n意见二", aspect=aspects[0])
    services.opinions_paste(meeting=meeting, text="意见三", aspect=aspects[2])
    services.opinions_paste(meeting=meeting, text="意见四")
    services.talk_add(meeting=meeting, initiator_id=members[0].pk, counterpart_id=members[1].pk)
    services.talk_add(meeting=meeting, initiator_id=members[0].pk, counterpart_name="办公室主任王某")
    response = editor.get(url("preparation", meeting))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("第一次学习") < html.index("第二次学习")  # by date
    assert "会前组织集中学习研讨2次" in html
    counts = re.sub(r"<[^>]+>", "", html)
    assert "征求意见1次（其中座谈会1场），征求到2个方面共4条意见建议" in counts
    assert html.count("4条意见建议") == 2  # once in the report's numbers, once over the opinions
    assert "共征求到" not in html and "意见建议4条" not in html  # said once, not repeated
    assert "1条尚未归入方面" in html and "已被问题认领0条" in html
    assert "班子成员之间开展谈心谈话1人次" in html
    assert "班子成员与其他干部职工谈心谈话1人次" in html
    assert "座谈会（2030年12月10日）" in html  # the source offered when pasting
    assert "（一）学习" in html  # aspects offered as in the outline


def test_an_opinion_claimed_by_a_problem_says_so(editor, meeting, team, aspects):
    [opinion] = services.opinions_paste(meeting=meeting, text="学习不够深入", aspect=aspects[0])
    entry_services.problem_add(
        material=team, aspect=aspects[0], headline="理论学习不够系统", claimed_opinion_ids=[opinion.pk]
    )
    html = editor.get(url("preparation", meeting)).content.decode()
    assert "已被班子问题“理论学习不够系统”认领" in html
    assert "已全部被问题认领" in html


# --- 批量粘贴 -------------------------------------------------------------------------------------------


def test_pasting_creates_one_opinion_per_line_without_typed_numbers_or_blank_lines(editor, meeting):
    services.opinions_paste(meeting=meeting, text="已有意见")
    pasted = (
        "\n1. 理论学习不够系统\n\n（二）调查研究不够深入\r\n"
        "三是联系群众不够紧密\n   \n4、整改\x07落实有差距\n"
    )
    status, data = paste(editor, meeting, pasted)
    assert status == 200, data
    assert data["created"] == 4
    assert texts(meeting) == [
        "已有意见",
        "理论学习不够系统",
        "调查研究不够深入",
        "联系群众不够紧密",
        "整改落实有差距",
    ]
    assert list(meeting.opinions.order_by("position").values_list("position", flat=True)) == [1, 2, 3, 4, 5]
    assert data["summary"]["opinions"] == "共征求到5条意见建议"  # none sorted into an aspect yet
    assert data["summary"]["opinions_unsorted"] == "5条尚未归入方面"


def test_the_source_aspect_and_target_apply_to_every_pasted_line(editor, meeting, aspects, members):
    source = services.solicitation_add(meeting=meeting, method="form")
    status, data = paste(
        editor,
        meeting,
        "甲\n乙",
        solicitation=source.pk,
        aspect=aspects[1].pk,
        target_member=members[2].pk,
    )
    assert status == 200, data
    rows = list(meeting.opinions.values_list("solicitation", "aspect", "target_member"))
    assert rows == [(source.pk, aspects[1].pk, members[2].pk)] * 2
    assert data["summary"]["opinions"] == "征求到1个方面共2条意见建议"


def test_a_line_over_the_limit_is_named_and_nothing_is_created(editor, meeting):
    pasted = "第一条\n" + "长" * 1001 + "\n第三条\n\n" + "超" * 1200
    status, data = paste(editor, meeting, pasted)
    assert status == 422
    assert data["errors"]["text"] == [
        "第2行（1001字）、第5行（1200字）超过每条1000字的上限，请拆分或删减后再添加。本次没有添加任何意见建议。"
    ]
    assert not Opinion.objects.exists()


def test_a_paste_of_blank_lines_only_is_refused(editor, meeting):
    status, data = paste(editor, meeting, "\n  \n1.\n")
    assert status == 422
    assert data["errors"]["text"] == ["请粘贴意见建议，每行一条。"]


def test_pasting_from_the_plain_form_redirects_or_shows_the_page_again_with_the_text_kept(editor, meeting):
    response = editor.post(url("opinions_paste", meeting), {"text": "一是意见甲\n二是意见乙"})
    assert response.status_code == 302
    assert response["Location"] == url("preparation", meeting) + "#opinions"
    assert "已添加2条意见建议。" in editor.get(response["Location"]).content.decode()

    response = editor.post(url("opinions_paste", meeting), {"text": "好的一条\n" + "长" * 1001})
    html = response.content.decode()
    assert response.status_code == 422
    assert "第2行（1001字）" in html and "好的一条" in html
    assert meeting.opinions.count() == 2


def test_a_paste_aimed_at_another_units_member_or_meeting_is_refused(
    editor, meeting, other_meeting, other_unit
):
    status, data = paste(editor, meeting, "意见", target_member=other_unit.members.get().pk)
    assert status == 422 and "target_member" in data["errors"]
    foreign = OpinionSolicitation.objects.create(meeting=other_meeting, method="box")
    status, data = paste(editor, meeting, "意见", solicitation=foreign.pk)
    assert status == 422 and "solicitation" in data["errors"]
    assert not Opinion.objects.exists()


# --- One opinion -------------------------------------------------------------------------------------


def test_an_opinion_is_sorted_into_an_aspect_and_addressed_to_a_member(editor, meeting, aspects, members):
    [opinion] = services.opinions_paste(meeting=meeting, text="意见")
    status, data = post_json(
        editor,
        url("opinion_save", meeting, opinion.pk),
        {"revision": 1, "text": "改过的意见", "aspect": aspects[0].pk, "target_member": members[1].pk},
    )
    assert status == 200, data
    opinion.refresh_from_db()
    assert (opinion.text, opinion.aspect, opinion.target_member, opinion.revision) == (
        "改过的意见",
        aspects[0],
        members[1],
        2,
    )
    assert data["summary"]["opinions"] == "征求到1个方面共1条意见建议"
    assert data["summary"]["opinions_unsorted"] == "已全部归入方面"


def test_an_opinion_save_checks_text_choices_and_revision(editor, meeting, other_unit):
    [opinion] = services.opinions_paste(meeting=meeting, text="意见")
    save = url("opinion_save", meeting, opinion.pk)
    status, data = post_json(editor, save, {"revision": 1, "text": " "})
    assert status == 422 and data["errors"] == {"text": ["请填写意见建议。"]}
    status, data = post_json(
        editor, save, {"revision": 1, "text": "意见", "target_member": other_unit.members.get().pk}
    )
    assert status == 422 and data["errors"] == {"target_member": ["只能选择本单位的班子成员。"]}
    assert post_json(editor, save, {"revision": 1, "text": "甲的版本"})[0] == 200
    status, data = post_json(editor, save, {"revision": 1, "text": "乙的版本"})
    assert status == 409
    assert data["conflict"]["fields"]["text"]["theirs"] == "甲的版本"


def test_deleting_an_opinion(editor, meeting):
    first, second = services.opinions_paste(meeting=meeting, text="甲\n乙")
    status, data = post_json(editor, url("opinion_delete", meeting, first.pk))
    assert status == 200
    assert data["message"] == "已删除意见建议“甲”。" and "undo" not in data
    assert texts(meeting) == ["乙"]
    assert data["summary"]["opinions"] == "共征求到1条意见建议"
    # positions continue after the last one, never reusing a gap's neighbour
    services.opinions_paste(meeting=meeting, text="丙")
    assert list(meeting.opinions.values_list("position", flat=True)) == [2, 3]


# --- 学习研讨, 征求方式, 谈心谈话 -------------------------------------------------------------------------


def test_a_study_session_is_created_by_its_first_save_then_saved_and_deleted(editor, meeting):
    status, data = post_json(editor, url("study_create", meeting), {"revision": 1, "topic": "学习党章"})
    assert status == 422 and data["errors"] == {"date": ["请填写日期。"]}
    status, data = post_json(
        editor, url("study_create", meeting), {"revision": 1, "topic": "学习党章", "date": "2030-12-01"}
    )
    assert status == 200, data
    session = StudySession.objects.get(pk=data["id"])
    assert data["urls"]["save"] == url("study_save", meeting, session.pk)
    assert data["summary"]["study"] == "会前组织集中学习研讨1次"
    save = {"revision": 1, "topic": "学习党章党规", "date": "2030-12-01", "content": "交流发言"}
    assert post_json(editor, url("study_save", meeting, session.pk), save)[0] == 200
    status, data = post_json(editor, url("study_save", meeting, session.pk), {**save, "topic": "旧页面"})
    assert status == 409
    status, data = post_json(editor, url("study_delete", meeting, session.pk))
    assert status == 200 and data["summary"]["study"] == "会前组织集中学习研讨0次"
    assert not StudySession.objects.exists()


def test_a_solicitation_deleted_leaves_its_opinions(editor, meeting):
    status, data = post_json(
        editor, url("solicitation_create", meeting), {"revision": 1, "date": "2030-12-02"}
    )
    assert status == 422 and data["errors"] == {"method": ["请选择方式。"]}
    status, data = post_json(
        editor,
        url("solicitation_create", meeting),
        {"revision": 1, "method": "forum", "participants": "基层党员"},
    )
    assert status == 200, data
    source = OpinionSolicitation.objects.get(pk=data["id"])
    assert data["summary"]["solicitations"] == "征求意见1次（其中座谈会1场）"
    services.opinions_paste(meeting=meeting, text="甲\n乙", solicitation=source)
    status, data = post_json(
        editor,
        url("solicitation_save", meeting, source.pk),
        {"revision": 1, "method": "form", "participants": ""},
    )
    assert status == 200
    status, data = post_json(editor, url("solicitation_delete", meeting, source.pk))
    assert status == 200
    assert data["message"] == "已删除征求意见“征求意见表”。其2条意见建议保留，来源改为不指定。"
    assert list(meeting.opinions.values_list("solicitation", flat=True)) == [None, None]


def test_a_talk_needs_a_counterpart_who_is_not_the_initiator(editor, meeting, members, other_unit):
    create = url("talk_create", meeting)
    base = {"revision": 1, "initiator": members[0].pk}
    status, data = post_json(editor, create, base)
    assert status == 422 and data["errors"] == {
        "counterpart": ["请选择谈话对象，或在“其他人员”中填写姓名和职务。"]
    }
    status, data = post_json(editor, create, {**base, "counterpart": members[0].pk})
    assert status == 422 and data["errors"] == {"counterpart": ["谈话人和谈话对象不能是同一人。"]}
    status, data = post_json(editor, create, {**base, "counterpart": other_unit.members.get().pk})
    assert status == 422 and data["errors"] == {"counterpart": ["只能选择本单位的班子成员。"]}
    status, data = post_json(editor, create, {"revision": 1, "counterpart": members[1].pk})
    assert status == 422 and data["errors"] == {"initiator": ["请选择谈话人。"]}
    assert not Talk.objects.exists()

    status, data = post_json(editor, create, {**base, "counterpart": members[1].pk, "date": "2030-12-03"})
    assert status == 200, data
    assert data["summary"]["talks"] == "班子成员之间开展谈心谈话1人次"
    talk = Talk.objects.get(pk=data["id"])
    status, data = post_json(
        editor,
        url("talk_save", meeting, talk.pk),
        {**base, "counterpart": "", "counterpart_name": "办公室主任王某", "summary": "谈了作风问题"},
    )
    assert status == 200, data
    talk.refresh_from_db()
    assert (talk.counterpart, talk.counterpart_name) == (None, "办公室主任王某")
    assert data["summary"]["talks"] == "班子成员之间开展谈心谈话0人次"
    assert data["summary"]["talks_others"] == "班子成员与其他干部职工谈心谈话1人次"
    status, data = post_json(editor, url("talk_delete", meeting, talk.pk))
    assert status == 200 and data["message"] == "已删除谈心谈话（赵书记与办公室主任王某）。"


# --- Access ------------------------------------------------------------------------------------------


@pytest.fixture
def foreign_rows(other_meeting, other_unit) -> dict:
    stranger = other_unit.members.get()
    return {
        "study": StudySession.objects.create(
            meeting=other_meeting, date=datetime.date(2030, 1, 1), topic="外"
        ),
        "solicitation": OpinionSolicitation.objects.create(meeting=other_meeting, method="box"),
        "opinion": Opinion.objects.create(meeting=other_meeting, position=1, text="外"),
        "talk": Talk.objects.create(meeting=other_meeting, initiator=stranger, counterpart_name="某人"),
    }


@pytest.mark.parametrize("kind", ["study", "solicitation", "opinion", "talk"])
def test_ids_of_another_meeting_are_not_found(editor, meeting, other_meeting, foreign_rows, kind):
    pk = foreign_rows[kind].pk
    assert editor.post(url(f"{kind}_save", meeting, pk), {"revision": 1}).status_code == 404
    assert editor.post(url(f"{kind}_delete", meeting, pk)).status_code == 404
    assert editor.post(url(f"{kind}_delete", other_meeting, pk)).status_code == 404
    assert type(foreign_rows[kind]).objects.filter(pk=pk).exists()


def test_another_units_meeting_is_not_found(editor, other_meeting):
    assert editor.get(url("preparation", other_meeting)).status_code == 404
    assert editor.post(url("opinions_paste", other_meeting), {"text": "意见"}).status_code == 404


@pytest.mark.parametrize("reader", ["member_user", "supervisor"])
def test_read_only_roles_see_the_page_but_may_not_change_it(client, request, reader, meeting, members):
    client.force_login(request.getfixturevalue(reader))
    [opinion] = services.opinions_paste(meeting=meeting, text="意见")
    session = services.study_session_add(meeting=meeting, date=datetime.date(2030, 12, 1), topic="学习")
    talk = services.talk_add(meeting=meeting, initiator_id=members[0].pk, counterpart_id=members[1].pk)
    html = client.get(url("preparation", meeting)).content.decode()
    assert "data-autosave" not in html and "批量粘贴" not in html and "<fieldset disabled>" in html
    posts = [
        url("opinions_paste", meeting),
        url("opinion_save", meeting, opinion.pk),
        url("opinion_delete", meeting, opinion.pk),
        url("study_create", meeting),
        url("study_save", meeting, session.pk),
        url("study_delete", meeting, session.pk),
        url("solicitation_create", meeting),
        url("talk_save", meeting, talk.pk),
        url("talk_delete", meeting, talk.pk),
    ]
    for address in posts:
        assert client.post(address, {"revision": 1, "text": "改", "topic": "改"}).status_code == 403, address
    assert texts(meeting) == ["意见"] and StudySession.objects.get().topic == "学习" and Talk.objects.exists()


# --- Queries -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_runs_the_same_queries_for_5_or_50_rows(
    editor, meeting, team, aspects, members, count, django_assert_max_num_queries
):
    day = datetime.date(2030, 12, 1)
    StudySession.objects.bulk_create(
        StudySession(meeting=meeting, date=day, topic=f"学习{n}") for n in range(count)
    )
    sources = OpinionSolicitation.objects.bulk_create(
        OpinionSolicitation(meeting=meeting, method="forum", date=day) for _ in range(count)
    )
    problem = entry_services.problem_add(material=team, aspect=aspects[0], headline="被认领的问题")
    Opinion.objects.bulk_create(
        Opinion(
            meeting=meeting,
            position=n + 1,
            text=f"意见{n}",
            solicitation=sources[n],
            aspect=aspects[n % 3],
            target_member=members[n % 3],
            claimed_by=problem if n % 2 else None,
        )
        for n in range(count)
    )
    Talk.objects.bulk_create(
        Talk(meeting=meeting, initiator=members[n % 3], counterpart=members[(n + 1) % 3], date=day)
        for n in range(count)
    )
    with django_assert_max_num_queries(
        36
    ):  # 34 today (the bell's unread count included); an N+1 would add 50
        response = editor.get(url("preparation", meeting))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data-entry data-id") == 4 * count
    assert f"征求到3个方面共{count}条意见建议" in html and f"班子成员之间开展谈心谈话{count}人次" in html


def test_with_no_opinions_yet_the_counts_sentence_has_no_dangling_separators(editor, meeting):
    html = editor.get(url("preparation", meeting)).content.decode()
    assert "征求意见0次（其中座谈会0场），尚未录入征求到的意见建议" in re.sub(r"<[^>]+>", "", html)
    assert "；；" not in html
    # The clauses after the scope bring their "；" through CSS only when they have text.
    assert '<span class="clause" data-summary="opinions_unsorted"></span>' in html
