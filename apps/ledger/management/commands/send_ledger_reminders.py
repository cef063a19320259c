"""``manage.py send_ledger_reminders [--date YYYY-MM-DD]``: the 整改台账's daily reminders.

Run once a day (cron: ``30 8 * * * cd /srv/reportbuilder && .venv/bin/python manage.py
send_ledger_reminders``). Running it again the same day sends nothing twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.ledger.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "提醒整改措施的责任领导和本单位撰稿人：7天内到期或已逾期、尚未完成的措施，每项每天最多提醒一次。"
        " / Remind owners and drafters of measures due within 7 days or overdue, once a day per measure."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            dest="day",
            help="按这一天计算（YYYY-MM-DD，默认今天） / the day to remind for (default: today)",
        )

    def handle(self, *args: str, day: str | None, **options: object) -> None:
        try:
            when = datetime.date.fromisoformat(day) if day else None
        except ValueError as error:
            raise CommandError(
                f"日期“{day}”无法识别，请写成 YYYY-MM-DD，如 2031-06-20。 / --date must be YYYY-MM-DD."
            ) from error
        summary = send_reminders(when)
        self.stdout.write(summary.chinese())
        self.stdout.write(summary.english())
