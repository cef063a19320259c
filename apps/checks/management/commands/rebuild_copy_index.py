"""``manage.py rebuild_copy_index [--all]``: bring the copy index (copied_text) up to date: the
materials changed since they were indexed, or every material with ``--all``. Searches refresh the
index lazily too; this command does the work ahead (issue 12 queues it after bulk changes)."""

import time

from django.core.management.base import BaseCommand, CommandParser

from apps.checks.copies.index import refresh


class Command(BaseCommand):
    help = "重建查重索引：为有改动的材料（--all 为全部材料）重新计算段落签名。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="全部重建 / rebuild every material")

    def handle(self, *args, all: bool, **options) -> None:
        start = time.perf_counter()
        count = refresh(force=all)
        self.stdout.write(f"已索引 {count} 份材料，用时 {time.perf_counter() - start:.1f} 秒。")
