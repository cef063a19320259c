"""The writing guidance beside each step: a member's personal material is guided in the first person
and never with the team's hints; the team material keeps its own."""

import pytest

from apps.entries.models import Material
from apps.outlines.models import MEMBER_GUIDANCE_DEFAULT
from tests.workspace.conftest import material_url as url

# Hints that speak of the team and must not reach a member's own material.
TEAM_PHRASES = ("写班子", "班子的责任", "班子材料")
TEAM_GUIDANCE = [
    "写班子在学习方面的差距，比如中心组学习流于形式，说明班子的责任。",
    "写班子在落实方面的差距，比如某项部署推进慢，说明班子的责任。",
    "写班子在廉洁方面的差距，比如某类费用管理不规范，说明班子的责任。",
]
MEMBER_GUIDANCE = [
    "查找自己在学习方面的差距，比如我参加中心组学习只读文件。",
    "写我分管的工作中落实慢的事，比如我牵头的某项任务滞后。",
    "",  # the third aspect has no member hint: the generic one shows instead
]


@pytest.fixture
def guided_aspects(aspects) -> list:
    for aspect, guidance, member_guidance in zip(aspects, TEAM_GUIDANCE, MEMBER_GUIDANCE, strict=True):
        aspect.guidance = guidance
        aspect.member_guidance = member_guidance
        aspect.save()
    return aspects


@pytest.fixture
def personal(meeting, unit, member_user, fill_problems) -> Material:
    """孙委员's own material, with problems so every step renders its full page."""
    material = Material.objects.create(meeting=meeting, member=unit.members.get(user=member_user))
    fill_problems(material, 3)
    return material


def aspect_block(html: str, aspect) -> str:
    """The HTML of one aspect's block on the 查摆问题 page."""
    return html.split(f'id="aspect-{aspect.pk}"')[1].split("</section>")[0]


def test_a_personal_material_shows_each_aspects_member_guidance_and_never_the_teams(
    client, member_user, personal, guided_aspects
):
    client.force_login(member_user)
    html = client.get(url("problems", personal)).content.decode()
    assert MEMBER_GUIDANCE[0] in aspect_block(html, guided_aspects[0])
    assert MEMBER_GUIDANCE[1] in aspect_block(html, guided_aspects[1])
    assert MEMBER_GUIDANCE_DEFAULT in aspect_block(html, guided_aspects[2])
    for team_text in TEAM_GUIDANCE:
        assert team_text not in html


@pytest.mark.parametrize("step", ["problems", "causes", "measures"])
def test_no_personal_step_speaks_of_the_team(client, member_user, personal, guided_aspects, step):
    client.force_login(member_user)
    html = client.get(url(step, personal)).content.decode()
    assert "“我”" in html  # the step's guide asks for the first person
    for phrase in TEAM_PHRASES:
        assert phrase not in html, phrase


def test_the_personal_steps_guide_the_member_in_the_first_person(client, member_user, personal):
    client.force_login(member_user)
    problems = client.get(url("problems", personal)).content.decode()
    assert "用第一人称“我”写自己的问题，联系分管工作" in problems
    assert 'placeholder="如：我能够……但还存在一些差距："' in problems
    assert "原因从自身理想信念、党性修养" in client.get(url("causes", personal)).content.decode()
    assert "措施写自己怎么改、何时改到什么程度" in client.get(url("measures", personal)).content.decode()


def test_the_team_material_keeps_the_team_guidance(editor, team, problems, guided_aspects):
    html = editor.get(url("problems", team)).content.decode()
    for aspect, team_text in zip(guided_aspects, TEAM_GUIDANCE, strict=True):
        assert team_text in aspect_block(html, aspect)
    assert MEMBER_GUIDANCE[0] not in html and MEMBER_GUIDANCE_DEFAULT not in html
    assert "班子材料写班子的问题" in html
    assert 'placeholder="如：班子能够……但还存在一些问题："' in html
    assert "责任领导、责任部门和完成时限" in editor.get(url("measures", team)).content.decode()
    assert "从理想信念、党性修养" in editor.get(url("causes", team)).content.decode()


def test_a_team_aspect_without_guidance_shows_no_hint(editor, team, aspects):
    html = editor.get(url("problems", team)).content.decode()
    assert 'class="small text-body-secondary aspect-guidance"' not in html
