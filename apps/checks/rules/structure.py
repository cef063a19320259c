"""Rules over the structure of a material: what each aspect, problem and measure must have."""

from __future__ import annotations

import re

from apps.checks.findings import ERROR, WARNING, Finding
from apps.checks.loaded import LoadedMaterial
from apps.core.numbering import inline_marker, subheading_marker
from apps.exports.context.text import cn_date

EXAMPLE_WORDS = re.compile("比如|譬如|例如|再如|如：")


def missing_example(loaded: LoadedMaterial, ctx) -> list[Finding]:
    """An aspect whose problems give no concrete example (督导组: 问题不具体，没有事例)."""
    findings = []
    for block in loaded.blocks:
        if not block.problems:
            continue
        if any(p.example.strip() or EXAMPLE_WORDS.search(p.elaboration) for p in block.problems):
            continue
        first = block.problems[0]
        message = "本方面的问题都没有具体事例：请至少在一条问题的“典型事例”中以“比如，”写出时间、事情和后果。"
        findings.append(
            Finding(
                "missing_example",
                WARNING,
                f"{block.name} · 一是 · 典型事例",
                message,
                "problem",
                first.pk,
                "example",
            )
        )
    return findings


def empty_aspect(loaded: LoadedMaterial, ctx) -> list[Finding]:
    findings = []
    for block in loaded.blocks:
        if not block.problems:
            message = "本方面还没有查摆问题：每个方面都要对照查摆，请至少写一条问题。"
            findings.append(
                Finding("empty_aspect", WARNING, block.name, message, "aspect", block.aspect.pk, "lead_in")
            )
    return findings


def _problem_place(loaded: LoadedMaterial):
    """(where, problem) for every problem, named 「（一）学习 · 二是」."""
    for block in loaded.blocks:
        for number, problem in enumerate(block.problems, start=1):
            yield f"{block.name} · {inline_marker(number)}", problem


def unexplained_problem(loaded: LoadedMaterial, ctx) -> list[Finding]:
    if not loaded.problems:
        return []
    if not loaded.causes:
        message = "还没有剖析原因：请在“原因剖析”中写出问题产生的原因，并关联对应的问题。"
        return [
            Finding(
                "unexplained_problem",
                WARNING,
                "原因剖析",
                message,
                "material",
                loaded.material.pk,
                "causes_lead",
            )
        ]
    findings = []
    for where, problem in _problem_place(loaded):
        if problem.pk not in loaded.cause_links:
            message = f"问题“{problem.headline}”没有对应的原因：请在“原因剖析”中关联一条原因，或补写原因。"
            findings.append(
                Finding("unexplained_problem", WARNING, where, message, "problem", problem.pk, "headline")
            )
    return findings


def unanswered_problem(loaded: LoadedMaterial, ctx) -> list[Finding]:
    if not loaded.problems:
        return []
    if not loaded.measures:
        message = "还没有整改措施：请在“整改措施”中针对问题写出措施，并关联对应的问题。"
        return [
            Finding(
                "unanswered_problem",
                WARNING,
                "整改措施",
                message,
                "material",
                loaded.material.pk,
                "measures_lead",
            )
        ]
    findings = []
    for where, problem in _problem_place(loaded):
        if problem.pk not in loaded.measure_links:
            message = (
                f"问题“{problem.headline}”没有对应的整改措施：请在“整改措施”中关联一项措施，或补写措施。"
            )
            findings.append(
                Finding("unanswered_problem", WARNING, where, message, "problem", problem.pk, "headline")
            )
    return findings


def _measure_where(number: int) -> str:
    return f"措施{subheading_marker(number)}"


def measure_without_owner(loaded: LoadedMaterial, ctx) -> list[Finding]:
    """Team measures name a 责任领导; a personal material's measures are its author's own."""
    if not loaded.material.is_team:
        return []
    findings = []
    for number, measure in enumerate(loaded.measures, start=1):
        if measure.owner_id is None:
            message = f"措施“{measure.headline}”没有责任领导：请选择负责落实的班子成员。"
            findings.append(
                Finding(
                    "measure_without_owner",
                    WARNING,
                    f"{_measure_where(number)} · 责任领导",
                    message,
                    "measure",
                    measure.pk,
                    "owner",
                )
            )
    return findings


def measure_without_deadline(loaded: LoadedMaterial, ctx) -> list[Finding]:
    findings = []
    for number, measure in enumerate(loaded.measures, start=1):
        if measure.deadline is None and measure.kind != measure.Kind.LONG_TERM:
            message = (
                f"措施“{measure.headline}”没有完成时限："
                "请填写完成时限，长期坚持的措施请把整改类型选为“长期坚持”。"
            )
            findings.append(
                Finding(
                    "measure_without_deadline",
                    WARNING,
                    f"{_measure_where(number)} · 完成时限",
                    message,
                    "measure",
                    measure.pk,
                    "deadline",
                )
            )
    return findings


def deadline_before_meeting(loaded: LoadedMaterial, ctx) -> list[Finding]:
    meeting_date = loaded.meeting.date
    if meeting_date is None:
        return []
    findings = []
    for number, measure in enumerate(loaded.measures, start=1):
        if measure.deadline is not None and measure.deadline < meeting_date:
            message = (
                f"完成时限（{cn_date(measure.deadline)}）早于会议日期（{cn_date(meeting_date)}）："
                "整改在会后进行，请改为会议之后的日期。"
            )
            findings.append(
                Finding(
                    "deadline_before_meeting",
                    ERROR,
                    f"{_measure_where(number)} · 完成时限",
                    message,
                    "measure",
                    measure.pk,
                    "deadline",
                )
            )
    return findings
