"""The 情况报告 step: the autosaved narrative and 督导组 remarks, and the summary of what the report
will print, built from the other steps' data."""

import datetime

import pytest

from apps.entries import services as entry_services
from apps.entries.models import Material
from apps.exports.context import build_export_context
from apps.meetings import services
from apps.meetings.models import Attendance, Meeting
from apps.units.models import Member
from tests.workspace.conftest import meeting_url as url
from tests.workspace.conftest import post_json


def test_the_summary_shows_what_the_report_prints(editor, meeting, team, aspects, members):
    Meeting.objects.filter(pk=meeting.pk).update(
        place="第一会议室", host=members[0], supervisor_org="市委督导组"
    )
    Attendance.objects.create(meeting=meeting, member=members[0])
    Attendance.objects.create(meeting=meeting, member=members[1], present=False, absence_reason="公务出差")
    Attendance.objects.create(meeting=meeting, member=members[2])
    services.study_session_add(meeting=meeting, date=datetime.date(2030, 12, 1), topic="学习")
    services.solicitation_add(meeting=meeting, method="forum")
    services.opinions_paste(meeting=meeting, text="甲\n乙\n丙", aspect=aspects[0])
    services.talk_add(meeting=meeting, initiator_id=members[0].pk, counterpart_id=members[2].pk)
    for headline in ["班子问题一", "班子问题二"]:
        entry_services.problem_add(material=team, aspect=aspects[0], headline=headline)
    entry_services.problem_add(material=team, aspect=aspects[2], headline="班子问题三")
    entry_services.measure_add(material=team, headline="措施")
    personal = Material.objects.create(meeting=meeting, member=members[1])
    entry_services.problem_add(material=personal, aspect=aspects[1], headline="个人问题乙")
    entry_services.problem_add(material=personal, aspect=aspects[0], headline="个人问题甲")

    response = editor.get(url("report", meeting))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2031年1月5日" in html and "第一会议室" in html and "市委督导组" in html
    assert "应到3人，实到2人；钱副书记同志因公务出差请假" in html  # as the report words it
    assert "会前组织集中学习研讨1次" in html and "召开座谈会1场" in html
    assert "召开座谈会1场，征求到1个方面共3条意见建议（已被问题认领0条）；" in html
    assert "共征求到" not in html  # the count is said once
    assert "班子成员之间开展谈心谈话1人次" in html
    assert "查摆出2个方面3条问题" in html
    assert "（一）学习：2条" in html and "（三）廉洁：1条" in html
    assert "制定整改措施1条" in html
    summary = html[html.index("成员问题摘要") :]
    assert summary.index("赵书记") < summary.index("钱副书记") < summary.index("孙委员")  # official order
    assert "查摆问题2条" in summary
    assert summary.index("个人问题甲") < summary.index("个人问题乙")  # in outline order
    assert summary.count("尚未提交个人对照检查材料") == 2


def test_saving_the_narrative_and_the_remarks(editor, meeting):
    data = {
        "revision": 1,
        "narrative": "会议通报了上年度整改情况。\n班子成员逐一发言。",
        "supervisor_remarks": "点评",
    }
    status, answer = post_json(editor, url("report_save", meeting), data)
    assert status == 200, answer
    meeting.refresh_from_db()
    assert meeting.narrative == data["narrative"] and meeting.supervisor_remarks == "点评"
    report = next(step for step in answer["steps"] if step["key"] == "report")
    assert report["state"] == "complete"


def test_the_report_is_signed_on_its_report_date_never_on_the_day_of_export(editor, meeting):
    def signature() -> list[str]:
        return [line.text for line in build_export_context(meeting, "situation").signature]

    assert signature() == ["测试市测试局党委"]  # no date chosen yet: the unit alone
    data = {"revision": 1, "narrative": "", "supervisor_remarks": "", "report_date": "2031-01-15"}
    assert post_json(editor, url("report_save", meeting), data)[0] == 200
    meeting.refresh_from_db()
    assert signature() == ["测试市测试局党委", "2031年1月15日"]


def test_a_report_date_before_the_meeting_is_refused_on_its_field(editor, meeting):
    data = {"revision": 1, "narrative": "", "supervisor_remarks": "", "report_date": "2031-01-04"}
    status, answer = post_json(editor, url("report_save", meeting), data)
    assert status == 422
    assert answer["errors"]["report_date"] == ["报告日期不能早于会议日期（2031年1月5日）。"]


def test_text_over_the_limit_is_refused_on_its_field(editor, meeting):
    status, data = post_json(editor, url("report_save", meeting), {"revision": 1, "narrative": "字" * 5001})
    assert status == 422
    assert data["errors"] == {"narrative": ["超出 1 字，请精简后保存（最多 5000 字，现有 5001 字）。"]}


def test_a_save_from_an_old_page_is_a_conflict(editor, meeting):
    assert post_json(editor, url("report_save", meeting), {"revision": 1, "narrative": "甲写的"})[0] == 200
    status, data = post_json(editor, url("report_save", meeting), {"revision": 1, "narrative": "乙写的"})
    assert status == 409
    assert data["conflict"]["fields"]["narrative"]["theirs"] == "甲写的"
    meeting.refresh_from_db()
    assert meeting.narrative == "甲写的"


def test_a_report_save_does_not_block_the_info_page_where_nothing_differs(editor, meeting):
    """Both pages post the meeting's revision. After a save on the report page, the info page's
    next save goes through as long as its fields match what is stored (a field typed differently
    meanwhile would be a conflict with both texts, as everywhere)."""
    assert post_json(editor, url("report_save", meeting), {"revision": 1, "narrative": "经过"})[0] == 200
    info = {"revision": 1, "title": meeting.title, "date": "2031-01-05", "place": ""}
    status, data = post_json(editor, url("info_save", meeting), info)
    assert status == 200, data
    assert data["revision"] == 3


@pytest.mark.parametrize("reader", ["member_user", "supervisor"])
def test_read_only_roles_read_but_may_not_save(client, request, reader, meeting):
    client.force_login(request.getfixturevalue(reader))
    html = client.get(url("report", meeting)).content.decode()
    assert "<fieldset disabled>" in html and "data-autosave" not in html
    assert client.post(url("report_save", meeting), {"revision": 1, "narrative": "改"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.narrative == ""


def test_another_units_meeting_is_not_found(editor, other_meeting):
    assert editor.get(url("report", other_meeting)).status_code == 404
    assert editor.post(url("report_save", other_meeting), {"revision": 1}).status_code == 404


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_runs_the_same_queries_for_5_or_50_problems_and_members(
    editor, meeting, team, unit, aspects, fill_problems, count, django_assert_max_num_queries
):
    Member.objects.bulk_create(Member(unit=unit, name=f"成员{n}", position=10 + n) for n in range(count))
    fill_problems(team, count)
    for member in unit.members.order_by("position")[: count // 5]:
        fill_problems(Material.objects.create(meeting=meeting, member=member), 5)
    # Half the list entered, half shown unsaved: both are read in the same queries.
    entered = unit.members.order_by("position")[: (count + 3) // 2]
    Attendance.objects.bulk_create(Attendance(meeting=meeting, member=member) for member in entered)
    with django_assert_max_num_queries(
        36
    ):  # 34 today (the bell's unread count included); an N+1 would add 50
        response = editor.get(url("report", meeting))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"查摆出3个方面{count}条问题" in html
    assert html.count("尚未提交个人对照检查材料") == count + 3 - count // 5
