"""The admin of the organisation department: every page loads, links across units are form errors."""

import datetime
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import UnitRole
from apps.bundles.models import BundleJob
from apps.entries.models import Cause, Material, Measure, MeasureItem, Problem
from apps.imports.models import PendingImport
from apps.ledger.models import Evidence, ProgressNote, StatusChange
from apps.meetings.models import (
    Attendance,
    Comment,
    Meeting,
    Opinion,
    OpinionSolicitation,
    StudySession,
    Talk,
)
from apps.notifications.models import Notification
from apps.outlines.models import OutlineSection, OutlineTemplate
from apps.review.models import Transition
from apps.security.models import LoginEvent
from apps.snippets.models import Snippet
from apps.units.models import Member, Unit
from tests.admin.html_forms import fill_inline, form_data
from tests.login import log_in

User = get_user_model()

REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
model_ids = [model._meta.label for model in REGISTERED_MODELS]
# Records the app itself writes (an import under review, the review record, notifications): the
# admin shows them, never adds them.
# Likewise the login records (django-axes, the 登录日志) and the administrators' authenticators
# (added by their owners on the 两步验证 page).
VIEW_ONLY = {
    PendingImport,
    Transition,
    Notification,
    ProgressNote,
    StatusChange,
    AccessAttempt,
    AccessLog,
    AccessFailureLog,
    LoginEvent,
    TOTPDevice,
    BundleJob,
}


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def populate(meeting: Meeting, author) -> None:
    """One object of every kind around ``meeting`` (whose unit has at least three members)."""
    first, second, third = meeting.unit.members.order_by("position")[:3]
    material = meeting.materials.get(member__isnull=True)
    aspect = meeting.outline.aspects.order_by("position").first()
    Attendance.objects.create(meeting=meeting, member=first)
    Attendance.objects.create(meeting=meeting, member=second, present=False, absence_reason="因公出差")
    StudySession.objects.create(meeting=meeting, date=datetime.date(2030, 11, 1), topic="集中学习")
    solicitation = OpinionSolicitation.objects.create(
        meeting=meeting, method="forum", date=datetime.date(2030, 11, 5), participants="基层党员代表"
    )
    problem = Problem.objects.create(material=material, aspect=aspect, position=1, headline="学习不够深入")
    cause = Cause.objects.create(material=material, position=1, headline="理论学习不系统")
    cause.problems.add(problem)
    measure = Measure.objects.create(
        material=material,
        position=1,
        headline="加强理论学习",
        owner=first,
        department="办公室",
        deadline=datetime.date(2031, 6, 30),
    )
    measure.problems.add(problem)
    measure.causes.add(cause)
    MeasureItem.objects.create(measure=measure, position=1, text="一要制定学习计划")
    Opinion.objects.create(
        meeting=meeting,
        position=1,
        text="希望班子深入基层调研",
        solicitation=solicitation,
        aspect=aspect,
        target_member=second,
        claimed_by=problem,
    )
    Talk.objects.create(meeting=meeting, initiator=first, counterpart=second, date=datetime.date(2030, 11, 8))
    Material.objects.create(meeting=meeting, member=third)
    Comment.objects.create(meeting=meeting, author=author, body="请补充具体事例")
    PendingImport.objects.create(
        material=material,
        created_by=author,
        source_name="去年的材料.docx",
        source_kind="docx",
        source_lines=["标题"],
    )
    Snippet.objects.create(unit=meeting.unit, text="理论学习不够深入", kind="problem").aspects.add(aspect)
    Transition.objects.create(material=material, action="submit", from_status="draft", to_status="submitted")
    Notification.objects.create(user=author, text="请审核", url="/", kind="review_submit")
    note = ProgressNote.objects.create(measure=measure, author=author, text="已制定学习计划")
    Evidence.objects.create(
        note=note, file="evidence/2031/01/x.pdf", name="学习计划.pdf", kind="pdf", size=10
    )
    login = {"username": author.username, "ip_address": "10.0.0.1", "user_agent": f"Firefox {meeting.pk}"}
    LoginEvent.objects.create(kind="failure", user=author, **login)
    AccessAttempt.objects.create(failures_since_start=1, get_data="", post_data="", **login)
    AccessLog.objects.create(**login)
    AccessFailureLog.objects.create(**login)
    TOTPDevice.objects.create(user=author, name="身份验证器", confirmed=False)  # not yet set up
    StatusChange.objects.create(
        measure=measure, action="start", from_status="not_started", to_status="in_progress", user=author
    )
    BundleJob.objects.create(meeting=meeting, requested_by=author, filename="全部材料.zip")


