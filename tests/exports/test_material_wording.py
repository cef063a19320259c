"""A material prints as its unit prints it: its own title and headings, its lead-ins and leads, the
layout of the aspects, the numbering of causes and measures, and the signature it chose."""

import datetime

import pytest

from apps.entries.models import AspectText, Material
from apps.exports.context import Heading, Paragraph, Run, Subheading, TextDocument, build_export_context
from apps.exports.context.text import sentence
from apps.exports.exporters import export_document
from apps.outlines.models import OutlineSection
from tests.exports.test_seed_round_trip import docx_body, pdf_body

LEAD_IN = "班子坚持把理论学习作为首要任务，取得一定成效。但还存在一些问题："


def team_doc(meeting) -> TextDocument:
    return build_export_context(meeting, "team")


@pytest.fixture
def team(filled_meeting) -> Material:
    return filled_meeting.materials.get(member=None)


@pytest.fixture
def first_aspect(filled_meeting):
    return filled_meeting.outline.aspects.order_by("position").first()


def paragraph_starting(doc: TextDocument, start: str) -> Paragraph:
    return next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith(start))


def test_a_lead_in_runs_between_the_aspect_heading_and_its_first_problem(filled_meeting, team, first_aspect):
    AspectText.objects.create(material=team, aspect=first_aspect, lead_in=LEAD_IN)
    aspect = paragraph_starting(team_doc(filled_meeting), "（一）")
    assert aspect.text.startswith(f"（一）带头学习测试内容方面。{LEAD_IN}一是理论学习不够深入。")
    assert aspect.runs[0] == Run("（一）带头学习测试内容方面。", "kai")


def test_in_the_separate_layout_the_lead_in_is_the_first_paragraph_under_the_heading(
    filled_meeting, team, first_aspect
):
    Material.objects.filter(pk=team.pk).update(layout=Material.Layout.SEPARATE)
    AspectText.objects.create(material=team, aspect=first_aspect, lead_in=LEAD_IN)
    blocks = list(team_doc(filled_meeting).blocks)
    heading = blocks.index(Subheading("（一）带头学习测试内容方面"))
    assert blocks[heading + 1].text == LEAD_IN
    assert blocks[heading + 2].text.startswith("一是理论学习不够深入。")


def test_an_aspect_worded_by_the_material_replaces_the_outline_wording_there_only(
    filled_meeting, team, first_aspect
):
    AspectText.objects.create(material=team, aspect=first_aspect, heading="带头学习测试内容，学深悟透方面。")
    assert (
        paragraph_starting(team_doc(filled_meeting), "（一）").runs[0].text
        == "（一）带头学习测试内容，学深悟透方面。"
    )
    Material.objects.filter(pk=team.pk).update(layout=Material.Layout.SEPARATE)
    assert Subheading("（一）带头学习测试内容，学深悟透方面") in team_doc(filled_meeting).blocks  # no 。
    first_aspect.refresh_from_db()
    assert first_aspect.wording == "带头学习测试内容"  # the outline stays untouched


def test_title_and_section_headings_chosen_per_material(filled_meeting, team):
    team.title = "测试局党委常委班子专题民主生活会对照检查材料"
    team.causes_heading = "二、问题产生的原因分析"  # a typed number is not printed twice
    team.save()
    doc = team_doc(filled_meeting)
    assert doc.title == "测试局党委常委班子专题民主生活会对照检查材料"
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["一、存在的主要问题", "二、问题产生的原因分析", "三、整改措施和努力方向"]


def test_the_outline_headings_print_when_the_material_chooses_none(filled_meeting):
    OutlineSection.objects.create(
        outline=filled_meeting.outline, document="team", part="problems", position=1, heading="查摆的问题"
    )
    headings = [b.text for b in team_doc(filled_meeting).blocks if isinstance(b, Heading)]
    assert headings[0] == "一、查摆的问题"


