"""Every 体检 rule with a text that triggers it and one that does not."""

import datetime

import pytest

from apps.checks.models import StockPhrase
from apps.entries.models import Material
from tests.checks.helpers import (
    add_cause,
    add_measure,
    add_problem,
    aspects_of,
    codes,
    complete_material,
    findings_of,
    set_lead_in,
)


@pytest.fixture
def material(meeting) -> Material:
    return complete_material(meeting.materials.get(member__isnull=True))


def test_a_complete_clean_material_has_no_structural_or_wording_findings(material):
    found = set(codes(material))
    assert not found - {"length"}, found  # a test material is short: only the length hint


def _write(material: Material, text: str) -> None:
    problem = material.problems.first()
    problem.elaboration = text
    problem.save()


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("全年开展调研xx次，走访群众。", True),
        ("XX同志分管的工作推进不力。", True),
        ("××局的做法值得学习借鉴。", True),
        ("**同志在会上作了检讨。", True),
        ("某某同志对这项工作不够重视。", True),
        ("整改完成率仅为x.xx%左右。", True),
        ("只开展了x次专题调研。", True),
        ("全年开展调研12次，走访群众300余人，某单位的经验值得借鉴。", False),
        ("使用Excel表格统计进度。", False),
    ],
)
def test_placeholder(material, text, flagged):
    _write(material, text)
    found = findings_of(material, "placeholder")
    assert bool(found) is flagged
    if flagged:
        assert found[0].severity == "error"
        assert found[0].where == "（一）学习 · 一是 · 具体表现"
        assert found[0].entry_type == "problem" and found[0].field == "elaboration"


def test_pinyin_abbreviation_names_the_word_it_stands_for(material):
    _write(material, "召开mzshh前，组织学习dangshi不够深入。")
    [finding] = findings_of(material, "pinyin_abbreviation")
    assert finding.severity == "error"
    assert "“mzshh”应为“民主生活会”" in finding.message and "党史" in finding.message


def test_pinyin_abbreviation_leaves_acronyms_and_addresses_alone(material):
    _write(material, "推进GDP增长和PPP项目，材料报送至office@example.cn，网址www.example.cn。")
    assert not findings_of(material, "pinyin_abbreviation")


def test_halfwidth_punctuation_between_chinese_characters(material):
    _write(material, "学习不够深入,研讨不够充分;效果(总体)不明显:亟待改进。")
    [finding] = findings_of(material, "halfwidth_punctuation")
    assert "“,”改为“，”" in finding.message and "“;”改为“；”" in finding.message


def test_halfwidth_punctuation_inside_latin_or_numbers_is_fine(material):
    _write(material, "完成率为98.5%，时间为10:30，采用1,000元标准，参见附件(A)。")
    assert not findings_of(material, "halfwidth_punctuation")


def test_doubled_quote(material):
    _write(material, "落实““第一议题””制度不够经常。")
    assert findings_of(material, "doubled_quote")
    _write(material, "落实“第一议题”制度不够经常。")
    assert not findings_of(material, "doubled_quote")


def test_stock_phrase_uses_the_list_an_administrator_edits(material):
    _write(material, "调查研究在一定程度上还停留在面上。")
    [finding] = findings_of(material, "stock_phrase")
    assert "在一定程度上" in finding.message
    StockPhrase.objects.filter(phrase="在一定程度上").update(is_active=False)
    assert not findings_of(material, "stock_phrase")
    StockPhrase.objects.create(phrase="面上", advice="写清哪一级。")
    assert "写清哪一级。" in findings_of(material, "stock_phrase")[0].message


def test_emoji(material):
    _write(material, "学习效果明显👍，但研讨不够深入。")
    assert findings_of(material, "emoji")
    _write(material, "学习效果明显，但研讨不够深入。")
    assert not findings_of(material, "emoji")


def test_missing_glyph_reports_a_character_no_font_has(material):
    _write(material, "学习研讨不够深入\U000f0001。")  # a private-use plane character: no font has it
    [finding] = findings_of(material, "missing_glyph")
    assert "U+F0001" in finding.message
    _write(material, "学习研讨不够深入。")
    assert not findings_of(material, "missing_glyph")


def test_vague_subject_more_than_a_few_times(material):
    _write(material, "有的同志学习不深入，个别同志研讨走过场，少数同志调研不实，有些同志作风漂浮。")
    [finding] = findings_of(material, "vague_subject")
    assert "4次" in finding.message
    _write(material, "有的同志学习不深入，班子成员研讨走过场。")
    assert not findings_of(material, "vague_subject")


def test_missing_example(material):
    problem = material.problems.first()
    problem.example = ""
    problem.save()
    [finding] = findings_of(material, "missing_example")
    assert finding.entry_id == problem.pk and finding.field == "example"
    problem.elaboration = "研讨不深入，譬如上月的研讨只有两人发言。"
    problem.save()
    assert not findings_of(material, "missing_example")


