"""``manage.py export_report MEETING_ID --document team --format docx --output PATH``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.exports.documents import (
    USAGE,
    DocumentError,
    DocumentNotFound,
    Format,
    parse_document,
    parse_format,
)
from apps.exports.exporters import export_document
from apps.meetings.models import Meeting


class Command(BaseCommand):
    help = (
        "导出一次会议的一份文件：班子对照检查材料、个人对照检查材料、情况报告（docx/pdf），"
        "整改台账、征求意见汇总（xlsx）。 / Export one document of a meeting to DOCX, PDF or XLSX."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting_id", type=int, help="会议编号 / meeting id")
        parser.add_argument("--document", default="team", help=f"文件：{USAGE}（默认 team） / which document")
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=[fmt.value for fmt in Format],
            help="docx、pdf 或 xlsx（默认为该文件的第一种格式） / output format",
        )
        parser.add_argument(
            "--output",
            help="输出文件或目录（默认当前目录，用中文文件名） / output file or directory",
        )

    def handle(
        self,
        *args: str,
        meeting_id: int,
        document: str,
        fmt: str | None,
        output: str | None,
        **options: object,
    ) -> None:
        try:
            ref = parse_document(document)
            fmt = parse_format(ref, fmt or ref.formats[0])
        except DocumentError as error:
            raise CommandError(str(error)) from error
        meeting = Meeting.objects.with_related().filter(pk=meeting_id).first()
        if meeting is None:
            raise CommandError(f"编号为 {meeting_id} 的会议不存在。 / Meeting {meeting_id} does not exist.")
        try:
            exported = export_document(meeting, ref, fmt)
        except (DocumentError, DocumentNotFound) as error:
            raise CommandError(str(error)) from error
        target = Path(output) if output else Path.cwd()
        if target.is_dir():
            target = target / exported.filename
        try:
            target.write_bytes(exported.content)
        except OSError as error:
            raise CommandError(f"无法写入 {target}：{error.strerror}") from error
        self.stdout.write(self.style.SUCCESS(f"已导出 {target}（{len(exported.content):,} 字节）"))
