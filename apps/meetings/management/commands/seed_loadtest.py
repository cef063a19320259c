"""``manage.py seed_loadtest`` (``make loadtest``): the data the load test (loadtest/locustfile.py) works on.

50 units, each with its team, one meeting with a team material about as long as a real one (18
problems, 5 causes, 6 measures: apps/exports/benchdata.py) and a few opinions to claim, and 4 drafters
per unit (200 logins), each with a password. Every drafter edits their own problems of their unit's
team material (no two simulated drafters type into the same card, as no two people would for long),
so the autosaves measure the app, not conflicts. The plan — who logs in where and which entries they
edit — goes to a JSON file the locustfile reads.

It writes only into a database whose name says ``loadtest`` (or SQLite for a try-out): it adds 50
units and 200 accounts, which no real database should get.
"""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from apps.accounts.models import UnitRole
from apps.exports import benchdata
from apps.meetings.services import opinions_paste
from apps.units.models import Unit

PASSWORD = "loadtest-pw"  # noqa: S105 - the load test's own throwaway database
PREFIX = "lt-drafter-"


class Command(BaseCommand):
    help = (
        "负载测试数据：50个单位、每单位4名撰稿人（共200个账号）和一份完整的班子对照检查材料。"
        "只写入负载测试数据库。 / Load-test data, only into a load-test database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=50, help="单位数 / units")
        parser.add_argument("--drafters", type=int, default=4, help="每单位撰稿人数 / drafters per unit")
        parser.add_argument(
            "--plan",
            default=str(Path(settings.DATA_DIR) / "loadtest-plan.json"),
            help="写入登录和条目清单的 JSON 文件 / where the plan for the locustfile goes",
        )

    def handle(self, *args, units: int, drafters: int, plan: str, **options) -> None:
        name = str(connection.settings_dict["NAME"])
        if connection.vendor != "sqlite" and "loadtest" not in name:
            raise CommandError(
                f"数据库 {name} 不是负载测试数据库（名称须含 loadtest）。 / "
                f"{name} is not a load-test database (its name must contain 'loadtest')."
            )
        if Unit.objects.filter(name__startswith="负载测试").exists():
            raise CommandError(
                "负载测试数据已存在；请重建数据库后再运行。 / Already seeded: recreate the database."
            )
        password = make_password(PASSWORD)  # once: hashing 200 passwords one by one takes a minute
        entries = []
        for number in range(1, units + 1):
            with transaction.atomic():
                entries += self.seed_unit(number, drafters, password)
            if number % 10 == 0:
                self.stdout.write(f"  {number} 个单位 / units")
        Path(plan).parent.mkdir(parents=True, exist_ok=True)
        Path(plan).write_text(json.dumps({"password": PASSWORD, "drafters": entries}, ensure_ascii=False))
        self.stdout.write(self.style.SUCCESS(f"{units} 个单位、{len(entries)} 名撰稿人；清单：{plan}"))

    def seed_unit(self, number: int, drafters: int, password: str) -> list[dict]:
        unit = benchdata.bench_unit(name=f"负载测试单位{number:02d}党委", short_name=f"负载测试{number:02d}")
        meeting = benchdata.make_bench_meeting(unit=unit, seed=number)
        for aspect in meeting.outline.aspects.all():
            opinions_paste(
                meeting=meeting, text=f"关于{aspect.label}的意见一\n关于{aspect.label}的意见二", aspect=aspect
            )
        team = meeting.materials.get(member=None)
        problems = list(team.problems.order_by("aspect__position", "position"))
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"{PREFIX}{(number - 1) * drafters + index:03d}", password=password)
            for index in range(1, drafters + 1)
        )
        UnitRole.objects.bulk_create(
            UnitRole(user=user, unit=unit, role=UnitRole.Role.DRAFTER) for user in users
        )
        return [
            {
                "username": user.username,
                "meeting": meeting.pk,
                "material": team.pk,
                "problems": [
                    {
                        "id": problem.pk,
                        "headline": problem.headline,
                        "elaboration": problem.elaboration,
                        "example": problem.example,
                        "source": problem.source,
                    }
                    for problem in problems[index::drafters]
                ],
            }
            for index, user in enumerate(users)
        ]
