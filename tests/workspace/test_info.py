"""The 会议信息 step: the meeting's autosaved facts, the attendance list, access and queries."""

import datetime

import pytest

from apps.entries import services as entry_services
from apps.meetings.models import Attendance, Meeting
from apps.units.models import Member
from tests.security.routes import changed_tables, fingerprint
from tests.workspace.conftest import meeting_url as url
from tests.workspace.conftest import post_json


def info(meeting: Meeting, **changes) -> dict:
    data = {
        "revision": meeting.revision,
        "title": meeting.title,
        "date": meeting.date.isoformat() if meeting.date else "",
        "place": meeting.place,
        "host": meeting.host_id or "",
        "supervisor_names": meeting.supervisor_names,
        "supervisor_org": meeting.supervisor_org,
    }
    return {**data, **changes}


def test_an_editor_opening_the_page_sees_every_serving_member_and_the_visit_writes_nothing(
    editor, meeting, members
):
    before = fingerprint()
    response = editor.get(url("info", meeting))
    assert changed_tables(before, fingerprint()) == []
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="attendance-row') == 3
    assert not meeting.attendances.exists()  # shown, present by default, until a first save
    assert "应到3人，实到3人" in html
    assert html.index("赵书记") < html.index("钱副书记") < html.index("孙委员")  # official order
    assert 'type="date"' in html and 'value="2031-01-05"' in html


def test_a_member_who_joins_later_is_listed_and_rows_already_entered_are_kept(editor, meeting, unit, members):
    status, _ = post_json(
        editor, url("attendance_save", meeting, members[1].pk), {"absence_reason": "因公出差"}
    )
    assert status == 200
    newcomer = Member.objects.create(unit=unit, name="李委员", position=4)
    Member.objects.create(unit=unit, name="已离任", position=5, active_to=datetime.date(2030, 6, 30))
    html = editor.get(url("info", meeting)).content.decode()
    assert html.count('class="attendance-row') == 4
    assert 'aria-label="李委员出席"' in html
    assert 'aria-label="已离任出席"' not in html  # the one who left before the meeting date
    assert "应到4人，实到3人" in html and "缺席：钱副书记（因公出差）" in html
    assert list(meeting.attendances.values_list("member__name", flat=True)) == ["钱副书记"]
    # The newcomer's first save creates his row; saving again updates it.
    for reason in ("病假", "因病请假"):
        status, data = post_json(
            editor, url("attendance_save", meeting, newcomer.pk), {"absence_reason": reason}
        )
        assert status == 200, data
    assert meeting.attendances.get(member=newcomer).absence_reason == "因病请假"
    assert data["summary"]["attendance"] == "应到4人，实到2人"


def test_a_member_not_on_the_list_is_not_found(editor, meeting, unit, members):
    gone = Member.objects.create(unit=unit, name="已离任", position=5, active_to=datetime.date(2030, 6, 30))
    assert editor.post(url("attendance_save", meeting, gone.pk), {"present": "on"}).status_code == 404
    assert not meeting.attendances.exists()


def test_the_situation_report_names_the_members_the_page_shows(meeting, members):
    from apps.exports.context.situation import _attendance_sentence

    assert "班子成员赵书记、钱副书记、孙委员同志参加会议" in _attendance_sentence(meeting, "民主生活会")


def test_readers_see_the_forms_disabled_and_their_visit_writes_nothing(client, member_user, meeting):
    client.force_login(member_user)
    html = client.get(url("info", meeting)).content.decode()
    assert "<fieldset disabled>" in html and "data-autosave" not in html
    assert not Attendance.objects.exists()


def test_saving_the_meeting_facts(editor, meeting, members):
    status, data = post_json(
        editor,
        url("info_save", meeting),
        info(
            meeting,
            date="2031-01-08",
            place="机关第一会议室",
            host=members[0].pk,
            supervisor_names="张三、李四",
            supervisor_org="市委第三督导组",
        ),
    )
    assert status == 200, data
    meeting.refresh_from_db()
    assert (meeting.date, meeting.place, meeting.host, meeting.supervisor_org) == (
        datetime.date(2031, 1, 8),
        "机关第一会议室",
        members[0],
        "市委第三督导组",
    )
    assert data["revision"] == meeting.revision == 2
    info_step = next(step for step in data["steps"] if step["key"] == "info")
    # Every fact filled, and the attendance list has the serving members (present unless said otherwise).
    assert info_step["state"] == "complete"
    assert data["summary"] == {"deadline_warning": ""} and "warning" not in data


