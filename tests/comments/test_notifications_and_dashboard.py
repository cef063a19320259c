"""Who is told (a new comment: the material's writers; a reply: the thread's other participants)
and 工作台's 待回复的意见."""

import pytest
from django.urls import reverse

from apps.comments import selectors, services
from apps.entries.models import Material


@pytest.fixture
def told(monkeypatch):
    """The notifications sent, as (usernames, text, url, kind); the notify() contract is a stub here."""
    sent = []

    def record(users, *, text, url="", kind=""):
        sent.append((sorted(u.username for u in users), text, url, kind))

    monkeypatch.setattr(services, "notify", record)
    return sent


def test_a_new_comment_tells_the_writers(
    told, team, problem, secretary, drafter, write, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = write(team, secretary, f"problem:{problem.pk}")
    [(users, text, url, kind)] = told
    assert users == ["drafter"] and kind == "comment"
    assert "理论学习的系统性不够" in text
    assert url.endswith(f"#comment-{comment.pk}")


def test_a_personal_materials_comment_tells_its_member(
    told, meeting, unit, secretary, drafter, member_user, write, django_capture_on_commit_callbacks
):
    own = Material.objects.create(meeting=meeting, member=unit.members.get(user=member_user))
    with django_capture_on_commit_callbacks(execute=True):
        write(own, secretary, "material")
    assert told[0][0] == ["drafter", "member"]


def test_a_reply_tells_the_participants_but_not_the_replier(
    told, team, problem, secretary, supervisor, drafter, write, django_capture_on_commit_callbacks
):
    root = write(team, secretary, f"problem:{problem.pk}")
    services.comment_reply(parent=root, author=supervisor, body="同意")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_reply(parent=root, author=drafter, body="已改")
    users, _, _, kind = told[-1]
    assert users == ["secretary", "supervisor"] and kind == "reply"


def test_waiting_for_the_writer_until_they_answer(team, problem, secretary, drafter, write):
    comment = write(team, secretary, f"problem:{problem.pk}")
    assert selectors.to_answer(drafter) == [comment]
    assert selectors.to_answer(secretary) == []  # nobody answered yet
    services.comment_reply(parent=comment, author=drafter, body="已改")
    assert selectors.to_answer(drafter) == []
    assert selectors.to_answer(secretary) == [comment]  # an answer to my comment
    services.comment_reply(parent=comment, author=secretary, body="好")
    assert selectors.to_answer(secretary) == []
    services.comment_resolve(comment=comment, user=secretary)
    assert selectors.to_answer(drafter) == []


def test_another_units_comments_never_wait_for_me(other_meeting, outsider, drafter, write):
    write(other_meeting.materials.get(), outsider, "material")
    assert selectors.to_answer(drafter) == []


def test_the_dashboard_card(client, team, problem, secretary, drafter, write):
    write(team, secretary, f"problem:{problem.pk}", body="请补充比如之后的事例")
    client.force_login(drafter)
    html = client.get(reverse("meetings:dashboard")).content.decode()
    assert "待回复的意见" in html and "请补充比如之后的事例" in html
    client.force_login(secretary)
    assert "待回复的意见" not in client.get(reverse("meetings:dashboard")).content.decode()
