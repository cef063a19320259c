"""``manage.py import_report FILE --meeting ID [--member ID] [--dry-run] [--json]
[--mode replace|append]``: read, recognise, print, and (without --dry-run) commit."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.entries.models import Material
from apps.imports.errors import ImportRefused
from apps.imports.parsing import propose
from apps.imports.proposal import MATERIAL, Proposal
from apps.imports.reading import MAX_UPLOAD_BYTES, TOO_BIG, read_upload
from apps.imports.services import MODES, commit
from apps.meetings.models import Meeting
from apps.units.models import Member

HAS_ENTRIES = "这份材料已有内容。请用 --mode replace（替换）或 --mode append（追加）说明如何导入。"


class Command(BaseCommand):
    help = (
        "把 Word（.docx）或文本（.txt）格式的对照检查材料导入一次会议的班子材料或个人材料。"
        " / Import a .docx or .txt comparison material into a meeting's team or personal material."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="要导入的文件 / file to import")
        parser.add_argument("--meeting", type=int, required=True, help="会议编号 / meeting id")
        parser.add_argument("--member", type=int, help="班子成员编号：导入其个人材料 / member id (personal)")
        parser.add_argument("--dry-run", action="store_true", help="只识别不写入 / parse only")
        parser.add_argument(
            "--json", action="store_true", help="以 JSON 输出识别结果 / print the summary as JSON"
        )
        parser.add_argument("--mode", choices=MODES, help="材料已有内容时：replace 替换，append 追加")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        meeting = Meeting.objects.select_related("outline", "unit").filter(pk=options["meeting"]).first()
        if meeting is None:
            raise CommandError(f"编号为 {options['meeting']} 的会议不存在。")
        member = None
        if options["member"] is not None:
            member = Member.objects.filter(pk=options["member"], unit_id=meeting.unit_id).first()
            if member is None:
                raise CommandError(f"本单位没有编号为 {options['member']} 的班子成员。")
        proposal = self._propose(path, meeting, personal=member is not None)
        if options["json"]:
            self.stdout.write(json.dumps(proposal.summary(), ensure_ascii=False, indent=2))
        else:
            self._print_summary(proposal)
        if options["dry_run"]:
            return
        material, _ = Material.objects.get_or_create(meeting=meeting, member=member)
        has_entries = material.problems.exists() or material.causes.exists() or material.measures.exists()
        mode = options["mode"] or ("replace" if not has_entries else None)
        if mode is None:
            raise CommandError(HAS_ENTRIES)
        try:
            result = commit(proposal=proposal, material=material, mode=mode)
        except ValidationError as error:
            details = "；".join(
                f"{key}：{'，'.join(messages)}" for key, messages in error.message_dict.items()
            )
            raise CommandError(f"导入未完成，没有写入任何内容：{details}") from error
        self.stderr.write(
            f"已导入：问题 {result.problems} 条，原因 {result.causes} 条，措施 {result.measures} 条。"
        )
        for text in result.kept_as_text:
            self.stderr.write(f"未导入为条目（保留为文本，请手工处理）：{text}")

    def _propose(self, path: Path, meeting: Meeting, *, personal: bool) -> Proposal:
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise CommandError(TOO_BIG)  # without reading it all
        data = path.read_bytes()
        try:
            lines = read_upload(path.name, data)
        except ImportRefused as refused:
            raise CommandError(refused.message) from refused
        proposal = propose(lines, meeting, personal=personal)
        if proposal.kind != MATERIAL:
            raise CommandError(proposal.warnings[0] if proposal.warnings else "这份文件不是对照检查材料。")
        return proposal

    def _print_summary(self, proposal: Proposal) -> None:
        summary = proposal.summary()
        self.stdout.write(f"标题：{proposal.title or '（无）'}　版式：{summary['layout'] or '（未识别）'}")
        for n, aspect in enumerate(summary["aspects"], start=1):
            target = aspect["matched_aspect"] or "未匹配，保留为文本"
            self.stdout.write(f"  方面{n}：{aspect['title']} → {target}（问题 {aspect['problems']} 条）")
        self.stdout.write(
            f"  原因 {summary['causes']} 条，措施 {summary['measures']} 条 {summary['measure_items']}"
        )
        for text in summary["unplaced"]:
            self.stdout.write(f"  未归类：{text}")
        for warning in summary["warnings"]:
            self.stdout.write(f"  提示：{warning}")
