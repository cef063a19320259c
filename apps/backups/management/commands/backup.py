from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.backups.archive import BackupError, backup_write


class Command(BaseCommand):
    help = "把数据库和全部上传文件备份到一个文件（zip）：python manage.py backup PATH"

    def add_arguments(self, parser):
        parser.add_argument("path", help="备份文件的路径，例如 /var/backups/reportbuilder-2026-01-05.zip")

    def handle(self, *args, path: str, **options):
        try:
            manifest = backup_write(path=Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = sum(f["size"] for f in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份到 {path}：{manifest['database']['vendor']} 数据库，"
                f"{len(manifest['files'])} 个文件（{size / 1024 / 1024:.1f} MB）。"
            )
        )
