"""The situation report (情况报告), written from the records of the meeting."""

from collections.abc import Sequence

from apps.core.numbering import heading_marker, inline_marker
from apps.entries.models import Material, Problem
from apps.exports.context.blocks import Block, Heading, Paragraph, Run, TextDocument
from apps.exports.context.loading import (
    Entries,
    aspect_title,
    group_by_aspect,
    load_material,
    outline_sections,
)
from apps.exports.context.materials import measure_paragraphs
from apps.exports.context.names import file_stem, meeting_phrase, who
from apps.exports.context.text import (
    cn_date,
    count_numeral,
    flow,
    lines_of,
    merge_runs,
    one_line,
    placeholder,
    sentence,
    signature_lines,
    split_title,
)
from apps.exports.documents import DocumentRef, Kind
from apps.ledger import carryover
from apps.meetings.models import Meeting
from apps.meetings.selectors import meeting_attendance, opinions_sentence
from apps.outlines.models import Aspect, SectionPart


def _quoted_list(items: Sequence[str], limit: int = 3) -> str:
    shown = "".join(f"“{item}”" for item in items[:limit])
    return shown + ("等" if len(items) > limit else "")


def _steps_paragraph(intro: str, steps: Sequence[tuple[str, str]]) -> list[Paragraph]:
    """``intro 一是lead。text二是lead。text…`` in one paragraph, as the seed reports write steps."""
    runs: list[Run] = [Run(intro)] if intro else []
    for number, (lead, text) in enumerate(steps, start=1):
        runs += [Run(inline_marker(number) + sentence(lead), "strong"), Run(text)]
    return [Paragraph(merge_runs(runs))] if steps else []


def _preparation_blocks(meeting: Meeting, team: Entries, member_problems: int, members: int) -> list:
    steps: list[tuple[str, str]] = []
    topics = [
        one_line(topic)
        for topic in meeting.study_sessions.order_by("date", "pk").values_list("topic", flat=True)
    ]
    if topics:
        steps.append(
            ("深入学习研讨", f"会前组织集中学习研讨{len(topics)}次，围绕{_quoted_list(topics)}主题学习交流。")
        )
    solicitations = list(meeting.solicitations.all())
    opinions = list(meeting.opinions.values_list("aspect_id", "claimed_by_id"))
    if solicitations or opinions:
        methods: list[str] = []
        for solicitation in solicitations:
            label = solicitation.get_method_display()
            if label not in methods:
                methods.append(label)
        forums = sum(1 for s in solicitations if s.method == "forum")
        text = f"通过{'、'.join(methods)}等方式广泛征求意见，" if methods else "广泛征求意见，"
        if forums:
            text += f"召开座谈会{forums}场，"
        if opinions:
            aspects = len({aspect for aspect, _ in opinions if aspect})
            claimed = sum(1 for _, problem in opinions if problem)
            text += opinions_sentence(len(opinions), aspects) + "，"  # the 会前准备 page's wording
            text += "已全部认领。" if claimed == len(opinions) else f"已认领{claimed}条。"
        else:
            text = text.rstrip("，") + "。"
        steps.append(("广泛征求意见", text))
    talks = meeting.talks.count()
    if talks:
        steps.append(
            ("开展谈心谈话", f"班子成员之间、班子成员与干部职工开展谈心谈话{talks}人次，交流思想、交换意见。")
        )
    facts = []
    if team.problems:
        facts.append(f"班子对照检查查摆问题{len(team.problems)}条")
    if team.causes:
        facts.append(f"剖析原因{count_numeral(len(team.causes))}个方面")
    if team.measures:
        facts.append(f"制定整改措施{len(team.measures)}条")
    if members:
        facts.append(f"{members}名班子成员撰写了个人对照检查材料，查摆个人问题{member_problems}条")
    if facts:
        steps.append(("认真撰写对照检查材料", "，".join(facts) + "。"))
    intro = f"为开好这次{meeting.get_kind_display()}，班子认真做好会前各项准备工作。"
    blocks = _steps_paragraph(intro, steps)
    return blocks or [placeholder("尚未填写会前准备情况（学习研讨、征求意见、谈心谈话）")]


def absence_clause(reason: str) -> str:
    """``因…请假`` around a reason however it was typed: “出差”, “因公出差”, “因病请假。” all read
    once, never “因因公出差请假”."""
    reason = one_line(reason).rstrip("。；;，, ")
    reason = reason.removeprefix("因")
    reason = reason.removesuffix("请假").rstrip("，, ")
    return f"因{reason}请假" if reason else "请假"


def _attendance_sentence(meeting: Meeting, phrase: str) -> str:
    rows = meeting_attendance(meeting)  # the list 会议信息 shows, unsaved defaults included
    sentence = f"{cn_date(meeting.date)}，" if meeting.date else ""
    sentence += f"{who(meeting)}召开{phrase}。"
    clauses = []
    if meeting.host_id:
        clauses.append(f"会议由{one_line(meeting.host.title)}{one_line(meeting.host.name)}同志主持")
    present = [one_line(row.member.name) for row in rows if row.present]
    if present:
        clauses.append(f"班子成员{'、'.join(present)}同志参加会议")
    for row in rows:
        if not row.present:
            clauses.append(f"{one_line(row.member.name)}同志{absence_clause(row.absence_reason)}")
    if clauses:
        sentence += "，".join(clauses) + "。"
    supervisors = one_line(meeting.supervisor_org) + one_line(meeting.supervisor_names)
    if supervisors:
        sentence += f"{supervisors}到会指导。"
    return sentence