def another_unit_with_meeting(index: int, outline: OutlineTemplate) -> Meeting:
    unit = Unit.objects.create(name=f"第{index}单位党组", short_name=f"第{index}党组", kind="party_group")
    for position in range(1, 4):
        user = User.objects.create_user(username=f"u{index}-{position}")
        Member.objects.create(unit=unit, name=f"成员{index}-{position}", position=position, user=user)
        UnitRole.objects.create(user=user, unit=unit, role=UnitRole.Role.MEMBER)
    meeting = Meeting.objects.create(
        unit=unit,
        outline=outline,
        kind=outline.meeting_kind,
        year=2030,
        title=f"第{index}党组2030年度民主生活会",
        date=datetime.date(2031, 1, 6),
    )
    Material.objects.create(meeting=meeting)
    return meeting


@pytest.fixture
def one_of_each(meeting, admin_user, drafter, other_unit):
    populate(meeting, admin_user)
    Group.objects.create(name="组织部门")
    return meeting


# --- Every page loads ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_ids)
def test_changelist_and_add_page_load_for_a_superuser(admin_client, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == (403 if model in VIEW_ONLY else 200)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_ids)
def test_an_empty_add_form_shows_errors(admin_client, model):
    if model in VIEW_ONLY:
        pytest.skip("the admin adds no such record")
    url = admin_url(model, "add")
    before = model._default_manager.count()
    response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 200
    assert response.context["errors"]
    assert model._default_manager.count() == before


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_ids)
def test_changelist_and_change_page_render_an_object(admin_client, one_of_each, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1
    obj = model._default_manager.order_by("pk").first()
    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200


# Django's own user and group pages keep their maxlength: user names and e-mail addresses are not drafts.
OUR_MODELS = [model for model in REGISTERED_MODELS if model._meta.app_label != "auth"]


@pytest.mark.parametrize("model", OUR_MODELS, ids=[model._meta.label for model in OUR_MODELS])
def test_no_field_of_a_change_page_lets_the_browser_cut_a_paste(admin_client, one_of_each, model):
    obj = model._default_manager.order_by("pk").first()
    html = admin_client.get(admin_url(model, "change", obj.pk)).content.decode()
    assert "maxlength" not in html


def test_an_over_long_text_is_shown_again_whole_with_its_message_and_nothing_is_saved(
    admin_client, one_of_each
):
    problem = Problem.objects.get()
    url = admin_url(Problem, "change", problem.pk)
    data = form_data(admin_client.get(url))
    typed = "很" * 4999 + "尾"
    data["elaboration"] = typed
    response = admin_client.post(url, data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["elaboration"] == ["超出 2000 字，请精简后保存（最多 3000 字，现有 5000 字）。"]
    assert f"\n{typed}</textarea>" in response.content.decode()
    assert Problem.objects.get().elaboration == problem.elaboration


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_ids)
def test_changelist_queries_do_not_grow_with_the_rows(admin_client, one_of_each, outline, model):
    url = admin_url(model, "changelist")
    admin_client.get(url)  # warm the content-type and permission caches
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for index in (1, 2, 3):
        populate(another_unit_with_meeting(index, outline), one_of_each.unit.roles.first().user)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few), [query["sql"] for query in many.captured_queries]


def test_meeting_change_page_queries_do_not_grow_with_the_attendance_rows(admin_client, meeting):
    url = admin_url(Meeting, "change", meeting.pk)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(url).status_code == 200
        return len(queries)

    for member in meeting.unit.members.all():
        Attendance.objects.create(meeting=meeting, member=member)
    few = count()
    for position in range(4, 10):
        member = Member.objects.create(unit=meeting.unit, name=f"新成员{position}", position=position)
        Attendance.objects.create(meeting=meeting, member=member)
        Talk.objects.create(meeting=meeting, initiator=member, counterpart_name="某同志")
    assert count() == few


def test_unit_changelist_counts_serving_members(admin_client, unit):
    Member.objects.filter(unit=unit, position=3).update(active_to=datetime.date(2000, 1, 1))
    response = admin_client.get(admin_url(Unit, "changelist"))
    listed = {row.pk: row.member_count for row in response.context["cl"].result_list}
    assert listed[unit.pk] == 2


def test_changelist_search(admin_client, meeting, other_meeting):
    response = admin_client.get(admin_url(Unit, "changelist"), {"q": "测试局"})
    assert [u.name for u in response.context["cl"].result_list] == ["测试市测试局党委"]
    response = admin_client.get(admin_url(Meeting, "changelist"), {"q": "另一单位"})
    assert list(response.context["cl"].result_list) == [other_meeting]
    response = admin_client.get(admin_url(Member, "changelist"), {"q": "钱副书记"})
    assert [m.name for m in response.context["cl"].result_list] == ["钱副书记"]


