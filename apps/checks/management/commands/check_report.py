"""``manage.py check_report MEETING_ID [--document team|member:ID] [--json]``: the 体检 findings of a
material from the shell (JSON: ``[{"code", "severity", "where", "message"}]``)."""

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.checks.engine import check_material
from apps.checks.findings import SEVERITY_LABELS
from apps.entries.models import Material
from apps.meetings.models import Meeting


class Command(BaseCommand):
    help = "材料体检：列出一份材料的体检结果（错误、警告、提示）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting_id", type=int, help="会议编号 / meeting id")
        parser.add_argument(
            "--document", default="team", help="team（班子材料，默认）或 member:ID（个人材料）"
        )
        parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")

    def handle(self, *args, meeting_id: int, document: str, json: bool, **options) -> None:
        material = self.material(meeting_id, document)
        findings = check_material(material)
        if json:
            self.stdout.write(_dumps([finding.to_json() for finding in findings]))
            return
        if not findings:
            self.stdout.write("未发现问题。")
            return
        for finding in findings:
            label = SEVERITY_LABELS.get(finding.severity, finding.severity)
            self.stdout.write(f"{label}\t{finding.code}\t{finding.where}\t{finding.message}")
        self.stdout.write(f"共 {len(findings)} 项。")

    @staticmethod
    def material(meeting_id: int, document: str) -> Material:
        meeting = Meeting.objects.filter(pk=meeting_id).select_related("unit").first()
        if meeting is None:
            raise CommandError(f"没有编号为 {meeting_id} 的会议。")
        materials = Material.objects.filter(meeting=meeting).select_related("meeting", "member")
        if document == "team":
            material = materials.filter(member__isnull=True).first()
        elif document.startswith("member:") and document[7:].isdigit():
            material = materials.filter(member_id=int(document[7:])).first()
        else:
            raise CommandError("--document 只能是 team 或 member:ID。")
        if material is None:
            raise CommandError("这份材料还没有开始撰写。")
        return material


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
