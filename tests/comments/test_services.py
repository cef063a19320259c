"""The rules of comments, in the services: anchors, threads, the supervisor's label, the version a
comment was made on, resolving, and a comment that outlives its entry."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from apps.comments import anchors, rules, selectors, services
from apps.comments.models import BODY_LIMIT, MaterialComment
from apps.entries.models import AspectText, Material, Problem


def test_a_comment_on_a_problem_keeps_an_excerpt_and_the_versions_it_was_made_on(
    team, problem, secretary, write
):
    Problem.objects.filter(pk=problem.pk).update(revision=4)
    Material.objects.filter(pk=team.pk).update(revision=7)
    team.refresh_from_db()
    comment = write(team, secretary, f"problem:{problem.pk}")
    assert comment.anchor == f"problem:{problem.pk}"
    assert comment.excerpt == "理论学习的系统性不够"
    assert comment.entry_revision == 4
    assert comment.material_revision == 7
    assert comment.created_at is not None
    assert not comment.as_supervisor


def test_anchors_of_every_kind_resolve_with_their_text(team, problem, cause, measure, item, aspect):
    team.preamble = "根据通知要求，" + "认真准备" * 40
    team.save()
    AspectText.objects.create(
        material=team, aspect=aspect, lead_in="一年来，班子坚持学习。但还存在一些问题："
    )
    assert anchors.resolve(team, f"cause:{cause.pk}").excerpt == "理想信念有所弱化"
    assert anchors.resolve(team, f"measure:{measure.pk}").excerpt == "健全学习制度"
    assert anchors.resolve(team, f"item:{item.pk}").excerpt == "一要制定年度学习计划"
    assert anchors.resolve(team, f"aspect:{aspect.pk}").excerpt.startswith("一年来")
    preamble = anchors.resolve(team, "text:preamble")
    assert preamble.excerpt.startswith("根据通知要求") and preamble.excerpt.endswith("…")
    assert len(preamble.excerpt) == 81
    assert anchors.resolve(team, "material").kind == "material"


@pytest.mark.parametrize(
    "anchor", ["", "problem", "problem:abc", "text:title", "nonsense:1", "problem:99999"]
)
def test_an_unknown_anchor_is_not_found(team, anchor):
    with pytest.raises(Http404):
        anchors.resolve(team, anchor)


def test_another_materials_entry_is_not_an_anchor(team, problem, other_meeting, aspect):
    other = other_meeting.materials.get()
    foreign = Problem.objects.create(material=other, aspect=aspect, position=1, headline="外单位的问题")
    with pytest.raises(Http404):
        anchors.resolve(team, f"problem:{foreign.pk}")


def test_an_empty_or_over_long_comment_is_refused_not_cut(team, secretary, write):
    with pytest.raises(ValidationError) as empty:
        write(team, secretary, "material", body="   ")
    assert "body" in empty.value.message_dict
    with pytest.raises(ValidationError) as long:
        write(team, secretary, "material", body="长" * (BODY_LIMIT + 5))
    assert "超出 5 字" in long.value.message_dict["body"][0]
    assert not MaterialComment.objects.exists()


def test_a_supervisors_comment_is_labelled(team, problem, supervisor, write):
    assert write(team, supervisor, f"problem:{problem.pk}").as_supervisor


def test_replies_join_the_root_thread_one_level_deep(team, problem, secretary, drafter, write):
    root = write(team, secretary, f"problem:{problem.pk}")
    first = services.comment_reply(parent=root, author=drafter, body="已补充。")
    second = services.comment_reply(parent=first, author=secretary, body="好的。")
    assert first.parent == root and second.parent == root
    assert second.anchor == root.anchor
    [thread] = selectors.threads_on(team, kind="problem", anchor_id=problem.pk, field="")
    assert [r.body for r in thread.replies.all()] == ["已补充。", "好的。"]


def test_resolve_and_reopen_record_who_and_when(team, problem, secretary, drafter, write):
    root = write(team, secretary, f"problem:{problem.pk}")
    reply = services.comment_reply(parent=root, author=drafter, body="已改。")
    services.comment_resolve(comment=reply, user=drafter)  # a reply resolves its thread
    root.refresh_from_db()
    assert root.resolved_by == drafter and root.resolved_at is not None
    assert selectors.open_counts(team) == {}
    services.comment_reopen(comment=root, user=secretary)
    root.refresh_from_db()
    assert root.resolved_at is None and root.resolved_by is None
    assert selectors.open_counts(team) == {f"problem:{problem.pk}": 1}


def test_who_may_resolve(team, problem, secretary, supervisor, drafter, member_user, admin_user, write):
    comment = write(team, secretary, f"problem:{problem.pk}")
    assert rules.can_resolve(secretary, comment)  # the commenter
    assert rules.can_resolve(drafter, comment)  # the author of the text
    assert rules.can_resolve(admin_user, comment)
    assert not rules.can_resolve(supervisor, comment)  # another reviewer
    assert not rules.can_resolve(member_user, comment)  # a member does not write the team material


def test_writers_still_resolve_while_the_material_is_submitted(team, problem, secretary, drafter, write):
    team.status = Material.Status.SUBMITTED
    team.save()
    assert rules.can_resolve(drafter, write(team, secretary, f"problem:{problem.pk}"))


def test_on_a_personal_material_the_member_resolves(meeting, secretary, member_user, write, unit):
    member = unit.members.get(user=member_user)
    own = Material.objects.create(meeting=meeting, member=member)
    comment = write(own, secretary, "text:preamble")
    assert rules.can_resolve(member_user, comment)


def test_nobody_writes_or_resolves_once_the_unit_is_closed(team, problem, secretary, drafter, write):
    comment = write(team, secretary, f"problem:{problem.pk}")
    team.meeting.unit.is_active = False
    team.meeting.unit.save()
    secretary.__dict__.pop("_held_roles", None)
    assert not rules.can_write(secretary, team)
    assert not rules.can_resolve(secretary, comment)
    assert not rules.can_resolve(drafter, comment)


def test_a_comment_outlives_its_entry_and_says_so(team, problem, secretary, write):
    comment = write(team, secretary, f"problem:{problem.pk}")
    problem.delete()
    [thread] = selectors.threads_of(team)
    assert thread.pk == comment.pk
    assert thread.anchor_deleted
    assert anchors.label(thread) == "问题“理论学习的系统性不够”"


def test_the_list_puts_open_threads_first_and_filters(team, problem, secretary, supervisor, drafter, write):
    old = write(team, secretary, f"problem:{problem.pk}", body="第一条")
    services.comment_resolve(comment=old, user=drafter)
    write(team, secretary, "material", body="第二条")
    by_supervisor = write(team, supervisor, "text:preamble", body="第三条")
    assert [t.body for t in selectors.threads_of(team)] == ["第二条", "第三条", "第一条"]
    assert [t.body for t in selectors.threads_of(team, "resolved")] == ["第一条"]
    assert [t.body for t in selectors.threads_of(team, "supervisor")] == [by_supervisor.body]
    assert [t.body for t in selectors.threads_of(team, "open")] == ["第二条", "第三条"]


def test_writers_of_a_material(team, meeting, drafter, member_user, secretary, unit):
    assert services.material_writers(team) == [drafter]
    own = Material.objects.create(meeting=meeting, member=unit.members.get(user=member_user))
    assert set(services.material_writers(own)) == {drafter, member_user}
