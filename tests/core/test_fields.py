import pytest
from django.core.exceptions import ValidationError

from apps.entries.models import Problem


def test_saved_text_loses_control_characters(meeting):
    aspect = meeting.outline.aspects.first()
    problem = Problem.objects.create(
        material=meeting.materials.get(),
        aspect=aspect,
        position=1,
        headline="学习\u0007不够深入\u000b",
        elaboration="第一段。\u000b第二段\u0000",
    )
    problem.refresh_from_db()
    assert problem.headline == "学习不够深入"
    assert problem.elaboration == "第一段。\n第二段"


def test_text_over_its_limit_is_reported_on_its_field(meeting):
    problem = Problem(
        material=meeting.materials.get(),
        aspect=meeting.outline.aspects.first(),
        position=1,
        headline="概括",
        elaboration="很" * 3001,
    )
    with pytest.raises(ValidationError) as error:
        problem.full_clean()
    assert error.value.message_dict == {
        "elaboration": ["超出 1 字，请精简后保存（最多 3000 字，现有 3001 字）。"]
    }


def test_one_line_fields_use_the_same_plain_message(meeting):
    problem = Problem(
        material=meeting.materials.get(),
        aspect=meeting.outline.aspects.first(),
        position=1,
        headline="题" * 201,
    )
    with pytest.raises(ValidationError) as error:
        problem.full_clean()
    assert error.value.message_dict == {"headline": ["超出 1 字，请精简后保存（最多 200 字，现有 201 字）。"]}
