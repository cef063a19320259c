from django.core.management.base import BaseCommand, CommandParser

from apps.exports.fonts import cache_dir, make_trimmed_fonts


class Command(BaseCommand):
    help = (
        "为 PDF 导出生成精简字体（GB 2312 字符的 Noto CJK 简体字形），加快导出。 / "
        "Write trimmed copies of the free Noto CJK fonts for faster PDFs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="重新生成已有的文件 / rewrite existing files"
        )

    def handle(self, *args: object, force: bool, **options: object) -> None:
        self.stdout.write(f"精简字体目录 / trimmed fonts: {cache_dir()}")
        for line in make_trimmed_fonts(force=force):
            self.stdout.write(f"  {line}")
