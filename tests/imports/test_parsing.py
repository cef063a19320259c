"""The parser on short drafts of our own writing, one numbering form or layout at a time, against the
test outline (带头学习测试内容 / 带头落实测试内容 / 带头廉洁测试内容)."""

import pytest

from apps.imports.parsing import propose
from apps.imports.services import validate

TITLE = "测试局党委班子民主生活会对照检查材料"
PREAMBLE = (
    "按照要求，班子做了四项准备：一是认真学习。二是广泛征求意见。三是谈心谈话。四是撰写材料。现报告如下："
)
CAUSES = [
    "二、产生问题的原因剖析",
    "深入剖析，原因有以下两个方面：",
    "（一）理论学习抓得不紧。学习计划落实不到位。",
    "（二）宗旨意识有所淡化。联系群众不够经常。",
]
MEASURES = [
    "三、整改措施和努力方向",
    "班子将从以下两个方面整改：",
    "（一）加强理论武装。坚持集体学习。一要完善学习制度；二要开展专题研讨。",
    "（二）密切联系群众。一要深入基层调研。二要办好民生实事。三要畅通意见渠道。",
]


def draft(*problem_lines: str, causes=CAUSES, measures=MEASURES, tail=()) -> list[str]:
    return [TITLE, PREAMBLE, "一、存在的主要问题", *problem_lines, *causes, *measures, *tail]


def parse(meeting, lines, personal=False):
    return propose(list(lines), meeting, personal=personal)


RUN_IN = [
    "（一）带头学习测试内容方面。班子坚持集体学习，但还存在一些问题：一是学习不够深入。集中学习多。比如，研讨发言照读材料。二是学用结合不紧。联系实际不够。",
    "（二）带头落实测试内容方面。一是落实不够有力。部署多督查少。",
    "（三）带头廉洁测试内容方面。一是廉洁教育不够经常。警示教育偏少。",
]


def test_run_in_blocks_heading_lead_in_and_inline_problems(meeting):
    proposal = parse(meeting, draft(*RUN_IN))
    assert proposal.layout == "run_in"
    first = proposal.aspects[0]
    assert first.heading == "带头学习测试内容方面"
    assert first.lead_in == "班子坚持集体学习，但还存在一些问题："
    assert [p.headline for p in first.problems] == ["学习不够深入", "学用结合不紧"]
    assert first.problems[0].elaboration == "集中学习多。"
    assert first.problems[0].example == "比如，研讨发言照读材料。"
    assert [a.aspect_id for a in proposal.aspects] == list(
        meeting.outline.aspects.order_by("position").values_list("pk", flat=True)
    )
    assert all(a.sure for a in proposal.aspects)
    assert proposal.preamble == PREAMBLE  # its 一是…四是 are preparation steps, not problems
    assert proposal.warnings == [] and proposal.unplaced == []


@pytest.mark.parametrize("marker", ["（一）", "(一)", "( 一 )"])
def test_separate_layout_with_full_or_half_width_brackets_and_a_paragraph_per_problem(meeting, marker):
    lines = draft(
        f"{marker}带头学习测试内容方面",
        "一是学习不够深入。集中学习多。",
        "二是学用结合不紧。联系实际不够。",
        f"{marker.replace('一', '二')}带头落实测试内容方面",
        "一是落实不够有力。",
    )
    proposal = parse(meeting, lines)
    assert proposal.layout == "separate"
    assert [len(a.problems) for a in proposal.aspects] == [2, 1]
    assert proposal.aspects[0].problems[1].headline == "学用结合不紧"


@pytest.mark.parametrize("form", ["{n}.", "{n}．", "{n}、", "（{n}）"])
def test_problems_numbered_by_decimal_paragraphs(meeting, form):
    lines = draft(
        "（一）带头学习测试内容方面",
        "班子坚持学习，但还有不足：",
        form.format(n=1) + "学习不够深入。集中学习多。",
        form.format(n=2) + "学用结合不紧。",
    )
    aspect = parse(meeting, lines).aspects[0]
    assert aspect.lead_in == "班子坚持学习，但还有不足："
    assert [p.headline for p in aspect.problems] == ["学习不够深入", "学用结合不紧"]
    assert aspect.problems[0].elaboration == "集中学习多。"


def test_yi_shi_inside_a_word_does_not_split(meeting):
    lines = draft(
        "（一）带头学习测试内容方面。一是思想不够统一。思想统一是前提，认识唯一是关键。二是学习不够深入。"
    )
    problems = parse(meeting, lines).aspects[0].problems
    assert [p.headline for p in problems] == ["思想不够统一", "学习不够深入"]
    assert problems[0].elaboration == "思想统一是前提，认识唯一是关键。"


def test_a_next_number_after_a_comma_is_not_split_but_warned(meeting):
    proposal = parse(meeting, draft("（一）带头学习测试内容方面。一是学习不够，二是落实不力。"))
    assert len(proposal.aspects[0].problems) == 1
    assert any("二是" in warning for warning in proposal.warnings)


