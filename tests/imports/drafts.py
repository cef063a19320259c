"""Drafts written for these tests (our own text), shaped like real 对照检查材料, and the structure a
reader of them finds, for the meeting of tests/conftest.py (aspects 带头学习/落实/廉洁测试内容)."""

from apps.imports.proposal import (
    AspectCandidate,
    Proposal,
    ProposedAspect,
    ProposedEntry,
    ProposedProblem,
)

MATERIAL_LINES = [
    "测试局党委班子2030年度民主生活会对照检查材料",
    "按照上级通知要求，班子认真开展学习研讨、广泛征求意见、深入谈心谈话，现将对照检查情况报告如下：",
    "一、存在的主要问题",
    "（一）带头学习测试内容方面。班子坚持集中学习，但还存在一些问题：一是学习的系统性不够。对新理论学得不深不透。"
    "比如，去年集中学习只安排了三次。二是学用结合不够紧密。学习成果转化为工作举措的不多。",
    "（二）带头落实测试内容方面。一是推动落实的力度不够。部署多、检查少。二是督办不够及时。有的事项拖了半年。",
    # Worded unlike any aspect of the outline: the review asks the drafter to choose.
    "（三）在作风建设方面。一是廉洁提醒不够经常。节日前后提醒多，平时提醒少。",
    "二、产生问题的原因剖析",
    "（一）理论学习不够深入。对学习的重要性认识不足。",
    "（二）党性修养有所放松。自我要求有所降低。",
    "三、整改措施和努力方向",
    "（一）加强理论学习。一要制定年度学习计划。二要每季度开展一次专题研讨。",
    "（二）狠抓工作落实。建立督办台账，逐项销号。",
]


def material_text() -> str:
    return "\n".join(MATERIAL_LINES)


def material_proposal(meeting, *, lines: list[str] | None = None) -> Proposal:
    """What MATERIAL_LINES hold, matched to ``meeting``'s outline (the third aspect not matched)."""
    aspects = list(meeting.outline.aspects.order_by("position"))
    candidates = [AspectCandidate(a.pk, a.wording, 0.9) for a in aspects]

    def aspect(position: int, heading: str, problems, *, lead_in: str = "", sure: bool = True, line: int):
        return ProposedAspect(
            heading=heading,
            lead_in=lead_in,
            problems=[ProposedProblem(*problem, line=line) for problem in problems],
            aspect_id=aspects[position].pk if sure else None,
            score=0.95 if sure else 0.5,
            sure=sure,
            candidates=candidates,
            line=line,
        )

    return Proposal(
        source_lines=list(lines if lines is not None else MATERIAL_LINES),
        title="测试局党委班子2030年度民主生活会对照检查材料",
        preamble=MATERIAL_LINES[1],
        problems_heading="存在的主要问题",
        aspects=[
            aspect(
                0,
                "带头学习测试内容方面",
                [
                    ("学习的系统性不够", "对新理论学得不深不透。", "比如，去年集中学习只安排了三次。"),
                    ("学用结合不够紧密", "学习成果转化为工作举措的不多。", ""),
                ],
                lead_in="班子坚持集中学习，但还存在一些问题：",
                line=3,
            ),
            aspect(
                1,
                "带头落实测试内容方面",
                [("推动落实的力度不够", "部署多、检查少。", ""), ("督办不够及时", "有的事项拖了半年。", "")],
                line=4,
            ),
            aspect(
                2,
                "带头廉洁测试内容方面",
                [("廉洁提醒不够经常", "节日前后提醒多，平时提醒少。", "")],
                sure=False,
                line=5,
            ),
        ],
        causes_heading="产生问题的原因剖析",
        causes=[
            ProposedEntry("理论学习不够深入", "对学习的重要性认识不足。", line=7),
            ProposedEntry("党性修养有所放松", "自我要求有所降低。", line=8),
        ],
        measures_heading="整改措施和努力方向",
        measures=[
            ProposedEntry("加强理论学习", "", ["制定年度学习计划。", "每季度开展一次专题研讨。"], line=10),
            ProposedEntry("狠抓工作落实", "建立督办台账，逐项销号。", line=11),
        ],
        layout="run_in",
        causes_numbering="paren",
        measures_numbering="paren",
    )


def long_proposal(meeting, *, aspects: int, problems: int) -> Proposal:
    """A proposal of any size, for the query-count tests: every aspect of the outline in turn."""
    outline = list(meeting.outline.aspects.order_by("position"))
    lines, blocks = [], []
    for a in range(aspects):
        items = []
        for p in range(problems):
            lines.append(f"第{a + 1}个方面第{p + 1}条问题的文字。")
            items.append(
                ProposedProblem(f"问题{a + 1}-{p + 1}", "具体表现。", "比如，一件事。", line=len(lines) - 1)
            )
        target = outline[a % len(outline)]
        blocks.append(
            ProposedAspect(
                heading=f"方面{a + 1}",
                problems=items,
                aspect_id=target.pk,
                sure=a % 2 == 0,
                candidates=[AspectCandidate(target.pk, target.wording, 0.6)],
                line=len(lines) - problems,
            )
        )
    causes = [ProposedEntry(f"原因{i}", "剖析。", line=0) for i in range(problems)]
    measures = [ProposedEntry(f"措施{i}", "内容。", ["一项。", "二项。"], line=0) for i in range(problems)]
    return Proposal(source_lines=lines, title="标题", aspects=blocks, causes=causes, measures=measures)
