"""Which writing hint an aspect gives the team material and a member's personal material."""

from apps.outlines.models import MEMBER_GUIDANCE_DEFAULT, Aspect


def test_the_team_gets_the_team_hint_and_a_member_their_own():
    aspect = Aspect(guidance="写班子的差距，比如……", member_guidance="查找自己的差距，比如……")
    assert aspect.guidance_for(team=True) == "写班子的差距，比如……"
    assert aspect.guidance_for(team=False) == "查找自己的差距，比如……"


def test_a_member_without_a_hint_of_their_own_gets_the_generic_first_person_one_not_the_teams():
    aspect = Aspect(guidance="写班子的差距，比如……", member_guidance="")
    assert aspect.guidance_for(team=False) == MEMBER_GUIDANCE_DEFAULT
    assert "我" in MEMBER_GUIDANCE_DEFAULT and "班子" not in MEMBER_GUIDANCE_DEFAULT


def test_an_aspect_without_team_guidance_gives_the_team_none():
    assert Aspect(guidance="", member_guidance="查找自己的差距").guidance_for(team=True) == ""