def test_leads_written_by_the_drafter_replace_the_generated_ones(filled_meeting, team):
    doc = team_doc(filled_meeting)
    assert "深刻剖析产生上述问题的原因，主要有以下两个方面：" in doc.text  # generated, with the count
    team.problems_lead = "对照五个方面，班子主要存在以下问题："
    team.causes_lead = "深入剖析问题产生的根源，主要有以下几个方面："
    team.measures_lead = "从常委班子抓起，在以下两个方面着力改进："
    team.save()
    blocks = [b.text for b in team_doc(filled_meeting).blocks]
    assert blocks[blocks.index("一、存在的主要问题") + 1] == "对照五个方面，班子主要存在以下问题："
    assert (
        blocks[blocks.index("二、产生问题的原因剖析") + 1] == "深入剖析问题产生的根源，主要有以下几个方面："
    )
    assert blocks[blocks.index("三、整改措施和努力方向") + 1] == "从常委班子抓起，在以下两个方面着力改进："
    assert "深刻剖析产生上述问题的原因" not in "\n".join(blocks)


@pytest.mark.parametrize(
    ("numbering", "cause", "measure", "style"),
    [
        ("paren", "（一）理论武装不够深入。", "（一）强化理论武装。", "kai"),
        ("decimal", "1.理论武装不够深入。", "1.强化理论武装。", "strong"),
        ("inline", "一是理论武装不够深入。", "一是强化理论武装。", "strong"),
    ],
)
def test_causes_and_measures_are_numbered_in_the_chosen_style(
    filled_meeting, team, numbering, cause, measure, style
):
    Material.objects.filter(pk=team.pk).update(causes_numbering=numbering, measures_numbering=numbering)
    doc = team_doc(filled_meeting)
    first_cause = paragraph_starting(doc, cause)
    assert first_cause.runs[0] == Run(cause, style)
    assert first_cause.text == cause + "学用脱节。"
    assert (
        paragraph_starting(doc, measure).text
        == measure + "完善学习制度。一要每季度研讨一次。二要建立学习台账。"
    )
    second = "2." if numbering == "decimal" else "二是" if numbering == "inline" else "（二）"
    assert paragraph_starting(doc, second + "担当意识不够强。")


def test_each_section_has_its_own_numbering(filled_meeting, team):
    Material.objects.filter(pk=team.pk).update(causes_numbering="decimal", measures_numbering="paren")
    text = team_doc(filled_meeting).text
    assert "\n1.理论武装不够深入。" in text and "\n（一）强化理论武装。" in text


UNIT = "测试市测试局党委"


@pytest.mark.parametrize(
    ("choice", "chosen", "meeting_date", "lines"),
    [
        ("meeting_date", None, datetime.date(2031, 1, 5), [UNIT, "2031年1月5日"]),
        ("meeting_date", None, None, [UNIT]),  # never the day of the export
        ("chosen_date", datetime.date(2031, 2, 8), datetime.date(2031, 1, 5), [UNIT, "2031年2月8日"]),
        ("undated", None, datetime.date(2031, 1, 5), [UNIT]),
        ("none", None, datetime.date(2031, 1, 5), []),
    ],
)
def test_the_signature_is_left_out_or_dated_as_chosen(
    filled_meeting, team, choice, chosen, meeting_date, lines
):
    filled_meeting.date = meeting_date
    filled_meeting.save()
    Material.objects.filter(pk=team.pk).update(signature=choice, signature_date=chosen)
    assert [line.text for line in team_doc(filled_meeting).signature] == lines


def test_a_personal_material_has_no_signature_unless_it_chooses_one(filled_meeting, unit):
    sun = unit.members.get(position=3)
    assert build_export_context(filled_meeting, f"member:{sun.pk}").signature == ()
    Material.objects.filter(member=sun).update(
        signature="chosen_date", signature_date=datetime.date(2031, 1, 2)
    )
    lines = [line.text for line in build_export_context(filled_meeting, f"member:{sun.pk}").signature]
    assert lines == ["孙委员", "2031年1月2日"]


def test_new_materials_default_to_run_in_for_the_team_and_separate_for_a_member(meeting, unit):
    team = meeting.materials.get(member=None)
    assert team.layout == "run_in" and team.signature == "meeting_date"
    personal = Material.objects.create(meeting=meeting, member=unit.members.first())
    assert personal.layout == "separate" and personal.signature == "none"


