"""``manage.py export_report``: writes the file, and refuses what cannot exist with a clear message."""

import io

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export_report", *args, stdout=out)
    return out.getvalue()


def test_exports_the_team_material_to_the_given_path(filled_meeting, tmp_path):
    target = tmp_path / "team.docx"
    message = export(
        str(filled_meeting.pk), "--document", "team", "--format", "docx", "--output", str(target)
    )
    assert "已导出" in message and str(target) in message
    assert docx.Document(str(target)).paragraphs[0].text.startswith("测试局党委班子")


def test_a_directory_gets_the_chinese_file_name_and_the_first_format(filled_meeting, tmp_path):
    export(str(filled_meeting.pk), "--document", "ledger", "--output", str(tmp_path))
    target = tmp_path / "测试市测试局党委2030年度民主生活会整改台账.xlsx"
    assert openpyxl.load_workbook(target).active["A2"].value == "序号"


def test_a_members_material_as_pdf(filled_meeting, unit, tmp_path):
    sun = unit.members.get(position=3)
    target = tmp_path / "sun.pdf"
    export(
        str(filled_meeting.pk), "--document", f"member:{sun.pk}", "--format", "pdf", "--output", str(target)
    )
    assert target.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["999999"], "编号为 999999 的会议不存在"),
        (["{pk}", "--document", "ledger", "--format", "pdf"], "整改台账不能导出为“pdf”，只能导出为 xlsx"),
        (["{pk}", "--document", "opinions", "--format", "docx"], "只能导出为 xlsx"),
        (["{pk}", "--document", "team", "--format", "xlsx"], "只能导出为 docx、pdf"),
        (["{pk}", "--document", "member:999999"], "本单位没有编号为 999999 的班子成员"),
        (["{pk}", "--document", "minutes"], "无法识别的文件类型“minutes”"),
    ],
)
def test_unknown_meeting_or_impossible_combination_fails_with_a_clear_message(
    filled_meeting, tmp_path, args, message
):
    args = [arg.format(pk=filled_meeting.pk) for arg in args]
    with pytest.raises(CommandError, match=message) as failure:
        export(*args, "--output", str(tmp_path))
    assert failure.value.returncode == 1  # manage.py exits non-zero
    assert list(tmp_path.iterdir()) == []


def test_another_units_member_is_refused(filled_meeting, other_unit, tmp_path):
    foreign = other_unit.members.get()
    with pytest.raises(CommandError, match="本单位没有编号"):
        export(str(filled_meeting.pk), "--document", f"member:{foreign.pk}", "--output", str(tmp_path))


def test_an_unknown_format_is_refused_by_the_parser(filled_meeting):
    with pytest.raises(CommandError, match="invalid choice"):
        export(str(filled_meeting.pk), "--format", "odt")