def test_empty_aspect(meeting):
    material = meeting.materials.get(member__isnull=True)
    first, second, third = aspects_of(meeting)
    add_problem(material, first)
    add_problem(material, second)
    [finding] = findings_of(material, "empty_aspect")
    assert finding.where == "（三）廉洁" and finding.entry_type == "aspect" and finding.entry_id == third.pk
    add_problem(material, third)
    assert not findings_of(material, "empty_aspect")


def test_unexplained_and_unanswered_problems(material, meeting):
    extra = add_problem(material, aspects_of(meeting)[0], headline="调查研究不够深入")
    [unexplained] = findings_of(material, "unexplained_problem")
    [unanswered] = findings_of(material, "unanswered_problem")
    assert unexplained.entry_id == unanswered.entry_id == extra.pk
    assert unexplained.where == "（一）学习 · 二是"
    add_cause(material, [extra])
    add_measure(material, [extra], owner=meeting.unit.members.first())
    assert not findings_of(material, "unexplained_problem")
    assert not findings_of(material, "unanswered_problem")


def test_measure_without_owner_or_deadline(material):
    measure = material.measures.first()
    measure.owner = None
    measure.deadline = None
    measure.save()
    assert [f.field for f in findings_of(material, "measure_without_owner")] == ["owner"]
    assert [f.field for f in findings_of(material, "measure_without_deadline")] == ["deadline"]
    measure.kind = measure.Kind.LONG_TERM  # 长期坚持 needs no deadline
    measure.owner = material.meeting.unit.members.first()
    measure.save()
    assert not findings_of(material, "measure_without_owner")
    assert not findings_of(material, "measure_without_deadline")


def test_deadline_before_meeting(material):
    measure = material.measures.first()
    measure.deadline = datetime.date(2030, 12, 1)  # the meeting is on 2031-01-05
    measure.save()
    [finding] = findings_of(material, "deadline_before_meeting")
    assert "2030年12月1日" in finding.message and "2031年1月5日" in finding.message
    measure.deadline = datetime.date(2031, 1, 5)
    measure.save()
    assert not findings_of(material, "deadline_before_meeting")


def test_count_mismatch_in_each_lead(material, meeting):
    material.problems_lead = "对照检查，主要有以下五个方面的问题："
    material.causes_lead = "深入剖析，主要有以下两点："
    material.measures_lead = "针对上述问题，从以下一个方面整改："
    material.save()
    set_lead_in(material, aspects_of(meeting)[0], "班子做了一些工作，但还存在以下三点问题：")
    found = {f.where: f.message for f in findings_of(material, "count_mismatch")}
    assert "导语写的是“以下五个方面”，实际有3个方面" in found["问题部分导语"]
    assert "“以下两点”，实际有1条原因" in found["原因部分导语"]
    assert "（一）学习 · 方面导语" in found
    assert "措施部分导语" not in found  # one measure: right
    material.problems_lead = "对照检查，主要有以下三个方面的问题："
    material.causes_lead = "深入剖析，主要有以下几个方面："  # no number: nothing to compare
    material.save()
    set_lead_in(material, aspects_of(meeting)[0], "班子做了一些工作，但还存在一些问题：")
    assert not findings_of(material, "count_mismatch")


def test_proportion_when_problems_and_causes_are_a_thin_slice(material):
    material.preamble = "会前，班子认真开展学习研讨，广泛征求意见，深入谈心谈话。" * 60
    material.save()
    [finding] = findings_of(material, "proportion")
    assert finding.severity == "hint" and "四分之三" in finding.message
    material.preamble = "会前，班子认真开展学习研讨。"
    material.save()
    problem = material.problems.first()
    problem.elaboration = CLEAN = "班子在推进重点工作中研究不深、办法不多、效果不好。" * 40
    problem.save()
    assert CLEAN and not findings_of(material, "proportion")


def test_length_of_the_material_and_of_one_entry(material):
    [short] = findings_of(material, "length")
    assert short.where == "全文" and "通常在" in short.message
    problem = material.problems.first()
    problem.elaboration = "研究推进重点工作不够深入，办法不多。" * 100  # 1,800 characters
    problem.save()
    long_entry = [f for f in findings_of(material, "length") if f.entry_type == "problem"]
    assert long_entry and long_entry[0].where == "（一）学习 · 一是"
    problem.elaboration = "研究推进重点工作不够深入，办法不多。" * 20
    problem.save()
    assert not [f for f in findings_of(material, "length") if f.entry_type == "problem"]


def test_findings_come_errors_first(material):
    _write(material, "全年开展调研xx次，在一定程度上效果不明显。")
    severities = [
        f.severity for f in __import__("apps.checks.engine", fromlist=["x"]).check_material(material)
    ]
    assert severities == sorted(severities, key=["error", "warning", "hint"].index)
