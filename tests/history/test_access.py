"""Who sees the 版本 pages and who may restore: readers see, editors restore, other units get 404."""

import pytest
from django.urls import reverse
from reversion.models import Revision

from apps.history.models import Snapshot


@pytest.fixture
def old(team, problems, snap):
    return snap(team)


def _urls(team, old) -> dict[str, str]:
    args = [team.meeting_id, team.pk]
    return {
        "versions": reverse("history:versions", args=args),
        "compare": reverse("history:compare", args=args) + f"?a={old.pk}&b=now",
        "restore": reverse("history:restore_material", args=[*args, old.pk]),
        "restore_entry": reverse(
            "history:restore_entry", args=[*args, old.pk, "problem", old.material.problems.first().pk]
        ),
    }


def test_anonymous_is_sent_to_login(client, team, old):
    for url in _urls(team, old).values():
        response = client.post(url) if "restore" in url else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_another_units_drafter_gets_404(client, outsider, team, old):
    client.force_login(outsider)
    for name, url in _urls(team, old).items():
        response = client.post(url) if name.startswith("restore") else client.get(url)
        assert response.status_code == 404, name


def test_a_reader_sees_the_versions_but_may_not_restore(client, secretary, team, old):
    client.force_login(secretary)
    urls = _urls(team, old)
    assert client.get(urls["versions"]).status_code == 200
    assert client.get(urls["compare"]).status_code == 200
    assert "恢复整份材料" not in client.get(urls["versions"]).content.decode()
    assert client.post(urls["restore"]).status_code == 403
    assert client.post(urls["restore_entry"]).status_code == 403
    assert Snapshot.objects.count() == 1  # nothing recorded either


def test_restore_is_post_only(editor, team, old):
    assert editor.get(_urls(team, old)["restore"]).status_code == 405


def test_a_snapshot_of_another_material_is_404(editor, team, other_meeting, old, snap):
    foreign = snap(other_meeting.materials.get())
    url = reverse("history:compare", args=[team.meeting_id, team.pk])
    assert editor.get(url, {"a": foreign.pk}).status_code == 404
    assert editor.get(url, {"a": "x"}).status_code == 404
    assert editor.get(url, {"a": old.pk, "b": "12abc"}).status_code == 404
    restore = reverse("history:restore_material", args=[team.meeting_id, team.pk, foreign.pk])
    assert editor.post(restore).status_code == 404


def test_an_unknown_entry_kind_is_refused_with_a_message(editor, team, old):
    url = reverse("history:restore_entry", args=[team.meeting_id, team.pk, old.pk, "opinion", 1])
    response = editor.post(url, follow=True)
    assert "未能恢复：该版本中没有这一条目。" in response.content.decode()


def test_the_workspace_links_to_the_versions(editor, team):
    response = editor.get(reverse("workspace:problems", args=[team.meeting_id, team.pk]))
    assert reverse("history:versions", args=[team.meeting_id, team.pk]) in response.content.decode()


def test_versions_made_by_a_deleted_user_are_listed_as_by_the_system(client, secretary, team, old):
    """A snapshot or edit whose user was deleted (user set to NULL) still lists, as 系统."""
    Snapshot.objects.update(user=None)
    Revision.objects.update(user=None)
    client.force_login(secretary)
    page = client.get(_urls(team, old)["versions"])
    assert page.status_code == 200
    assert "系统" in page.content.decode()