def test_non_staff_user_is_sent_to_the_admin_login(client, drafter):
    client.force_login(drafter)
    for url in (reverse("admin:index"), admin_url(Meeting, "changelist")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


# --- Outlines -----------------------------------------------------------------------------------


def test_copy_action_copies_the_outline_with_aspects_and_sections(admin_client, outline):
    OutlineSection.objects.create(
        outline=outline, document="team", part="problems", position=1, heading="问题"
    )
    outline.aspects.filter(position=2).update(
        guidance="写班子的落实问题", member_guidance="写我分管的落实问题"
    )
    response = admin_client.post(
        admin_url(OutlineTemplate, "changelist"),
        {"action": "copy_as_new_year", "_selected_action": [outline.pk]},
        follow=True,
    )
    assert response.status_code == 200
    copy = OutlineTemplate.objects.get(name="测试提纲（副本）")
    assert copy.year == 2031
    assert list(copy.aspects.values_list("position", "label")) == [(1, "学习"), (2, "落实"), (3, "廉洁")]
    assert list(copy.aspects.values_list("guidance", "member_guidance")) == [
        ("", ""),
        ("写班子的落实问题", "写我分管的落实问题"),
        ("", ""),
    ]
    assert list(copy.sections.values_list("document", "part", "heading")) == [("team", "problems", "问题")]
    assert "已复制 1 份提纲" in response.content.decode()


def test_outline_add_with_aspects(admin_client):
    url = admin_url(OutlineTemplate, "add")
    data = form_data(admin_client.get(url))
    data.update(name="2031年度民主生活会", year="2031", meeting_kind="democratic_life", is_active="on")
    fill_inline(
        data,
        "aspects",
        [
            {
                "position": "1",
                "label": "政治",
                "wording": "带头严守政治纪律",
                "guidance": "写具体事例",
                "member_guidance": "写我自己的具体事例",
            },
            {"position": "2", "label": "作风", "wording": "带头改进作风", "guidance": ""},
        ],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    outline = OutlineTemplate.objects.get(name="2031年度民主生活会")
    assert list(outline.aspects.values_list("label", "member_guidance")) == [
        ("政治", "写我自己的具体事例"),
        ("作风", ""),
    ]


# --- Links across units are form errors, never a 500 --------------------------------------------


def meeting_add_data(client, unit: Unit, outline: OutlineTemplate) -> dict:
    data = form_data(client.get(admin_url(Meeting, "add")))
    data.update(unit=str(unit.pk), outline=str(outline.pk), date="2031-01-05")
    return data


def test_attendance_of_another_units_member_is_a_form_error_on_the_add_page(
    admin_client, unit, other_unit, outline
):
    data = meeting_add_data(admin_client, unit, outline)
    fill_inline(data, "attendances", [{"member": str(other_unit.members.get().pk), "present": "on"}])
    response = admin_client.post(admin_url(Meeting, "add"), data)
    assert response.status_code == 200
    assert "该成员不属于本会议的单位" in response.content.decode()
    assert not Meeting.objects.filter(unit=unit).exists()


def test_attendance_of_another_units_member_is_a_form_error_on_the_change_page(
    admin_client, meeting, other_unit
):
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(admin_client.get(url))
    fill_inline(data, "attendances", [{"member": str(other_unit.members.get().pk), "present": "on"}])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "attendances"
    )
    assert formset.errors[0]["member"]
    assert not meeting.attendances.exists()


def test_changing_the_unit_flags_attendances_of_the_old_unit(admin_client, meeting, other_unit):
    Attendance.objects.create(meeting=meeting, member=meeting.unit.members.first())
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(admin_client.get(url))
    data["unit"] = str(other_unit.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "该成员不属于本会议的单位" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.unit_id != other_unit.pk


def test_absence_without_reason_is_a_form_error(admin_client, meeting):
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(admin_client.get(url))
    fill_inline(data, "attendances", [{"member": str(meeting.unit.members.first().pk)}])  # present unticked
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "缺席的成员请填写缺席原因" in response.content.decode()


def test_host_of_another_unit_is_a_form_error(admin_client, meeting, other_unit):
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(admin_client.get(url))
    data["host"] = str(other_unit.members.get().pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["host"] == ["主持人必须是本单位的班子成员"]
    meeting.refresh_from_db()
    assert meeting.host_id is None


def test_a_guard_the_form_misses_is_a_message_not_a_500(admin_client, meeting, other_unit, monkeypatch):
    monkeypatch.setattr("apps.meetings.admin.MeetingAdminForm.clean", lambda form: form.cleaned_data)
    url = admin_url(Meeting, "change", meeting.pk)
    data = form_data(admin_client.get(url))
    data["host"] = str(other_unit.members.get().pk)
    response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "保存失败" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.host_id is None


def test_material_member_of_another_unit_is_a_form_error(admin_client, meeting, other_unit):
    url = admin_url(Material, "add")
    data = form_data(admin_client.get(url))
    data.update(meeting=str(meeting.pk), member=str(other_unit.members.get().pk), status="draft")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["member"] == ["该成员不属于本会议的单位"]
    assert meeting.materials.count() == 1


def test_second_team_material_is_a_form_error(admin_client, meeting):
    url = admin_url(Material, "add")
    data = form_data(admin_client.get(url))
    data.update(meeting=str(meeting.pk), status="draft")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "本会议已有班子对照检查材料" in response.content.decode()


def test_measure_owner_of_another_unit_is_a_form_error(admin_client, meeting, other_unit):
    url = admin_url(Measure, "add")
    data = form_data(admin_client.get(url))
    data.update(
        material=str(meeting.materials.get().pk),
        position="1",
        headline="加强学习",
        owner=str(other_unit.members.get().pk),
        kind="deadline",
        status="not_started",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["owner"] == ["责任领导必须是本会议单位的班子成员"]
    assert not Measure.objects.exists()

    data["owner"] = str(meeting.unit.members.first().pk)
    fill_inline(
        data, "items", [{"position": "1", "text": "一要制定计划"}, {"position": "2", "text": "二要抓落实"}]
    )
    assert admin_client.post(url, data).status_code == 302
    measure = Measure.objects.get()
    assert list(measure.items.values_list("text", flat=True)) == ["一要制定计划", "二要抓落实"]


def test_measure_status_is_changed_in_the_ledger_not_in_the_admin(admin_client, one_of_each):
    """The 整改台账 records who changed a status and why; the admin must not bypass it."""
    measure = Measure.objects.get()
    url = admin_url(Measure, "change", measure.pk)
    data = form_data(admin_client.get(url))
    assert "status" not in data
    data["status"], data["completed_on"] = "closed", "2030-01-01"
    assert admin_client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert (measure.status, measure.completed_on) == ("not_started", None)


def test_entries_link_only_inside_their_material(admin_client, one_of_each, other_meeting):
    foreign_material = other_meeting.materials.get()
    foreign = Problem.objects.create(
        material=foreign_material,
        aspect=other_meeting.outline.aspects.first(),
        position=1,
        headline="外单位问题",
    )
    cause = Cause.objects.get()
    url = admin_url(Cause, "change", cause.pk)
    data = form_data(admin_client.get(url))
    data["problems"] = [str(cause.problems.get().pk), str(foreign.pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "以下条目不属于本材料" in response.content.decode()
    assert list(cause.problems.all()) != [foreign]


def test_problem_aspect_from_another_outline_is_a_form_error(admin_client, meeting):
    stranger = OutlineTemplate.objects.create(name="别的提纲", year=2030, meeting_kind="democratic_life")
    aspect = stranger.aspects.create(position=1, wording="别的方面", label="别的")
    url = admin_url(Problem, "add")
    data = form_data(admin_client.get(url))
    data.update(
        material=str(meeting.materials.get().pk),
        aspect=str(aspect.pk),
        position="1",
        headline="问题",
        source="self",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["aspect"] == ["所属方面必须来自本会议的提纲"]


def test_same_user_for_two_members_of_a_unit_is_a_form_error(admin_client, unit, drafter):
    url = admin_url(Unit, "change", unit.pk)
    data = form_data(admin_client.get(url))
    data["members-0-user"] = str(drafter.pk)
    data["members-1-user"] = str(drafter.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "同一登录账号只能关联本单位的一名班子成员" in response.content.decode()


def test_talk_rows_must_name_members_of_the_unit_and_two_people(admin_client, unit, other_unit, outline):
    first = unit.members.get(position=1)
    data = meeting_add_data(admin_client, unit, outline)
    fill_inline(
        data,
        "talks",
        [
            {"initiator": str(first.pk), "counterpart": str(other_unit.members.get().pk)},
            {"initiator": str(first.pk), "counterpart": str(first.pk)},
            {"initiator": str(first.pk), "date": "2030-12-01"},
        ],
    )
    response = admin_client.post(admin_url(Meeting, "add"), data)
    assert response.status_code == 200
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "talks"
    )
    assert formset.errors[0] == {"counterpart": ["该成员不属于本会议的单位"]}
    assert formset.errors[1] == {"counterpart": ["谈话人和谈话对象不能是同一人"]}
    assert list(formset.errors[2]) == ["counterpart_name"]
    assert not Meeting.objects.exists()


def test_opinion_links_outside_the_meeting_are_form_errors(admin_client, meeting, other_meeting):
    solicitation = OpinionSolicitation.objects.create(meeting=other_meeting, method="forum")
    url = admin_url(Opinion, "add")
    data = form_data(admin_client.get(url))
    data.update(
        meeting=str(meeting.pk),
        position="1",
        text="意见",
        solicitation=str(solicitation.pk),
        target_member=str(other_meeting.unit.members.get().pk),
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["target_member"] == ["该成员不属于本会议的单位"]
    assert errors["solicitation"] == ["意见来源必须是本会议的征求意见活动"]
    assert not Opinion.objects.exists()


def test_unit_cannot_be_its_own_ancestor(admin_client, unit):
    child = Unit.objects.create(name="下级单位党支部", parent=unit)
    url = admin_url(Unit, "change", unit.pk)
    data = form_data(admin_client.get(url))
    data["parent"] = str(child.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == ["上级单位不能是本单位或本单位的下级单位"]


# --- The "done" criterion, end to end through the admin ------------------------------------


def test_admin_sets_up_a_unit_and_its_drafter_sees_the_meeting(client, admin_user, outline):
    client.force_login(admin_user)

    # 1. A unit with its team and, already, one role for an existing account.
    url = admin_url(Unit, "add")
    data = form_data(client.get(url))
    data.update(name="某某县委常委会", short_name="县委常委会", kind="standing_committee", is_active="on")
    team = [("李书记", "县委书记", "secretary"), ("王副书记", "县长、县委副书记", "deputy_secretary")]
    team += [("张委员", "常务副县长", "committee_member")]
    fill_inline(
        data,
        "members",
        [
            {"name": name, "title": title, "role": role, "position": str(position)}
            for position, (name, title, role) in enumerate(team, start=1)
        ],
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    unit = Unit.objects.get(name="某某县委常委会")
    assert list(unit.members.order_by("position").values_list("name", flat=True)) == [
        "李书记",
        "王副书记",
        "张委员",
    ]

    # 2. An account for the office's drafter, then the drafter role from the user's page.
    url = admin_url(User, "add")
    data = form_data(client.get(url))
    data.update(
        username="xiaowang", usable_password="true", password1="Drafter-pw-2031", password2="Drafter-pw-2031"
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    user = User.objects.get(username="xiaowang")
    url = admin_url(User, "change", user.pk)
    data = form_data(client.get(url))
    fill_inline(data, "unit_roles", [{"unit": str(unit.pk), "role": UnitRole.Role.DRAFTER}])
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert UnitRole.objects.filter(user=user, unit=unit, role="drafter").exists()

    # 3. The meeting on this year's outline; kind, year and title come from the outline and unit.
    url = admin_url(Meeting, "add")
    data = meeting_add_data(client, unit, outline)
    data["host"] = str(unit.members.get(position=1).pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    meeting = Meeting.objects.get(unit=unit)
    assert (meeting.kind, meeting.year, meeting.title) == (
        "democratic_life",
        2030,
        "县委常委会2030年度民主生活会",
    )
    assert meeting.materials.filter(member__isnull=True).count() == 1
    assert meeting.attendances.count() == 3

    # 4. The drafter logs in and finds the meeting on the dashboard.
    client.logout()
    assert log_in(client, "xiaowang", "Drafter-pw-2031")
    response = client.get(reverse("meetings:dashboard"))
    assert response.status_code == 200
    assert meeting.title in response.content.decode()


def column_headers(html: str) -> list[str]:
    """The texts of a page's column headers: the changelist's, and the screen-reader ones of the
    sidebar's model lists (the select-all checkbox column left out)."""
    headers = re.findall(r'<th scope="col"(?![^>]*action-checkbox-column)[^>]*>(.*?)</th>', html, re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", " ", header).split()) for header in headers]


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_ids)
def test_every_changelist_column_is_headed_in_chinese(admin_client, one_of_each, model):
    headers = column_headers(admin_client.get(admin_url(model, "changelist")).content.decode())
    assert headers
    english = [header for header in headers if not header or header.isascii()]
    assert english == [], headers
