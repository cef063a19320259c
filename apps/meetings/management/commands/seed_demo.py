"""``manage.py seed_demo``: an invented unit, logins for every role and one complete meeting."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.entries import services as entry_services
from apps.entries.models import AspectText, Cause, Material, Problem
from apps.meetings import demo_content as demo
from apps.meetings.models import Comment, Meeting, Opinion, OpinionSolicitation, StudySession, Talk
from apps.meetings.services import meeting_create
from apps.meetings.signals import demo_meeting_seeded
from apps.outlines.models import Aspect, OutlineTemplate
from apps.units.models import Member, Unit

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = (
        "创建演示数据：示范单位、7名班子成员、各角色登录账号和一次完整的专题民主生活会。"
        "可重复运行，不会重复创建；账号密码每次运行都会重置为演示密码（可用于修复被改动的密码）。"
        "会议已存在时保留其内容，加 --reset 则删除并重建。仅在 ALLOW_DEMO_SEED 为真时运行。 / "
        "Create demo data: a unit, its team, logins for every role and one complete meeting. "
        "Idempotent: nothing is created twice; every run resets the demo passwords (repairing a "
        "changed one). An existing demo meeting is kept unless --reset rebuilds it. "
        "Runs only when settings.ALLOW_DEMO_SEED is true."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            default=DEFAULT_BASE_URL,
            help="打印链接所用的地址 / where the app is served, for the printed link",
        )
        parser.add_argument(
            "--reset", action="store_true", help="删除并重建演示会议 / delete and rebuild the demo meeting"
        )

    def handle(self, *args, reset: bool = False, base_url: str = DEFAULT_BASE_URL, **options) -> None:
        if not settings.ALLOW_DEMO_SEED:
            raise CommandError(
                "当前配置不允许创建演示数据（ALLOW_DEMO_SEED 为 False）。 / "
                "Demo data is disabled here (settings.ALLOW_DEMO_SEED is False)."
            )
        with transaction.atomic():
            unit, members = seed_unit()
            seed_accounts(unit, members)
            meeting, created = seed_meeting(unit, members, reset=reset)
        self.report(meeting, created, base_url.rstrip("/"))

    def report(self, meeting: Meeting, created: bool, base_url: str) -> None:
        state = (
            "已创建 / created"
            if created
            else "已存在，未改动，--reset 可重建 / already there, left unchanged; --reset rebuilds it"
        )
        self.stdout.write(self.style.SUCCESS(f"演示会议 / demo meeting（{state}）：{meeting.title}"))
        self.stdout.write(f"  {base_url}{reverse('meetings:detail', args=[meeting.pk])}")
        self.stdout.write("登录账号 / logins:")
        for account in demo.ACCOUNTS:
            role = account.role or "superuser"
            self.stdout.write(
                f"  {account.username} / {account.password}  （{role}，{account.display_name}）"
            )


def seed_unit() -> tuple[Unit, dict[int, Member]]:
    unit, _ = Unit.objects.update_or_create(name=demo.UNIT["name"], defaults=demo.UNIT)
    members = {}
    for position, spec in enumerate(demo.MEMBERS, start=1):
        members[position], _ = Member.objects.update_or_create(
            unit=unit, position=position, defaults={"name": spec.name, "title": spec.title, "role": spec.role}
        )
    return unit, members


def seed_accounts(unit: Unit, members: dict[int, Member]) -> None:
    User = get_user_model()
    for account in demo.ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.set_password(account.password)
        user.first_name = account.display_name
        user.is_active = True
        user.is_staff = user.is_superuser = account.superuser
        user.save()
        if account.role:
            UnitRole.objects.get_or_create(user=user, unit=unit, role=account.role)
        if account.member:
            member = members[account.member]
            member.user = user
            member.save(update_fields=["user"])


def find_outline() -> OutlineTemplate:
    outline = OutlineTemplate.objects.filter(**demo.OUTLINE_LOOKUP).order_by("pk").first()
    if outline is None:
        raise CommandError(
            "未找到2023年主题教育专题民主生活会提纲，请先运行 migrate。 / "
            "The 2023 special democratic-life outline is missing; run migrate first."
        )
    return outline


def seed_meeting(unit: Unit, members: dict[int, Member], *, reset: bool) -> tuple[Meeting, bool]:
    """The demo meeting: kept as it is when it exists, unless ``reset`` asks to rebuild it."""
    outline = find_outline()
    seed_previous_meeting(unit, members)
    existing = Meeting.objects.filter(unit=unit, outline=outline, year=demo.MEETING.year).first()
    if existing and not reset:
        return existing, False
    if existing:
        existing.delete()
    meeting = create_meeting(unit, outline, members)
    aspects = {aspect.position: aspect for aspect in outline.aspects.all()}
    progress: list = []  # (measure, progress, evidence) of the measures under way
    team = meeting.materials.get(member__isnull=True)
    problems = fill_material(team, demo.TEAM_MATERIAL, aspects, members, progress)
    for position, spec in demo.PERSONAL_MATERIALS.items():
        material = Material.objects.create(meeting=meeting, member=members[position])
        problems |= fill_material(material, spec, aspects, members, progress)
    seed_preparation(meeting, aspects, members, problems)
    seed_comments(meeting)
    demo_meeting_seeded.send(sender=Meeting, meeting=meeting, progress=progress)
    return meeting, True


def seed_previous_meeting(unit: Unit, members: dict[int, Member]) -> Meeting | None:
    """The unit's meeting of the year before and its ledger, created before the demo meeting so
    that the demo meeting's material starts from it. Kept when it exists; left out (the demo
    works without it) when the generic outline was changed or switched off."""
    spec = demo.PREVIOUS_MEETING
    existing = Meeting.objects.filter(unit=unit, year=spec["year"], title=spec["title"]).first()
    if existing:
        return existing
    outline = OutlineTemplate.objects.filter(**demo.PREVIOUS_OUTLINE_LOOKUP).order_by("pk").first()
    aspects = {aspect.position: aspect for aspect in outline.aspects.all()} if outline else {}
    if not aspects or any(measure.aspect not in aspects for measure in demo.PREVIOUS_MEASURES):
        return None
    try:
        meeting = meeting_create(unit=unit, outline=outline, **spec)
    except ValidationError:
        return None
    meeting.status = Meeting.Status.DONE
    meeting.save()
    team = meeting.materials.get(member__isnull=True)
    progress: list = []
    for past in demo.PREVIOUS_MEASURES:
        problem = entry_services.problem_add(
            material=team, aspect=aspects[past.aspect], headline=past.problem
        )
        measure = entry_services.measure_add(
            material=team,
            headline=past.headline,
            problems=[problem],
            owner=members[past.owner],
            department=past.department,
            deadline=past.deadline,
        )
        measure.status, measure.completed_on = past.status, past.completed_on
        measure.save(update_fields=["status", "completed_on"])
        if past.progress:
            progress.append((measure, past.progress, ""))
    # Its material stays 起草中: an approved one would wait in the 督导组's queue (督导组 read every
    # approved team material) beside the demo meeting's.
    demo_meeting_seeded.send(sender=Meeting, meeting=meeting, progress=progress)
    return meeting


def create_meeting(unit: Unit, outline: OutlineTemplate, members: dict[int, Member]) -> Meeting:
    spec = demo.MEETING
    try:
        meeting = meeting_create(
            unit=unit, outline=outline, date=spec.date, year=spec.year, title=spec.title, place=spec.place
        )
    except ValidationError as error:
        raise CommandError(f"无法创建演示会议 / cannot create the demo meeting: {error}") from error
    for field in ("status", "supervisor_names", "supervisor_org", "narrative", "supervisor_remarks"):
        setattr(meeting, field, getattr(spec, field))
    meeting.save()
    for position, reason in spec.absences.items():
        meeting.attendances.filter(member=members[position]).update(present=False, absence_reason=reason)
    return meeting


def fill_material(
    material: Material,
    spec: demo.DemoMaterial,
    aspects: dict[int, Aspect],
    members: dict[int, Member],
    progress: list,
) -> dict[str, Problem]:
    """Write a material's text and entries; returns its problems by their demo key."""
    material.preamble, material.closing = spec.preamble, spec.closing
    # Without a recap of its own, a material keeps the one it was started with (drafted from the
    # year before's ledger when the unit met then).
    material.recap = spec.recap or material.recap
    material.causes_lead, material.measures_lead = spec.causes_lead, spec.measures_lead
    material.status = spec.status
    material.save()
    for position, lead_in in spec.lead_ins:
        AspectText.objects.create(material=material, aspect=aspects[position], lead_in=lead_in)
    problems = create_problems(material, spec.problems, aspects)
    causes = create_causes(material, spec.causes, problems)
    create_measures(material, spec.measures, problems, causes, members, progress)
    return problems


