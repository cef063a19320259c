"""The two lists: 整改台账 and 征求意见汇总."""

from django.utils import timezone

from apps.exports.context.blocks import Column, SheetDocument
from apps.exports.context.names import file_stem
from apps.exports.context.text import lines_of, one_line, sentence
from apps.exports.documents import DocumentRef
from apps.meetings.models import Meeting, Opinion

LEDGER_COLUMNS = (
    Column("序号", 6, "number"),
    Column("问题来源", 10),
    Column("所属方面", 12),
    Column("问题", 36),
    Column("整改措施", 48),
    Column("责任领导", 10),
    Column("责任部门", 16),
    Column("完成时限", 15, "date"),
    Column("类型", 10),
    Column("进展", 30),
    Column("佐证材料", 20),
    Column("状态", 9),
    Column("完成日期", 15, "date"),
)


def ledger(meeting: Meeting, ref: DocumentRef, *, viewer=None) -> SheetDocument:
    """The meeting's 整改台账: the rows of the ledger app (apps.ledger.selectors), every measure of
    the team material and of the personal materials ``viewer`` may read (all of them from the shell,
    ``viewer=None``), unfiltered, in the materials' order."""
    # Imported here: the ledger builds on the exports' columns and writers.
    from apps.ledger import exporting, selectors
    from apps.ledger.filters import LedgerFilters

    scope = selectors.Scope.of_meeting(meeting)
    view = selectors.build_ledger(scope, viewer, LedgerFilters(), today=timezone.localdate())
    return exporting.sheet_document(view, ref)


OPINION_COLUMNS = (
    Column("序号", 6, "number"),
    Column("征求方式", 11),
    Column("征求日期", 15, "date"),
    Column("参加对象", 22),
    Column("所属方面", 12),
    Column("意见建议", 50),
    Column("针对对象", 10),
    Column("认领问题", 36),
    Column("认领人", 10),
)


def opinions_sheet(meeting: Meeting, ref: DocumentRef) -> SheetDocument:
    opinions = list(
        Opinion.objects.filter(meeting=meeting)
        .select_related("solicitation", "aspect", "target_member", "claimed_by__material__member")
        .order_by("position", "pk")
    )
    rows = []
    for number, opinion in enumerate(opinions, start=1):
        solicitation, problem = opinion.solicitation, opinion.claimed_by
        claimer = ""
        if problem is not None:
            owner = problem.material.member
            claimer = one_line(owner.name) if owner else "班子"
        rows.append(
            (
                number,
                solicitation.get_method_display() if solicitation else "",
                solicitation.date if solicitation else None,
                one_line(solicitation.participants) if solicitation else "",
                one_line(opinion.aspect.label) if opinion.aspect_id else "",
                "\n".join(lines_of(opinion.text)),
                one_line(opinion.target_member.name) if opinion.target_member_id else "班子",
                sentence(problem.headline) if problem else "未认领",
                claimer,
            )
        )
    aspects = len({opinion.aspect_id for opinion in opinions if opinion.aspect_id})
    scope = f"{aspects}个方面共" if aspects else "共"
    title = f"{one_line(meeting.title)}征求意见汇总（{scope}{len(opinions)}条）"
    return SheetDocument(
        ref=ref,
        title=title,
        sheet_name="征求意见汇总",
        columns=OPINION_COLUMNS,
        rows=tuple(rows),
        file_stem=file_stem(meeting, ref),
        unit_name=one_line(meeting.unit.name),
    )
