"""The measure page over HTTP: who sees it (404 for other units and for a personal material's
measure the user may not read), which buttons each role gets, every action posted by every role
(403 with the Chinese reason for readers), errors on the field with the typed text kept, the
progress list with its files, a flat query count, and a followed measure never deleted from the
workspace."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.entries import services as entry_services
from apps.entries.models import Material, Measure
from apps.ledger import rules
from apps.ledger.models import StatusChange
from apps.ledger.services import note_add
from tests.ledger.measure_cast import *  # noqa: F403  (the cast's fixtures)
from tests.ledger.measure_cast import COMPLETED_ON, ROLES, add_note, png_bytes, set_status, upload

S = Measure.Status
A = StatusChange.Action
READERS = {"member", "supervisor", "organisation"}

# (action, from status) -> the roles whose POST is carried out; outsiders get 404, the others 403.
CASES = {
    (A.START, S.NOT_STARTED): {"owner", "drafter", "secretary", "admin"},
    (A.COMPLETE, S.IN_PROGRESS): {"owner", "drafter", "secretary", "admin"},
    (A.CLOSE, S.DONE): {"secretary", "admin"},
    (A.REOPEN, S.DONE): {"owner", "drafter", "secretary", "admin"},
    (A.REOPEN, S.CLOSED): {"secretary", "admin"},
}
POSTED = {
    A.START: {},
    A.COMPLETE: {"complete-completed_on": "2031-03-01", "complete-note": "学习计划已印发。"},
    A.CLOSE: {"close-note": "研讨建议全部落实。"},
    A.REOPEN: {"reopen-note": "巡察发现反弹。"},
}


def page_url(measure) -> str:
    return reverse("ledger:measure", args=[measure.pk])


def action_url(measure, action: str) -> str:
    return reverse("ledger:transition", args=[measure.pk, action])


@pytest.mark.parametrize("role", ROLES)
def test_the_page_by_every_role(client, cast, measure, role):
    client.force_login(cast[role])
    response = client.get(page_url(measure))
    if role == "outsider":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert "坚持不懈强化理论武装" in html and "理论学习不够深入" in html and "孙委员" in html
    assert ("data-note-form" in html) is (role not in READERS)
    if role in READERS:
        assert "您可以查看这项措施的整改情况，但没有填写或办理的权限。" in html
    assert reverse("ledger:meeting", args=[measure.material.meeting_id]) in html


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_the_buttons_of_the_actions_it_may_take(client, cast, measure, role):
    if role == "outsider":
        return
    client.force_login(cast[role])
    for status in (S.NOT_STARTED, S.IN_PROGRESS, S.DONE, S.CLOSED):
        set_status(measure, status)
        html = client.get(page_url(measure)).content.decode()
        shown = {action for action in rules.RULES if f'data-action="{action}"' in html}
        assert shown == set(rules.allowed_actions(cast[role], measure)), (role, status)


def test_anonymous_users_are_sent_to_the_login(client, measure):
    for url in (
        page_url(measure),
        action_url(measure, A.START),
        reverse("ledger:note_add", args=[measure.pk]),
    ):
        response = client.post(url) if url != page_url(measure) else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.parametrize(("action", "status"), list(CASES))
@pytest.mark.parametrize("role", ROLES)
def test_every_action_posted_by_every_role(client, cast, measure, role, action, status):
    set_status(measure, status)
    add_note(measure)
    client.force_login(cast[role])
    response = client.post(action_url(measure, action), POSTED[action])
    measure.refresh_from_db()
    if role in CASES[(action, status)]:
        assert response.status_code == 302 and response.url == page_url(measure)
        assert measure.status_changes.get().user == cast[role]
        assert measure.status == rules.RULES[action].target
    elif role == "outsider":
        assert response.status_code == 404
        assert measure.status == status
    else:
        assert response.status_code == 403
        assert rules.refusal(cast[role], measure, action) in response.content.decode()
        assert measure.status == status and not measure.status_changes.exists()


def test_complete_without_a_date_shows_the_error_on_the_field_and_keeps_the_text(client, measure, owner):
    client.force_login(owner)
    response = client.post(action_url(measure, A.COMPLETE), {"complete-note": "我写的完成情况。"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "请填写完成日期。" in html and "我写的完成情况。" in html
    assert 'data-action="complete" open' in html
    response = client.post(
        action_url(measure, A.COMPLETE), {"complete-completed_on": "2031-01-04", "complete-note": "写了"}
    )
    assert "完成日期不能早于会议日期（2031年1月5日）。" in response.content.decode()
    measure.refresh_from_db()
    assert measure.status == S.NOT_STARTED


def test_complete_without_any_progress_says_so(client, measure, owner):
    client.force_login(owner)
    response = client.post(action_url(measure, A.COMPLETE), {"complete-completed_on": "2031-03-01"})
    assert response.status_code == 422
    assert "标记完成前至少要有一条整改进展" in response.content.decode()


def test_close_and_reopen_need_their_note(client, measure, secretary):
    set_status(measure, S.DONE)
    client.force_login(secretary)
    for action, message in ((A.CLOSE, "销号时请填写整改成效"), (A.REOPEN, "重新打开时请写明原因。")):
        response = client.post(action_url(measure, action), {f"{action}-note": "  "})
        assert response.status_code == 422 and message in response.content.decode()
    html = client.get(page_url(measure)).content.decode()
    assert 'data-confirm="确定销号吗' in html and 'data-confirm="确定重新打开' in html


def test_a_note_over_http_starts_the_measure_and_shows_in_the_list(client, measure, owner):
    client.force_login(owner)
    response = client.post(
        reverse("ledger:note_add", args=[measure.pk]),
        {
            "noted_on": "2031-02-03",
            "text": "已召开专题会议部署。\n第二行",
            "files": [upload("会议.png", png_bytes())],
        },
    )
    assert response.status_code == 302 and response.url == page_url(measure) + "#progress"
    html = client.get(page_url(measure)).content.decode()
    assert "2031年2月3日" in html and "已召开专题会议部署。<br>第二行" in html
    evidence = measure.progress_notes.get().evidence.get()
    assert reverse("ledger:evidence", args=[evidence.pk]) in html and "会议.png" in html
    assert 'data-measure-status="in_progress"' in html
    assert 'data-change="start"' in html


def test_notes_and_changes_whose_author_is_gone_still_show(client, measure, owner):
    add_note(measure, "原台账中的进展。")  # as migrated from the old progress field: no author
    StatusChange.objects.create(
        measure=measure, action=A.START, from_status=S.NOT_STARTED, to_status=S.IN_PROGRESS
    )
    client.force_login(owner)
    html = client.get(page_url(measure)).content.decode()
    assert "原台账中的进展。" in html and "原台账导入" in html and "已注销用户" in html


def test_a_note_with_errors_keeps_the_typed_text(client, measure, owner):
    client.force_login(owner)
    response = client.post(
        reverse("ledger:note_add", args=[measure.pk]), {"noted_on": "", "text": "只写了字"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "请填写进展日期。" in html and "只写了字" in html


@pytest.mark.parametrize("role", sorted(READERS))
def test_readers_posting_a_note_get_403_with_the_reason(client, cast, measure, role):
    client.force_login(cast[role])
    response = client.post(
        reverse("ledger:note_add", args=[measure.pk]), {"noted_on": "2031-02-03", "text": "进展"}
    )
    assert response.status_code == 403
    assert "只有责任领导、撰稿人或书记可以填写整改进展。" in response.content.decode()
    assert not measure.progress_notes.exists()


def test_wrong_methods_and_unknown_actions(client, measure, owner):
    client.force_login(owner)
    assert client.get(action_url(measure, A.START)).status_code == 405
    assert client.get(reverse("ledger:note_add", args=[measure.pk])).status_code == 405
    assert client.post(page_url(measure)).status_code == 405
    assert client.post(action_url(measure, "delete")).status_code == 404
    assert client.get(reverse("ledger:measure", args=[measure.pk + 1000])).status_code == 404


def test_a_personal_materials_measure_is_404_to_those_who_cannot_read_the_material(
    client, cast, meeting, unit, owner
):
    personal = Material.objects.create(meeting=meeting, member=unit.members.get(user=owner))
    own = entry_services.measure_add(material=personal, headline="带头学", owner=personal.member)
    for role in ("supervisor", "member", "organisation", "outsider"):
        client.force_login(cast[role])
        assert client.get(page_url(own)).status_code == 404, role
    for role in ("owner", "drafter", "secretary", "admin"):
        client.force_login(cast[role])
        assert client.get(page_url(own)).status_code == 200, role


def test_an_inactive_unit_shows_the_page_read_only(client, measure, unit, secretary):
    unit.is_active = False
    unit.save()
    client.force_login(secretary)
    html = client.get(page_url(measure)).content.decode()
    assert "该单位已停用" in html and "data-note-form" not in html and "data-action=" not in html


def test_the_page_query_count_does_not_grow_with_notes_files_and_changes(
    client, measure, owner, secretary, django_assert_max_num_queries
):
    client.force_login(owner)

    note_add(
        measure=measure, user=owner, text="一", noted_on=COMPLETED_ON, files=[upload("1.png", png_bytes())]
    )
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_url(measure)).status_code == 200
    few = len(queries)
    for n in range(5):
        note_add(
            measure=measure,
            user=secretary,
            text=f"进展{n}",
            noted_on=COMPLETED_ON,
            files=[upload(f"{n}a.png", png_bytes()), upload(f"{n}b.png", png_bytes())],
        )
    with django_assert_max_num_queries(few):
        assert client.get(page_url(measure)).status_code == 200


def test_a_followed_measure_cannot_be_deleted_from_the_workspace(client, measure, drafter, team):
    client.force_login(drafter)
    url = reverse("workspace:measure_delete", args=[team.meeting_id, team.pk, measure.pk])
    for status in (S.IN_PROGRESS, S.CLOSED):
        set_status(measure, status)
        response = client.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert response.status_code == 422
        label = measure.get_status_display()
        assert response.json()["errors"]["__all__"] == [
            f"该措施已在整改台账中办理（{label}），不能删除；进展和销号请在整改台账中办理。"
        ]
        assert Measure.objects.filter(pk=measure.pk).exists()
    set_status(measure, S.NOT_STARTED)
    assert client.post(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code == 200


def test_the_overdue_flag(client, measure, owner):
    Measure.objects.filter(pk=measure.pk).update(deadline=datetime.date(2031, 5, 31))
    client.force_login(owner)
    assert "data-overdue" in client.get(page_url(measure)).content.decode()
    set_status(measure, S.DONE)
    assert "data-overdue" not in client.get(page_url(measure)).content.decode()