def test_causes_and_measures_leads_numbering_and_sub_items(meeting):
    proposal = parse(meeting, draft(*RUN_IN))
    assert proposal.causes_lead == "深入剖析，原因有以下两个方面："
    assert [c.headline for c in proposal.causes] == ["理论学习抓得不紧", "宗旨意识有所淡化"]
    assert proposal.causes[0].elaboration == "学习计划落实不到位。"
    assert proposal.measures_lead == "班子将从以下两个方面整改："
    first, second = proposal.measures
    assert (first.headline, first.elaboration) == ("加强理论武装", "坚持集体学习。")
    assert first.items == ["完善学习制度", "开展专题研讨"]
    assert second.items == ["深入基层调研", "办好民生实事", "畅通意见渠道"]
    assert proposal.causes_numbering == proposal.measures_numbering == "paren"
    assert proposal.item_marker == "要"


def test_decimal_causes_and_inline_measures_with_yi_shi_sub_items(meeting):
    causes = ["二、问题产生的原因分析", "1．理论学习抓得不紧。学习计划落实不到位。", "2．宗旨意识有所淡化。"]
    measures = ["三、今后努力方向和整改措施", "（一）加强理论武装。一是完善学习制度。二是开展专题研讨。"]
    proposal = parse(meeting, draft(*RUN_IN, causes=causes, measures=measures))
    assert proposal.causes_numbering == "decimal" and len(proposal.causes) == 2
    assert proposal.measures[0].items == ["完善学习制度", "开展专题研讨"]
    assert proposal.item_marker == "是"
    assert any("一是、二是" in warning for warning in proposal.warnings)


def test_inline_causes_in_one_paragraph(meeting):
    causes = ["二、产生问题的原因剖析", "原因主要是：一是理论学习抓得不紧。学得不深。二是宗旨意识有所淡化。"]
    proposal = parse(meeting, draft(*RUN_IN, causes=causes))
    assert proposal.causes_numbering == "inline"
    assert proposal.causes_lead == "原因主要是："
    assert [c.headline for c in proposal.causes] == ["理论学习抓得不紧", "宗旨意识有所淡化"]


def test_closing_and_dated_signature(meeting):
    tail = ["我们将以此次民主生活会为契机，抓好整改落实。", "测试市测试局党委", "2031年1月5日"]
    proposal = parse(meeting, draft(*RUN_IN, tail=tail))
    assert proposal.closing == "我们将以此次民主生活会为契机，抓好整改落实。"
    assert proposal.measures[-1].items[-1] == "畅通意见渠道"
    assert (proposal.signature, proposal.signature_date) == ("chosen_date", "2031-01-05")
    assert proposal.signature_unit == "测试市测试局党委"
    assert proposal.unplaced == []


def test_signature_without_date_and_without_signature(meeting):
    assert parse(meeting, draft(*RUN_IN, tail=["测试局党委"])).signature == "undated"
    assert parse(meeting, draft(*RUN_IN)).signature == "none"


def test_personal_material_author_line_and_aspects_as_parts(meeting):
    lines = [
        "个人对照检查材料",
        "赵书记",
        "按照要求，我认真查摆了问题。现报告如下：",
        "一、带头学习测试内容方面",
        "一是学习不够深入。",
        "二、带头落实测试内容方面",
        "一是落实不够有力。二是督查不严。",
        "三、原因剖析",
        "（一）理论学习抓得不紧。",
        "四、整改措施",
        "（一）加强理论武装。一要完善学习制度。",
    ]
    proposal = parse(meeting, lines, personal=True)
    assert proposal.author == "赵书记" and proposal.preamble.startswith("按照要求")
    assert [len(a.problems) for a in proposal.aspects] == [1, 2]
    assert [a.aspect_id is not None for a in proposal.aspects] == [True, True]
    assert len(proposal.causes) == 1 and proposal.measures[0].items == ["完善学习制度"]


def test_unknown_section_is_unplaced_with_a_reason(meeting):
    lines = draft(*RUN_IN, measures=[*MEASURES, "四、其他需要说明的事项", "这里是附带说明。"])
    proposal = parse(meeting, lines)
    assert [u.text for u in proposal.unplaced] == ["其他需要说明的事项", "这里是附带说明。"]
    assert all("未能识别" in u.reason for u in proposal.unplaced)


def test_an_aspect_the_outline_lacks_is_kept_as_text_with_candidates(meeting):
    lines = draft(*RUN_IN, "（四）生态环境保护方面。一是环保督查整改慢。")
    proposal = parse(meeting, lines)
    extra = proposal.aspects[3]
    assert extra.aspect_id is None and not extra.sure
    assert len(extra.candidates) == 3 and {c.aspect_id for c in extra.candidates} == set(
        meeting.outline.aspects.values_list("pk", flat=True)
    )
    assert proposal.summary()["aspects"][3]["matched_aspect"] is None