def create_problems(
    material: Material, specs: tuple[demo.DemoProblem, ...], aspects: dict[int, Aspect]
) -> dict[str, Problem]:
    if any(spec.aspect not in aspects for spec in specs):
        raise CommandError("2023年提纲的方面被改动，无法写入演示问题。 / The 2023 outline's aspects changed.")
    return {
        spec.key: entry_services.problem_add(
            material=material,
            aspect=aspects[spec.aspect],
            headline=spec.headline,
            elaboration=spec.elaboration,
            example=spec.example,
            source=spec.source,
        )
        for spec in specs
    }


def create_causes(
    material: Material, specs: tuple[demo.DemoCause, ...], problems: dict[str, Problem]
) -> dict[str, Cause]:
    return {
        spec.key: entry_services.cause_add(
            material=material,
            category=spec.category,
            headline=spec.headline,
            elaboration=spec.elaboration,
            problems=[problems[key] for key in spec.problems],
        )
        for spec in specs
    }


def create_measures(
    material: Material,
    specs: tuple[demo.DemoMeasure, ...],
    problems: dict[str, Problem],
    causes: dict[str, Cause],
    members: dict[int, Member],
    progress: list,
) -> None:
    for spec in specs:
        measure = entry_services.measure_add(
            material=material,
            headline=spec.headline,
            elaboration=spec.elaboration,
            items=spec.items,
            problems=[problems[key] for key in spec.problems],
            causes=[causes[key] for key in spec.causes],
            owner=members[spec.owner],
            department=spec.department,
            deadline=spec.deadline,
            kind=spec.kind,
        )
        # The demo shows a ledger already under way: the status here, the progress notes by the
        # ledger (it listens to demo_meeting_seeded).
        measure.status, measure.completed_on = spec.status, spec.completed_on
        measure.save(update_fields=["status", "completed_on"])
        if spec.progress or spec.evidence:
            progress.append((measure, spec.progress, spec.evidence))


