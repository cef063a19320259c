"""The 体检 step over HTTP, the counts the sidebar and export buttons read, the import review's 体检
box and ``check_report``."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.imports.pending import pending_import_create
from tests.checks.helpers import add_problem, aspects_of, complete_material
from tests.imports.drafts import material_proposal


@pytest.fixture
def team(meeting):
    return meeting.materials.get(member__isnull=True)


def _step_url(material):
    return reverse("checks:step", args=[material.meeting_id, material.pk])


def test_the_step_lists_a_placeholder_with_a_link_to_the_field(client, drafter, team):
    problem = add_problem(team, aspects_of(team.meeting)[0], elaboration="全年开展调研xx次。")
    client.force_login(drafter)
    response = client.get(_step_url(team))
    assert response.status_code == 200
    page = response.content.decode()
    anchor = (
        reverse("workspace:problems", args=[team.meeting_id, team.pk])
        + f"#id_problem{problem.pk}_elaboration"
    )
    assert f'href="{anchor}"' in page
    assert "留有占位符“xx”" in page and 'data-severity="error"' in page
    # The field the link names is on the page it opens.
    assert f'id="id_problem{problem.pk}_elaboration"' in client.get(anchor.split("#")[0]).content.decode()


def test_the_sidebar_of_every_workspace_page_has_the_step(client, drafter, team):
    client.force_login(drafter)
    page = client.get(reverse("workspace:problems", args=[team.meeting_id, team.pk])).content.decode()
    assert f'href="{_step_url(team)}"' in page
    assert reverse("checks:counts", args=[team.meeting_id, team.pk]) in page


def test_counts_for_the_sidebar_and_the_export_buttons(client, drafter, team):
    add_problem(team, aspects_of(team.meeting)[0], elaboration="全年开展调研xx次。")
    client.force_login(drafter)
    counts = client.get(reverse("checks:counts", args=[team.meeting_id, team.pk])).json()
    assert counts["error"] == 1 and counts["total"] >= 1 and counts["url"] == _step_url(team)
    assert client.get(reverse("checks:team_counts", args=[team.meeting_id])).json() == counts
    assert client.get(reverse("checks:team", args=[team.meeting_id])).url == _step_url(team)


def test_the_background_counts_write_nothing_the_step_page_refreshes_the_copy_index(client, drafter, team):
    # Every workspace page fetches the counts: they compare with the index as it stands, so two
    # requests never race to write it (SQLite has one writer); the 体检 page brings it up to date.
    from apps.checks.models import IndexedMaterial

    add_problem(team, aspects_of(team.meeting)[0], elaboration="全年开展调研不够深入，成果转化偏少。" * 3)
    client.force_login(drafter)
    client.get(reverse("checks:counts", args=[team.meeting_id, team.pk]))
    assert not IndexedMaterial.objects.exists()
    client.get(_step_url(team))
    assert IndexedMaterial.objects.filter(material=team).exists()


def test_the_export_buttons_link_to_the_check(client, drafter, team):
    client.force_login(drafter)
    page = client.get(reverse("meetings:detail", args=[team.meeting_id])).content.decode()
    assert reverse("checks:team", args=[team.meeting_id]) in page
    assert reverse("exports:download", args=[team.meeting_id, "team", "docx"]) in page  # still exports


def test_another_unit_gets_404(client, outsider, team):
    client.force_login(outsider)
    for url in (
        _step_url(team),
        reverse("checks:counts", args=[team.meeting_id, team.pk]),
        reverse("checks:team", args=[team.meeting_id]),
        reverse("checks:team_counts", args=[team.meeting_id]),
    ):
        assert client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_login_and_post_is_refused(client, drafter, team):
    assert client.get(_step_url(team)).status_code == 302
    client.force_login(drafter)
    assert client.post(_step_url(team)).status_code == 405


def test_the_step_query_count_is_flat_in_the_number_of_entries(client, drafter, team):
    complete_material(team)
    client.force_login(drafter)
    client.get(_step_url(team))  # indexes the material once
    with CaptureQueriesContext(connection) as few:
        client.get(_step_url(team))
    complete_material(team)
    complete_material(team)
    client.get(_step_url(team))
    with CaptureQueriesContext(connection) as many:
        client.get(_step_url(team))
    assert len(many) == len(few)


def test_the_import_review_shows_the_findings_of_the_texts(client, drafter, team):
    proposal = material_proposal(team.meeting)
    proposal.aspects[0].problems[0].elaboration = "召开mzshh前，全年开展调研xx次。"
    pending = pending_import_create(
        material=team, user=drafter, source_name="x", source_kind="paste", proposal=proposal
    )
    client.force_login(drafter)
    page = client.get(reverse("imports:review", args=[team.meeting_id, team.pk, pending.pk])).content.decode()
    assert "data-import-checks" in page
    assert "留有占位符“xx”" in page and "“mzshh”应为“民主生活会”" in page
    assert page.index("data-import-checks") < page.index("<span data-label>确认导入")


def test_check_report_prints_json_and_a_table(team):
    add_problem(team, aspects_of(team.meeting)[0], elaboration="全年开展调研xx次。")
    out = StringIO()
    call_command("check_report", str(team.meeting_id), "--json", stdout=out)
    findings = json.loads(out.getvalue())
    assert findings[0] == {
        "code": "placeholder",
        "severity": "error",
        "where": "（一）学习 · 一是 · 具体表现",
        "message": findings[0]["message"],
    }
    assert "xx" in findings[0]["message"]
    table = StringIO()
    call_command("check_report", str(team.meeting_id), "--document", "team", stdout=table)
    assert "错误\tplaceholder\t（一）学习 · 一是 · 具体表现" in table.getvalue()


def test_check_report_for_a_member_and_bad_arguments(meeting, unit):
    from django.core.management.base import CommandError

    from apps.entries.models import Material

    member = unit.members.order_by("position").first()
    personal = Material.objects.create(meeting=meeting, member=member)
    add_problem(personal, aspects_of(meeting)[0], elaboration="我开展调研某某次。")
    out = StringIO()
    call_command("check_report", str(meeting.pk), "--document", f"member:{member.pk}", "--json", stdout=out)
    assert any(f["code"] == "placeholder" for f in json.loads(out.getvalue()))
    for bad in (["999999"], [str(meeting.pk), "--document", "boss"]):
        with pytest.raises(CommandError):
            call_command("check_report", *bad, stdout=StringIO())
