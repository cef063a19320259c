"""The export context: numbering, counts from the data, empty parts, and a fixed number of queries."""

import datetime

import pytest

from apps.entries import services as entries
from apps.entries.models import Cause, Material, Measure, MeasureItem, Problem
from apps.exports.context import (
    Heading,
    Paragraph,
    Run,
    Subheading,
    TextDocument,
    absence_clause,
    build_export_context,
)
from apps.exports.documents import DocumentNotFound
from apps.meetings.models import Meeting
from apps.outlines.models import OutlineSection
from tests.exports.readback import in_order, team_outline

LEDGER_HEADERS = [
    *("序号", "问题来源", "所属方面", "问题", "整改措施", "责任领导", "责任部门", "完成时限", "类型"),
    *("进展", "佐证材料", "状态", "完成日期"),
]


def text_of(meeting: Meeting, document: str) -> TextDocument:
    doc = build_export_context(meeting, document)
    assert isinstance(doc, TextDocument)
    return doc


def test_team_material_prints_the_outline_in_order_with_numbers(filled_meeting):
    doc = text_of(filled_meeting, "team")
    assert doc.title == "测试局党委班子2030年度民主生活会对照检查材料"
    assert in_order(doc.text, team_outline(filled_meeting))
    assert "一是理论学习不够深入。学习计划执行不严。比如，全年专题研讨只有2次。" in doc.text
    assert "（一）强化理论武装。完善学习制度。一要每季度研讨一次。二要建立学习台账。" in doc.text


def test_a_team_material_runs_each_aspect_in_one_paragraph_by_default(filled_meeting):
    doc = text_of(filled_meeting, "team")
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["一、存在的主要问题", "二、产生问题的原因剖析", "三、整改措施和努力方向"]
    assert not [b for b in doc.blocks if isinstance(b, Subheading)]
    aspect = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("（一）带头"))
    assert aspect.runs[0] == Run("（一）带头学习测试内容方面。", "kai")
    assert aspect.runs[1].style == "body"
    assert aspect.runs[1].text.startswith("一是理论学习不够深入。学习计划执行不严。比如，")
    assert "二是调查研究不够扎实。到基层少。" in aspect.text
    cause = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("（一）理论"))
    assert cause.runs[0].style == "kai"


def test_the_separate_layout_puts_the_heading_on_its_own_line_and_a_problem_per_paragraph(filled_meeting):
    filled_meeting.materials.filter(member=None).update(layout=Material.Layout.SEPARATE)
    doc = text_of(filled_meeting, "team")
    assert [b.text for b in doc.blocks if isinstance(b, Subheading)][0] == "（一）带头学习测试内容方面"
    problem = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("一是"))
    assert problem.runs[0].style == "strong" and problem.runs[0].text == "一是理论学习不够深入。"


def test_counts_in_the_text_come_from_the_data(filled_meeting):
    doc = text_of(filled_meeting, "team")
    assert "深刻剖析产生上述问题的原因，主要有以下两个方面：" in doc.text  # 两个, never 二个
    assert "班子将在以下两个方面着力整改：" in doc.text
    team = filled_meeting.materials.get(member=None)
    entries.cause_add(material=team, headline="第三个原因")
    assert "主要有以下三个方面：" in text_of(filled_meeting, "team").text


def test_an_aspect_without_problems_is_kept_and_marked(filled_meeting):
    doc = text_of(filled_meeting, "team")
    third = next(i for i, b in enumerate(doc.blocks) if b.text == "（三）带头廉洁测试内容方面。")
    marker = doc.blocks[third + 1]
    assert isinstance(marker, Paragraph) and marker.placeholder
    assert marker.text == "【待补充：本方面尚未填写查摆的问题】"


def test_an_empty_material_still_exports_its_outline(meeting):
    doc = text_of(meeting, "team")
    assert [b.text for b in doc.blocks if isinstance(b, Heading)][0] == "一、存在的主要问题"
    placeholders = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.placeholder]
    assert placeholders == [
        "【待补充：本方面尚未填写查摆的问题】",
        "【待补充：本方面尚未填写查摆的问题】",
        "【待补充：本方面尚未填写查摆的问题】",
        "【待补充：尚未填写原因剖析】",
        "【待补充：尚未填写整改措施】",
    ]


def test_sections_come_from_the_outline_when_it_has_them(filled_meeting):
    outline = filled_meeting.outline
    for position, (part, heading) in enumerate(
        [("problems", "查摆的问题"), ("measures", "整改方向"), ("causes", "原因")], start=1
    ):
        OutlineSection.objects.create(
            outline=outline, document="team", part=part, position=position, heading=heading
        )
    headings = [b.text for b in text_of(filled_meeting, "team").blocks if isinstance(b, Heading)]
    assert headings == ["一、查摆的问题", "二、整改方向", "三、原因"]


def test_personal_material_is_first_person_with_author_and_recap(filled_meeting, unit):
    sun = unit.members.get(position=3)
    doc = text_of(filled_meeting, f"member:{sun.pk}")
    assert doc.title == "2030年度民主生活会个人对照检查材料"
    assert doc.author == "职务　孙委员"
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings[0] == "一、上年度民主生活会整改措施落实情况"
    assert in_order(
        doc.text, ["上年度问题已整改。", "（二）带头落实测试内容方面", "一是分管工作推进慢。比如，项目延期。"]
    )
    assert doc.signature == ()
    assert doc.file_stem == "测试市测试局党委孙委员同志2030年度民主生活会个人对照检查材料"