def seed_preparation(
    meeting: Meeting, aspects: dict[int, Aspect], members: dict[int, Member], problems: dict[str, Problem]
) -> None:
    """Study sessions, opinion solicitations with their opinions, and one-to-one talks."""
    StudySession.objects.bulk_create(
        StudySession(meeting=meeting, date=date, topic=topic, content=content)
        for date, topic, content in demo.STUDY_SESSIONS
    )
    solicitations = [
        OpinionSolicitation.objects.create(
            meeting=meeting, method=method, date=date, participants=participants
        )
        for method, date, participants in demo.SOLICITATIONS
    ]
    Opinion.objects.bulk_create(
        Opinion(
            meeting=meeting,
            position=position,
            text=spec.text,
            solicitation=solicitations[spec.solicitation],
            aspect=aspects.get(spec.aspect),
            target_member=members.get(spec.target),
            claimed_by=problems.get(spec.claimed_by),
        )
        for position, spec in enumerate(demo.OPINIONS, start=1)
    )
    Talk.objects.bulk_create(
        Talk(
            meeting=meeting,
            initiator=members[spec.initiator],
            counterpart=members.get(spec.counterpart),
            counterpart_name=spec.counterpart_name,
            date=spec.date,
            summary=spec.summary,
        )
        for spec in demo.TALKS
    )


def seed_comments(meeting: Meeting) -> None:
    User = get_user_model()
    for username, body, resolved in demo.COMMENTS:
        author = User.objects.get(username=username)
        Comment.objects.create(meeting=meeting, author=author, body=body, resolved=resolved)