@pytest.mark.parametrize(("fmt", "body"), [("docx", docx_body), ("pdf", pdf_body)])
def test_word_and_pdf_print_what_the_preview_prints(filled_meeting, team, first_aspect, fmt, body):
    AspectText.objects.create(
        material=team, aspect=first_aspect, heading="带头学习测试内容方面", lead_in=LEAD_IN
    )
    Material.objects.filter(pk=team.pk).update(
        causes_numbering="decimal", measures_lead="从班子抓起，在以下两个方面着力改进：", signature="none"
    )
    exported = "".join(body(export_document(filled_meeting, "team", fmt).content).split())
    for block in team_doc(filled_meeting).blocks:
        assert "".join(block.text.split()) in exported
    assert "2031年1月5日" not in exported  # no signature


@pytest.mark.parametrize(
    ("aspects", "problems", "heading", "first", "second"),
    [
        ("paren", "inline", "（一）", "一是", "二是"),
        ("decimal", "decimal", "1.", "1.", "2."),
        ("paren_digit", "paren_digit", "（1）", "（1）", "（2）"),
        ("decimal", "paren_digit", "1.", "（1）", "（2）"),
    ],
)
def test_in_the_separate_layout_aspects_and_problems_are_numbered_as_chosen(
    filled_meeting, team, aspects, problems, heading, first, second
):
    Material.objects.filter(pk=team.pk).update(
        layout=Material.Layout.SEPARATE, aspect_numbering=aspects, problem_numbering=problems
    )
    blocks = list(team_doc(filled_meeting).blocks)
    at = blocks.index(Subheading(f"{heading}带头学习测试内容方面"))
    assert blocks[at + 1].runs[0] == Run(f"{first}理论学习不够深入。", "strong")
    assert blocks[at + 2].text == f"{second}调查研究不够扎实。到基层少。"


def test_run_in_blocks_take_the_aspect_numbering_and_keep_yi_shi_for_problems(filled_meeting, team):
    Material.objects.filter(pk=team.pk).update(aspect_numbering="decimal", problem_numbering="decimal")
    aspect = paragraph_starting(team_doc(filled_meeting), "1.")
    assert aspect.text.startswith("1.带头学习测试内容方面。一是理论学习不够深入。")


def test_a_material_without_generated_leads_prints_none_where_it_wrote_none(filled_meeting, team):
    team.auto_leads = False
    team.measures_lead = "针对问题，班子将这样整改："
    team.save()
    blocks = [b.text for b in team_doc(filled_meeting).blocks]
    assert blocks[blocks.index("二、产生问题的原因剖析") + 1].startswith("（一）理论武装不够深入。")
    assert blocks[blocks.index("三、整改措施和努力方向") + 1] == "针对问题，班子将这样整改："
    assert "深刻剖析产生上述问题的原因" not in "\n".join(blocks)


def test_a_heading_closed_with_a_colon_keeps_it_and_a_quoted_word_still_gets_its_full_stop(
    filled_meeting, team, first_aspect
):
    AspectText.objects.create(material=team, aspect=first_aspect, heading="带头学习测试内容方面：")
    team.problems.filter(headline="理论学习不够深入").update(headline="落实“第一议题”制度不够严格")
    aspect = paragraph_starting(team_doc(filled_meeting), "（一）")
    assert aspect.text.startswith("（一）带头学习测试内容方面：一是落实“第一议题”制度不够严格。学习计划")


@pytest.mark.parametrize(
    ("headline", "printed"),
    [
        ("严格落实“一岗双责”", "严格落实“一岗双责”。"),
        ("学习《条例》", "学习《条例》。"),
        ("他说：“要抓紧。”", "他说：“要抓紧。”"),
        ("为什么学而不用？", "为什么学而不用？"),
        ("有以下表现：", "有以下表现："),
    ],
)
def test_a_sentence_ends_in_a_full_stop_unless_it_already_ends_one(headline, printed):
    assert sentence(headline) == printed
