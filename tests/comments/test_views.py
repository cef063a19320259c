"""The comment endpoints over HTTP, per role: readers write and reply, the commenter and the writers
resolve, everyone else is refused (403), another unit's ids are a 404, the counts cost one query
whatever the number of entries, and the list page shows every thread."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.comments.models import BODY_LIMIT, MaterialComment
from apps.entries.models import Problem
from tests.comments.conftest import comments_url, post_script


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.mark.parametrize("role", ["drafter", "member_user", "secretary", "supervisor", "admin_user"])
def test_every_reader_of_the_team_material_writes_a_comment(request, as_user, team, problem, role):
    user = request.getfixturevalue(role)
    client = as_user(user)
    status, json = post_script(
        client, comments_url("create", team), {"anchor": f"problem:{problem.pk}", "body": "请写明具体事例。"}
    )
    assert status == 200 and json["ok"]
    assert json["open"] == 1 and json["anchor"] == f"problem:{problem.pk}"
    assert "请写明具体事例。" in json["html"]
    comment = MaterialComment.objects.get()
    assert comment.author == user
    assert comment.as_supervisor == (role == "supervisor")
    if role == "supervisor":
        assert "督导组意见" in json["html"]


def test_anonymous_is_sent_to_login(client, team):
    response = client.get(comments_url("counts", team))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["list", "counts", "thread"])
def test_another_unit_sees_nothing(as_user, outsider, team, name):
    response = as_user(outsider).get(comments_url(name, team), {"anchor": "material"})
    assert response.status_code == 404


def test_another_unit_cannot_write_reply_or_resolve(as_user, outsider, secretary, team, problem, write):
    comment = write(team, secretary, f"problem:{problem.pk}")
    client = as_user(outsider)
    assert post_script(client, comments_url("create", team), {"anchor": "material", "body": "x"})[0] == 404
    for name in ("reply", "resolve", "reopen"):
        assert post_script(client, comments_url(name, team, comment.pk), {"body": "x"})[0] == 404
    assert MaterialComment.objects.count() == 1


def test_an_entry_of_another_material_is_404(as_user, secretary, team, other_meeting, aspect):
    foreign = Problem.objects.create(
        material=other_meeting.materials.get(), aspect=aspect, position=1, headline="外"
    )
    client = as_user(secretary)
    assert (
        post_script(client, comments_url("create", team), {"anchor": f"problem:{foreign.pk}", "body": "x"})[0]
        == 404
    )
    assert client.get(comments_url("thread", team), {"anchor": f"problem:{foreign.pk}"}).status_code == 404


def test_a_comment_of_another_material_is_404(as_user, secretary, team, meeting, unit, member_user, write):
    own = meeting.materials.create(member=unit.members.get(user=member_user))
    comment = write(own, secretary, "material")
    status, _ = post_script(as_user(secretary), comments_url("resolve", team, comment.pk))
    assert status == 404


def test_a_personal_material_is_hidden_from_the_supervisor(as_user, supervisor, meeting, unit, member_user):
    own = meeting.materials.create(member=unit.members.get(user=member_user))
    assert as_user(supervisor).get(comments_url("counts", own)).status_code == 404


def test_a_closed_unit_refuses_new_comments(as_user, secretary, team, unit):
    unit.is_active = False
    unit.save()
    status, _ = post_script(
        as_user(secretary), comments_url("create", team), {"anchor": "material", "body": "x"}
    )
    assert status == 403
    assert not MaterialComment.objects.exists()


def test_wrong_method_is_405(as_user, secretary, team):
    client = as_user(secretary)
    assert client.get(comments_url("create", team)).status_code == 405
    assert client.post(comments_url("counts", team)).status_code == 405


def test_an_over_long_comment_is_refused_with_its_length(as_user, secretary, team):
    status, json = post_script(
        as_user(secretary),
        comments_url("create", team),
        {"anchor": "material", "body": "长" * (BODY_LIMIT + 3)},
    )
    assert status == 400
    assert "超出 3 字" in json["errors"]["body"][0]
    assert not MaterialComment.objects.exists()


def test_without_the_script_a_refused_text_comes_back_whole(as_user, secretary, team):
    typed = "长" * (BODY_LIMIT + 1)
    response = as_user(secretary).post(comments_url("create", team), {"anchor": "material", "body": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert typed in html and "超出 1 字" in html


def test_a_thread_reply_and_resolution_by_the_author_of_the_text(
    as_user, secretary, drafter, team, problem, write
):
    comment = write(team, secretary, f"problem:{problem.pk}")
    client = as_user(drafter)
    status, json = post_script(client, comments_url("reply", team, comment.pk), {"body": "已补充事例。"})
    assert status == 200 and "已补充事例。" in json["html"]
    status, json = post_script(client, comments_url("resolve", team, comment.pk))
    assert status == 200 and json["open"] == 0 and "已解决" in json["html"]
    comment.refresh_from_db()
    assert comment.resolved_by == drafter


def test_the_commenter_resolves_and_reopens(as_user, secretary, team, problem, write):
    comment = write(team, secretary, f"problem:{problem.pk}")
    client = as_user(secretary)
    assert post_script(client, comments_url("resolve", team, comment.pk))[1]["open"] == 0
    assert post_script(client, comments_url("reopen", team, comment.pk))[1]["open"] == 1


@pytest.mark.parametrize("role", ["supervisor", "member_user"])
def test_others_may_not_resolve(request, as_user, secretary, team, problem, write, role):
    comment = write(team, secretary, f"problem:{problem.pk}")
    client = as_user(request.getfixturevalue(role))
    assert post_script(client, comments_url("resolve", team, comment.pk))[0] == 403
    comment.refresh_from_db()
    assert comment.resolved_at is None
    # They may still answer it.
    assert post_script(client, comments_url("reply", team, comment.pk), {"body": "同意。"})[0] == 200


def test_the_panel_offers_resolve_only_to_who_may(as_user, secretary, supervisor, team, problem, write):
    write(team, secretary, f"problem:{problem.pk}")
    anchor = {"anchor": f"problem:{problem.pk}"}
    assert "已解决" in as_user(secretary).get(comments_url("thread", team), anchor).json()["html"]
    assert "已解决" not in as_user(supervisor).get(comments_url("thread", team), anchor).json()["html"]


def test_counts_are_one_query_whatever_the_number_of_entries(as_user, secretary, team, aspect, write):
    client = as_user(secretary)
    url = comments_url("counts", team)

    def add(n: int) -> None:
        start = team.problems.count()
        for i in range(start, start + n):
            problem = Problem.objects.create(
                material=team, aspect=aspect, position=i + 1, headline=f"问题{i}"
            )
            write(team, secretary, f"problem:{problem.pk}")
        write(team, secretary, "text:preamble")

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add(12)
    with CaptureQueriesContext(connection) as many:
        json = client.get(url).json()
    assert len(many) == len(few)
    assert len(json["counts"]) == 14 and json["counts"]["text:preamble"] == 2
    assert json["can_comment"] is True


def test_the_list_page_queries_do_not_grow_with_the_threads(as_user, secretary, drafter, team, aspect, write):
    from apps.comments import services

    client = as_user(secretary)
    url = comments_url("list", team)

    def add(n: int) -> None:
        start = team.problems.count()
        for i in range(start, start + n):
            problem = Problem.objects.create(
                material=team, aspect=aspect, position=i + 1, headline=f"问题{i}"
            )
            root = write(team, secretary, f"problem:{problem.pk}")
            services.comment_reply(parent=root, author=drafter, body="已改")

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_list_shows_deleted_entries_supervisor_labels_and_filters(
    as_user, secretary, supervisor, team, problem, write
):
    write(team, secretary, f"problem:{problem.pk}", body="问题要具体")
    write(team, supervisor, "material", body="督导组的看法")
    problem.delete()
    client = as_user(secretary)
    html = client.get(comments_url("list", team)).content.decode()
    assert "问题要具体" in html and "条目已删除" in html and "理论学习的系统性不够" in html
    assert "督导组意见" in html
    only = client.get(comments_url("list", team), {"show": "supervisor"}).content.decode()
    assert "督导组的看法" in only and "问题要具体" not in only


def test_without_the_script_a_reply_returns_to_the_list(as_user, secretary, drafter, team, write):
    comment = write(team, secretary, "material")
    response = as_user(drafter).post(comments_url("reply", team, comment.pk), {"body": "收到"})
    assert response.status_code == 302
    assert response["Location"].endswith(comments_url("list", team) + f"#comment-{comment.pk}")


def test_the_workspace_links_the_list_and_loads_the_script(as_user, drafter, team):
    from django.urls import reverse

    html = (
        as_user(drafter).get(reverse("workspace:problems", args=[team.meeting_id, team.pk])).content.decode()
    )
    assert comments_url("list", team) in html
    assert comments_url("counts", team) in html and "js/comments.js" in html
