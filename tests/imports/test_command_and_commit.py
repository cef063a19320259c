"""``import_report`` (dry run with --json, commit, refusals) and the commit service's modes."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from apps.entries import services as entries
from apps.entries.models import AspectText, Material, Problem
from apps.imports.parsing import propose
from apps.imports.services import APPEND, REPLACE, commit
from tests.imports.wordfiles import typed_docx
from tests.seeds import seed_text

SEED = "002_0abc39a9968b08fa.txt"


@pytest.fixture
def seed_docx(tmp_path):
    path = tmp_path / "班子对照检查材料.docx"
    path.write_bytes(typed_docx(seed_text(SEED)))
    return path


def run(*args) -> str:
    out, err = StringIO(), StringIO()
    call_command("import_report", *map(str, args), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_dry_run_json_prints_the_summary_and_writes_nothing(meeting_2021, seed_docx):
    out = StringIO()
    call_command(
        "import_report", str(seed_docx), "--meeting", meeting_2021.pk, "--dry-run", "--json", stdout=out
    )
    summary = json.loads(out.getvalue())
    assert set(summary) == {
        "aspects",
        "causes",
        "measures",
        "measure_items",
        "layout",
        "unplaced",
        "warnings",
    }
    assert [a["problems"] for a in summary["aspects"]] == [3, 3, 2, 3, 3]
    assert set(summary["aspects"][0]) == {"title", "matched_aspect", "problems"}
    assert all(isinstance(a["matched_aspect"], str) for a in summary["aspects"])
    assert (summary["causes"], summary["measures"], summary["measure_items"]) == (3, 3, [3, 4, 3])
    assert summary["layout"] == "run_in" and summary["unplaced"] == []
    assert not Problem.objects.exists()


def test_the_command_commits_and_then_asks_for_a_mode(meeting_2021, seed_docx):
    output = run(seed_docx, "--meeting", meeting_2021.pk)
    assert "问题 14 条" in output
    team = Material.objects.get(meeting=meeting_2021, member=None)
    assert team.problems.count() == 14 and team.causes.count() == 3
    assert team.title.endswith("对照检查材料") and team.layout == "run_in"
    with pytest.raises(CommandError) as refused:
        run(seed_docx, "--meeting", meeting_2021.pk)
    assert "--mode" in str(refused.value)
    run(seed_docx, "--meeting", meeting_2021.pk, "--mode", "replace")
    assert team.problems.count() == 14
    run(seed_docx, "--meeting", meeting_2021.pk, "--mode", "append")
    assert team.problems.count() == 28 and team.measures.count() == 6


def test_member_material_is_created_and_a_foreign_member_refused(meeting_2021, seed_docx, other_unit):
    member = meeting_2021.unit.members.first()
    run(seed_docx, "--meeting", meeting_2021.pk, "--member", member.pk)
    assert Material.objects.get(meeting=meeting_2021, member=member).problems.count() == 14
    outsider = other_unit.members.first()
    with pytest.raises(CommandError, match="本单位没有编号为"):
        run(seed_docx, "--meeting", meeting_2021.pk, "--member", outsider.pk)


def test_situation_report_is_refused_by_the_command(meeting_2021, tmp_path):
    path = tmp_path / "情况报告.docx"
    path.write_bytes(typed_docx(seed_text("004_08d8ef930af05009.txt")))
    with pytest.raises(CommandError, match="情况报告，不是对照检查材料"):
        run(path, "--meeting", meeting_2021.pk, "--dry-run")


LINES = [
    "测试材料",
    "一、存在的主要问题",
    "（一）带头学习测试内容方面。学了不少，但还有问题：一是学得不深。比如只读文件。",
    "（二）生态保护方面。一是整改慢。",
    "二、原因剖析",
    "（一）重视不够。",
    "三、整改措施",
    "（一）加强学习。一是完善制度。二是开展研讨。",
    "四、附件说明",
    "见附件。",
]


def test_replace_and_append_modes_and_what_is_kept_as_text(meeting):
    material = meeting.materials.get(member=None)
    first_aspect = meeting.outline.aspects.order_by("position").first()
    entries.problem_add(material=material, aspect=first_aspect, headline="原有问题")
    material.closing = "原有结尾"
    material.save()
    proposal = propose(LINES, meeting, personal=False)
    result = commit(proposal=proposal, material=material, mode=APPEND)
    assert result.problems == 1 and result.kept_as_text == [
        "生态保护方面\n一是整改慢。",
        "附件说明",
        "见附件。",
    ]
    material.refresh_from_db()
    assert list(material.problems.values_list("headline", flat=True)) == ["原有问题", "学得不深"]
    assert material.closing == "原有结尾" and material.title == "测试材料"
    assert material.measure_item_marker == Material.ItemMarker.YAO  # append keeps the settings
    commit(proposal=proposal, material=material, mode=REPLACE)
    material.refresh_from_db()
    assert list(material.problems.values_list("headline", flat=True)) == ["学得不深"]
    assert material.closing == "" and material.measure_item_marker == Material.ItemMarker.SHI
    text = AspectText.objects.get(material=material, aspect=first_aspect)
    assert (text.heading, text.lead_in) == ("", "学了不少，但还有问题：")  # the outline's wording: empty
    problem = material.problems.get()
    assert problem.example == "比如只读文件。"
    assert list(material.measures.get().items.values_list("text", flat=True)) == ["完善制度", "开展研讨"]


def test_commit_refuses_an_aspect_taken_twice_and_writes_nothing(meeting):
    material = meeting.materials.get(member=None)
    proposal = propose(LINES, meeting, personal=False)
    proposal.aspects[1].aspect_id = proposal.aspects[0].aspect_id
    with pytest.raises(ValidationError) as refused:
        commit(proposal=proposal, material=material, mode=REPLACE)
    assert "aspects.1.aspect_id" in refused.value.message_dict
    assert not material.problems.exists() and not material.causes.exists()


def test_commit_refuses_an_empty_headline(meeting):
    proposal = propose(LINES, meeting, personal=False)
    proposal.causes[0].headline = " "
    with pytest.raises(ValidationError) as refused:
        commit(proposal=proposal, material=meeting.materials.get(member=None), mode=REPLACE)
    assert refused.value.message_dict["causes.0.headline"] == ["概括句不能为空。"]


def test_sub_items_numbered_yi_shi_export_as_yi_shi(meeting):
    from apps.exports.exporters import export_document
    from tests.exports.test_seed_round_trip import docx_body

    material = meeting.materials.get(member=None)
    commit(proposal=propose(LINES, meeting, personal=False), material=material, mode=REPLACE)
    body = docx_body(export_document(meeting, "team", "docx").content)
    assert "一是完善制度。二是开展研讨。" in body and "一要" not in body