def previous_rectification(meeting: Meeting, team: Material | None) -> str:
    """``会议通报了上年度民主生活会整改落实情况：查摆的…``: the previous meeting's team measures
    counted as the recap counts them (apps.ledger.carryover), as of the report's date. Empty
    without a previous meeting or when it set no measures."""
    previous = carryover.previous_material(team or Material(meeting=meeting))
    measures = list(carryover.measures_of(previous)) if previous else []
    if not measures:
        return ""
    as_of = meeting.report_date or meeting.date
    summary = carryover.rectification_summary(measures, problems=previous.problems.count(), today=as_of)
    label = carryover.meeting_label(previous.meeting, meeting)
    # A narrative that already tells of the report (周明远同志通报了上年度…整改落实情况) is followed
    # by the counts alone.
    told = "整改落实情况" in one_line(meeting.narrative)
    text = label if told else f"会议通报了{label}整改落实情况："
    text += carryover.summary_clause(summary)
    if summary.overdue:
        late = "均" if summary.overdue == summary.open else f"中有{summary.overdue}项"
        text += f"，未完成的{summary.open}项{late}已超过完成时限"
    return text + "。"


def _meeting_blocks(
    meeting: Meeting,
    phrase: str,
    aspects: Sequence[Aspect],
    team: Entries,
    member_problems: Sequence[Problem],
) -> list[Block]:
    blocks: list[Block] = list(flow(meeting.narrative))
    if not blocks:
        blocks.append(Paragraph((Run(_attendance_sentence(meeting, phrase)),)))
    recap = previous_rectification(meeting, team.material)
    if recap:
        blocks.append(Paragraph((Run(recap),)))
    found = [(aspect, problems) for aspect, problems in group_by_aspect(aspects, team.problems) if problems]
    if found:
        runs = [Run(f"通过对照检查，班子重点查找出{count_numeral(len(found))}个方面的问题：")]
        for number, (aspect, problems) in enumerate(found, start=1):
            headlines = "；".join(sentence(problem.headline).rstrip("。") for problem in problems)
            runs.append(Run(f"{inline_marker(number)}在{aspect_title(aspect)}，存在{headlines}等问题。"))
        blocks.append(Paragraph(merge_runs(runs)))
    by_aspect = [(aspect, len(problems)) for aspect, problems in group_by_aspect(aspects, member_problems)]
    by_aspect = [(aspect, count) for aspect, count in by_aspect if count]
    if by_aspect:
        runs = [
            Run(
                f"班子成员逐一进行对照检查，开展批评和自我批评，共查摆个人问题{len(member_problems)}条，"
                f"主要集中在{count_numeral(len(by_aspect))}个方面："
            )
        ]
        for number, (aspect, count) in enumerate(by_aspect, start=1):
            end = "。" if number == len(by_aspect) else "；"
            runs.append(Run(f"{inline_marker(number)}{aspect_title(aspect)}{count}条{end}"))
        blocks.append(Paragraph(merge_runs(runs)))
    if lines_of(meeting.supervisor_remarks):
        remarker = one_line(meeting.supervisor_org) or "督导组"
        blocks += flow(Run(f"{remarker}对会议进行了点评："), meeting.supervisor_remarks)
    return blocks


def _rectification_blocks(team: Entries) -> list[Block]:
    if not team.measures:
        return [placeholder("尚未填写整改措施")]
    count = len(team.measures)
    lead = (
        f"会后，班子针对查摆出的问题制定整改措施{count}条，逐条明确责任领导、责任部门和完成时限，"
        f"实行清单管理、销号管理。主要有以下{count_numeral(count)}个方面："
    )
    blocks: list[Block] = [Paragraph((Run(lead),))]
    for number, measure in enumerate(team.measures, start=1):
        blocks += measure_paragraphs(number, measure, details=True)
    return blocks


def situation_report(meeting: Meeting, ref: DocumentRef) -> TextDocument:
    phrase = meeting_phrase(meeting)
    team = Entries.of(load_material(meeting, None))
    aspects = list(meeting.outline.aspects.all())
    member_problems = list(
        Problem.objects.filter(material__meeting=meeting, material__member__isnull=False)
        .select_related("aspect")
        .order_by("aspect__position", "material__member__position", "position")
    )
    members = Material.objects.filter(meeting=meeting, member__isnull=False).count()
    when = f"于{cn_date(meeting.date)}" if meeting.date else ""
    blocks: list[Block] = [
        Paragraph((Run(f"按照上级有关部署要求，{who(meeting)}{when}召开了{phrase}。现将有关情况报告如下："),))
    ]
    number = 0
    for part, heading in outline_sections(meeting, Kind.SITUATION):
        if part == SectionPart.PREPARATION:
            body = _preparation_blocks(meeting, team, len(member_problems), members)
        elif part == SectionPart.MEETING:
            body = _meeting_blocks(meeting, phrase, aspects, team, member_problems)
        elif part == SectionPart.RECTIFICATION:
            body = _rectification_blocks(team)
        else:
            continue
        number += 1
        blocks += [Heading(heading_marker(number) + heading), *body]
    blocks.append(Paragraph((Run("特此报告。"),)))
    title = f"{one_line(meeting.title)}情况报告"
    return TextDocument(
        ref=ref,
        title=title,
        title_lines=split_title(title),
        author="",
        blocks=tuple(blocks),
        signature=signature_lines(one_line(meeting.unit.name), meeting.report_date),
        file_stem=file_stem(meeting, ref),
        unit_name=one_line(meeting.unit.name),
    )