def test_the_host_must_be_a_member_of_the_unit(editor, meeting, other_unit):
    stranger = other_unit.members.get()
    status, data = post_json(editor, url("info_save", meeting), info(meeting, host=stranger.pk))
    assert status == 422
    assert data["errors"]["host"] == ["主持人必须是本单位班子成员，请从列表中选择。"]
    meeting.refresh_from_db()
    assert meeting.host_id is None and meeting.revision == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "  ", "请填写会议名称。"),
        ("date", "2031-02-30", "请输入有效的日期，如2026-01-05。"),
        ("place", "地" * 101, "超出 1 字，请精简后保存（最多 100 字，现有 101 字）。"),
    ],
)
def test_bad_input_is_refused_on_its_field(editor, meeting, field, value, message):
    status, data = post_json(editor, url("info_save", meeting), info(meeting, **{field: value}))
    assert status == 422
    assert data["errors"] == {field: [message]}


def test_a_second_save_from_an_old_page_is_a_conflict_with_both_texts(editor, meeting):
    first = info(meeting, place="第一会议室")
    assert post_json(editor, url("info_save", meeting), first)[0] == 200
    status, data = post_json(editor, url("info_save", meeting), info(meeting, place="第二会议室"))
    assert status == 409
    place = data["conflict"]["fields"]["place"]
    assert (place["mine"], place["theirs"]) == ("第二会议室", "第一会议室")
    assert data["conflict"]["revision"] == 2
    meeting.refresh_from_db()
    assert meeting.place == "第一会议室"


def test_moving_the_date_past_measure_deadlines_saves_with_a_warning(editor, meeting, team):
    entry_services.measure_add(material=team, headline="措施", deadline=datetime.date(2031, 1, 20))
    status, data = post_json(editor, url("info_save", meeting), info(meeting, date="2031-02-01"))
    assert status == 200
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2031, 2, 1)
    expected = "有1项整改措施的完成时限早于会议日期（2031年2月1日），请到整改措施中调整。"
    assert data["warning"] == data["summary"]["deadline_warning"] == expected
    # the warning stays on the page, and a later save of another field does not pop it up again
    assert expected in editor.get(url("info", meeting)).content.decode()
    meeting.refresh_from_db()
    status, data = post_json(editor, url("info_save", meeting), info(meeting, place="会议室"))
    assert status == 200 and "warning" not in data and data["summary"]["deadline_warning"] == expected


def test_an_absence_needs_a_reason(editor, meeting, members):
    member = members[1]
    status, data = post_json(editor, url("attendance_save", meeting, member.pk), {"absence_reason": "  "})
    assert status == 422
    assert data["errors"] == {"absence_reason": ["请填写缺席原因。"]}
    assert not meeting.attendances.exists()  # a refused first save creates no row

    status, data = post_json(
        editor, url("attendance_save", meeting, member.pk), {"absence_reason": "因公\x07出差"}
    )
    assert status == 200, data
    row = meeting.attendances.get(member=member)
    assert (row.present, row.absence_reason) == (False, "因公出差")
    assert data["summary"] == {"attendance": "应到3人，实到2人", "absentees": "缺席：钱副书记（因公出差）"}

    status, data = post_json(editor, url("attendance_save", meeting, member.pk), {"present": "on"})
    assert status == 200
    assert data["summary"]["attendance"] == "应到3人，实到3人"
    assert meeting.attendances.count() == 1


def test_ids_of_another_meeting_are_not_found(editor, meeting, other_meeting, other_unit):
    foreign = Attendance.objects.create(meeting=other_meeting, member=other_unit.members.get())
    assert (
        editor.post(url("attendance_save", meeting, foreign.member_id), {"present": "on"}).status_code == 404
    )
    assert (
        editor.post(url("attendance_save", other_meeting, foreign.member_id), {"present": "on"}).status_code
        == 404
    )
    assert editor.post(url("info_save", other_meeting), info(other_meeting)).status_code == 404
    assert editor.get(url("info", other_meeting)).status_code == 404


@pytest.mark.parametrize("reader", ["member_user", "supervisor", "secretary"])
def test_read_only_roles_may_not_save(client, request, reader, meeting, members):
    client.force_login(request.getfixturevalue(reader))
    row = Attendance.objects.create(meeting=meeting, member=members[0])
    assert client.get(url("info", meeting)).status_code == 200
    assert client.post(url("info_save", meeting), info(meeting, place="改")).status_code == 403
    assert (
        client.post(url("attendance_save", meeting, row.member_id), {"absence_reason": "事假"}).status_code
        == 403
    )
    meeting.refresh_from_db()
    row.refresh_from_db()
    assert meeting.place == "" and row.present


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_runs_the_same_queries_for_5_or_50_members(
    editor, meeting, unit, count, django_assert_max_num_queries
):
    Member.objects.bulk_create(Member(unit=unit, name=f"成员{n}", position=10 + n) for n in range(count - 3))
    editor.get(url("info", meeting))  # the session's first page
    with django_assert_max_num_queries(
        28
    ):  # 26 today (the bell's unread count included); an N+1 would add 50
        response = editor.get(url("info", meeting))
    assert response.content.decode().count('class="attendance-row') == count
    assert f"应到{count}人，实到{count}人" in response.content.decode()
