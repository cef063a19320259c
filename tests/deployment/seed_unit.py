"""The data the deployment tests start from, written by ``manage.py shell -c`` in the app's own
process (the tests talk to it over HTTP only): a unit with its secretary, drafters who log in with a
password, a meeting with its team material and one problem. What a test needs beyond that follows as
its own lines, which read ``meeting``, ``team`` and ``problem``."""

_SETUP = """
from django.contrib.auth import get_user_model
from apps.accounts.models import UnitRole
from apps.entries import services
from apps.entries.models import Material
from apps.meetings.models import Meeting
from apps.outlines.models import OutlineTemplate
from apps.units.models import Member, Unit

unit = Unit.objects.create(name=UNIT_NAME, short_name="测试局党委")
Member.objects.create(unit=unit, name="赵书记", role="secretary", position=1, title="局长")
for name in USERNAMES:
    user = get_user_model().objects.create_user(username=name, password=PASSWORD)
    UnitRole.objects.create(user=user, unit=unit, role=UnitRole.Role.DRAFTER)
outline = OutlineTemplate.objects.order_by("pk").first()
meeting = Meeting.objects.create(
    unit=unit, outline=outline, kind=outline.meeting_kind, year=2031, title="测试局党委2031年度民主生活会"
)
team = Material.objects.create(meeting=meeting)
problem = services.problem_add(
    material=team, aspect=outline.aspects.order_by("position").first(), headline=HEADLINE,
    elaboration=ELABORATION,
)
"""


def unit_script(
    *,
    password: str,
    unit_name: str,
    usernames: tuple[str, ...],
    headline: str,
    elaboration: str = "",
    then: str,
) -> str:
    """The script for ``manage.py shell -c``: the values, the common setup, then the test's lines."""
    values = {
        "PASSWORD": password,
        "UNIT_NAME": unit_name,
        "USERNAMES": usernames,
        "HEADLINE": headline,
        "ELABORATION": elaboration,
    }
    assignments = "".join(f"{name} = {value!r}\n" for name, value in values.items())
    return assignments + _SETUP + then