def test_an_unsure_match_asks_the_drafter(meeting):
    lines = draft("（一）学习和落实方面。一是学得不深。")
    aspect = parse(meeting, lines).aspects[0]
    assert not aspect.sure
    assert aspect.candidates[0].score - aspect.candidates[1].score < 0.2


def test_one_outline_aspect_is_not_taken_twice(meeting):
    lines = draft("（一）带头学习测试内容方面。一是学得不深。", "（二）带头学习测试内容方面。一是用得不够。")
    first, second = parse(meeting, lines).aspects
    assert first.aspect_id is not None and second.aspect_id != first.aspect_id
    assert not second.sure


def test_count_in_a_lead_that_differs_from_the_list_is_warned(meeting):
    causes = ["二、产生问题的原因剖析", "原因有以下三个方面：", "（一）学习不紧。", "（二）宗旨淡化。"]
    proposal = parse(meeting, draft(*RUN_IN, causes=causes))
    assert any("以下3个" in warning and "2 条原因" in warning for warning in proposal.warnings)


def test_a_numbering_gap_is_warned(meeting):
    lines = draft(RUN_IN[0], RUN_IN[2])  # （一） then （三）
    proposal = parse(meeting, lines)
    assert any("缺少（二）" in warning for warning in proposal.warnings)


def test_an_over_long_headline_is_kept_whole_warned_and_refused_by_validate(meeting):
    long_headline = "学习" * 110  # 220 characters, no full stop
    proposal = parse(meeting, draft(f"（一）带头学习测试内容方面。一是{long_headline}。其余说明。"))
    problem = proposal.aspects[0].problems[0]
    assert problem.headline == long_headline
    assert any("超过上限 200 字" in warning for warning in proposal.warnings)
    errors = validate(proposal, meeting.materials.get(member=None))
    assert "超过上限 200 字" in errors["aspects.0.problems.0.headline"]


def test_no_sections_at_all_is_not_a_material(meeting):
    proposal = parse(meeting, ["素材汇编", "01", "学习不够深入的表现。", "02", "联系群众不够。"])
    assert proposal.kind == "unknown" and "没有识别出" in proposal.warnings[0]


@pytest.mark.parametrize(
    ("aspect", "numbering"), [("１．", "decimal"), ("1、", "decimal"), ("（1）", "paren_digit")]
)
def test_aspects_numbered_at_another_level_with_paren_digit_problems_below(meeting, aspect, numbering):
    second = aspect.replace("１", "２").replace("1", "2")
    lines = draft(
        f"{aspect}带头学习测试内容方面",
        "（1）学习不够深入。集中学习多。" if numbering == "decimal" else "1.学习不够深入。集中学习多。",
        "（2）学用结合不紧。" if numbering == "decimal" else "2.学用结合不紧。",
        f"{second}带头落实测试内容方面",
        "（1）落实不够有力。" if numbering == "decimal" else "1.落实不够有力。",
    )
    proposal = parse(meeting, lines)
    assert [a.heading for a in proposal.aspects] == ["带头学习测试内容方面", "带头落实测试内容方面"]
    assert [len(a.problems) for a in proposal.aspects] == [2, 1]
    assert proposal.aspects[0].problems[0].elaboration == "集中学习多。"
    assert proposal.layout == "separate" and proposal.aspect_numbering == numbering
    assert proposal.problem_numbering == ("paren_digit" if numbering == "decimal" else "decimal")
    assert proposal.problems_lead == "" and proposal.unplaced == []


def test_a_first_level_that_does_not_read_as_aspects_is_not_taken_for_them(meeting):
    lines = draft(
        "（一）带头学习测试内容方面",
        "1.学习不够深入。集中学习多。",
        "2.学用结合不紧。",
    )
    lines.insert(3, "1.对照要求查找差距")  # a numbered lead line before the aspects: not an aspect
    proposal = parse(meeting, lines)
    assert [a.heading for a in proposal.aspects] == ["带头学习测试内容方面"]
    assert proposal.aspect_numbering == "paren" and proposal.problem_numbering == "decimal"


def test_a_run_in_heading_keeps_its_closing_colon(meeting):
    lines = draft("（一）带头学习测试内容方面：一是学习不够深入。二是学用结合不紧。")
    aspect = parse(meeting, lines).aspects[0]
    assert aspect.heading == "带头学习测试内容方面："
    assert [p.headline for p in aspect.problems] == ["学习不够深入", "学用结合不紧"]
    assert aspect.sure


def test_a_part_without_a_lead_turns_the_generated_leads_off(meeting):
    proposal = parse(meeting, draft(*RUN_IN))
    assert proposal.auto_leads is True
    measures = [line for line in MEASURES if not line.startswith("班子将")]
    proposal = parse(meeting, draft(*RUN_IN, measures=measures))
    assert proposal.auto_leads is False
    assert any("没有导语" in warning for warning in proposal.warnings)