def test_an_empty_recap_is_left_out_and_the_numbering_closes_up(filled_meeting, unit):
    qian = unit.members.get(position=2)
    Material.objects.create(meeting=filled_meeting, member=qian)
    headings = [b.text for b in text_of(filled_meeting, f"member:{qian.pk}").blocks if isinstance(b, Heading)]
    assert headings == ["一、对照检查查摆的问题", "二、问题产生的原因剖析", "三、今后努力方向和整改措施"]


def test_member_of_another_unit_or_unknown_is_not_found(filled_meeting, other_unit):
    with pytest.raises(DocumentNotFound):
        build_export_context(filled_meeting, f"member:{other_unit.members.get().pk}")
    with pytest.raises(DocumentNotFound):
        build_export_context(filled_meeting, "member:999999")


def test_situation_report_is_written_from_the_records(filled_meeting):
    doc = text_of(filled_meeting, "situation")
    assert doc.title == "测试局党委2030年度民主生活会情况报告"
    assert in_order(
        doc.text,
        [
            "测试局党委于2031年1月5日召开了2030年度民主生活会",
            "一、精心组织准备，深入查摆问题",
            "一是深入学习研讨。会前组织集中学习研讨1次，围绕“集中学习党章”主题学习交流。",
            "二是广泛征求意见。通过座谈会等方式广泛征求意见，召开座谈会1场，征求到1个方面共2条意见建议，已认领1条。",
            "三是开展谈心谈话。",
            "班子对照检查查摆问题3条，剖析原因两个方面，制定整改措施2条，1名班子成员撰写了个人对照检查材料，查摆个人问题1条",
            "二、深刻对照检查，真诚批评帮助",
            "2031年1月5日，测试局党委召开2030年度民主生活会。会议由职务赵书记同志主持，班子成员赵书记、孙委员同志参加会议，"
            "钱副书记同志因外出学习请假。市委第一督导组王督导、李督导到会指导。",
            "通过对照检查，班子重点查找出两个方面的问题：一是在带头学习测试内容方面，存在理论学习不够深入；调查研究不够扎实等问题。",
            "共查摆个人问题1条，主要集中在一个方面：一是带头落实测试内容方面1条。",
            "市委第一督导组对会议进行了点评：会议准备充分，问题查摆具体。",
            "三、制定整改措施，强力推进落实",
            "制定整改措施2条",
            "（责任领导：赵书记；责任部门：办公室；完成时限：2031年6月30日）",
            "特此报告。",
        ],
    )
    assert doc.signature[0].text == "测试市测试局党委"
    assert "上年度" not in doc.text  # no earlier meeting: nothing to report of last year


def test_ledger_has_one_row_per_measure_with_real_dates(filled_meeting):
    sheet = build_export_context(filled_meeting, "ledger")
    assert [c.header for c in sheet.columns] == LEDGER_HEADERS
    first, second = sheet.rows
    assert first[:4] == (1, "征求意见、自查", "学习", "1. 理论学习不够深入。\n2. 调查研究不够扎实。")
    assert first[4] == "强化理论武装。\n完善学习制度。\n一要每季度研讨一次。\n二要建立学习台账。"
    assert first[5:9] == ("赵书记", "办公室", datetime.date(2031, 6, 30), "限期整改")
    assert second[1:4] == ("巡视巡察", "落实", "落实部署不够有力。")
    assert second[8:] == (
        "立行立改",
        "2031年3月20日：已完成并销号。",
        "",
        "已销号",
        datetime.date(2031, 3, 20),
    )


def test_opinion_summary_lists_every_opinion_with_its_claim(filled_meeting):
    sheet = build_export_context(filled_meeting, "opinions")
    assert sheet.title == "测试局党委2030年度民主生活会征求意见汇总（1个方面共2条）"
    first, second = sheet.rows
    assert first == (
        1,
        "座谈会",
        datetime.date(2030, 12, 15),
        "",
        "学习",
        "学习要更深入。",
        "班子",
        "理论学习不够深入。",
        "班子",
    )
    assert second[5:] == ("希望多下基层。", "孙委员", "未认领", "")


@pytest.mark.parametrize("document", ["team", "situation", "ledger"])
def test_query_count_does_not_grow_with_entries(filled_meeting, document, django_assert_max_num_queries):
    meeting = Meeting.objects.with_related().get(pk=filled_meeting.pk)
    team = meeting.materials.get(member=None)
    aspects = list(meeting.outline.aspects.all())

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            problem = Problem.objects.create(
                material=team, aspect=aspects[n % 3], position=n, headline=f"问题{n}"
            )
            cause = Cause.objects.create(material=team, position=n, headline=f"原因{n}")
            cause.problems.add(problem)
            measure = Measure.objects.create(material=team, position=n, headline=f"措施{n}")
            measure.problems.add(problem)
            MeasureItem.objects.create(measure=measure, position=1, text="细项")

    add(10, 2)
    with django_assert_max_num_queries(20) as few:
        build_export_context(meeting, document)
    add(20, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        build_export_context(meeting, document)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("出差", "因出差请假"),
        ("因公出差", "因公出差请假"),  # 因公 is the reason itself: one 因 only
        ("因病请假。", "因病请假"),
        ("参加培训，经督导组同意请假", "因参加培训，经督导组同意请假"),
        ("", "请假"),
    ],
)
def test_an_absence_reads_once_however_the_reason_was_typed(typed, printed):
    assert absence_clause(typed) == printed
