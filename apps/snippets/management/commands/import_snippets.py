"""``manage.py import_snippets FILE (--shared | --unit ID)``: bulk import of a 素材 collection."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.snippets.importing import SnippetImportRefused, snippets_import
from apps.snippets.models import Snippet
from apps.units.models import Unit


class Command(BaseCommand):
    help = (
        "导入素材集（.txt 或 .docx：标题行之后是编号 01、02…的段落，每段一条素材；没有编号则每个段落一条）。"
        " / Import a snippet collection into a unit's library or the shared one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="素材集文件（.txt 或 .docx）")
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--shared", action="store_true", help="导入共享素材库（所有单位可见）")
        target.add_argument("--unit", type=int, help="导入该单位（ID）的素材库")
        parser.add_argument("--kind", choices=Snippet.Kind.values, default="", help="类别（默认按标题判断）")
        parser.add_argument("--year", type=int, help="年度（默认按标题判断）")
        parser.add_argument("--source", default="", help="来源（默认用素材集的标题）")

    def handle(self, *args, file: str, shared: bool, unit: int | None, **options) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        target = None
        if not shared:
            target = Unit.objects.filter(pk=unit).first()
            if target is None:
                raise CommandError(f"没有 ID 为 {unit} 的单位。")
        try:
            report = snippets_import(
                name=path.name,
                data=path.read_bytes(),
                unit=target,
                kind=options["kind"],
                year=options["year"],
                source=options["source"],
            )
        except SnippetImportRefused as refused:
            raise CommandError(refused.message) from refused
        library = "共享素材库" if target is None else f"“{target}”的素材库"
        self.stdout.write(f"{library}：{report.message()}")
