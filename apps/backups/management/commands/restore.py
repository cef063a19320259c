from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.backups.restore import BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "从备份文件恢复数据库和上传文件：python manage.py restore PATH。"
        "目标数据库必须已迁移（migrate）且没有数据；恢复前请停止网站和后台任务进程。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="manage.py backup 写出的备份文件")

    def handle(self, *args, path: str, **options):
        try:
            manifest = restore_archive(path=Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已恢复 {manifest['created']} 的备份：数据库和 {len(manifest['files'])} 个文件。"
            )
        )
