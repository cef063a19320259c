"""The 情况报告 reports the previous meeting's rectification, counted as the recap counts it
(apps.ledger.carryover), in the part where the meeting is described; read back from the Word file."""

import io

import docx

from apps.entries.models import Measure, Problem
from apps.exports.context import TextDocument, build_export_context
from apps.exports.exporters import export_document
from apps.meetings.models import Meeting
from tests.exports.readback import in_order
from tests.ledger import carryover_cast as cast

last_outline, last_year, last_team = cast.last_outline, cast.last_year, cast.last_team

# Counted on the meeting's date (2031-01-05): the measure due 2030-06-30 is late.
SENTENCE = (
    "会议通报了上年度民主生活会整改落实情况：查摆的4个问题、制定的4项整改措施，已完成2项（其中已销号1项），"
    "正在推进1项，尚未启动1项，未完成的2项中有1项已超过完成时限。"
)


def situation(meeting: Meeting) -> TextDocument:
    return build_export_context(Meeting.objects.with_related().get(pk=meeting.pk), "situation")


def test_the_report_tells_last_years_rectification_where_it_describes_the_meeting(filled_meeting, last_team):
    doc = situation(filled_meeting)
    assert in_order(
        doc.text,
        [
            "二、深刻对照检查，真诚批评帮助",
            "市委第一督导组王督导、李督导到会指导。",
            SENTENCE,
            "通过对照检查",
        ],
    )
    # The numbers are the ledger's.
    measures = Measure.objects.filter(material=last_team)
    assert f"查摆的{Problem.objects.filter(material=last_team).count()}个问题" in SENTENCE
    assert f"制定的{measures.count()}项整改措施" in SENTENCE
    assert f"已完成{measures.filter(status__in=['done', 'closed']).count()}项" in SENTENCE
    # The Word file holds it as a paragraph of its own.
    document = docx.Document(io.BytesIO(export_document(filled_meeting, "situation", "docx").content))
    assert SENTENCE in [paragraph.text for paragraph in document.paragraphs]


def test_the_report_date_counts_what_was_late(filled_meeting, last_team):
    filled_meeting.report_date = cast.D(2030, 6, 30)  # due that day: not late yet
    filled_meeting.save()
    assert (
        "会议通报了上年度民主生活会整改落实情况：查摆的4个问题、制定的4项整改措施，已完成2项（其中已销号1项），正在推进1项，尚未启动1项。"
        in (situation(filled_meeting).text)
    )


def test_a_narrative_that_tells_of_the_report_is_followed_by_the_counts_alone(filled_meeting, last_team):
    filled_meeting.narrative = "会上，赵书记同志通报了上年度民主生活会整改落实情况，代表班子作对照检查。"
    filled_meeting.save()
    doc = situation(filled_meeting)
    assert in_order(
        doc.text,
        [
            filled_meeting.narrative,
            SENTENCE.replace("会议通报了上年度民主生活会整改落实情况：", "上年度民主生活会"),
        ],
    )
    assert "会议通报了" not in doc.text


def test_when_every_open_measure_is_late_it_says_so_once(filled_meeting, last_team):
    last_team.measures.filter(status="not_started").update(deadline=cast.D(2030, 6, 30))
    assert "尚未启动1项，未完成的2项均已超过完成时限。" in situation(filled_meeting).text


def test_a_previous_meeting_without_measures_is_not_reported(filled_meeting, last_team):
    last_team.measures.all().delete()
    assert "会议通报了" not in situation(filled_meeting).text


def test_the_report_reads_last_year_in_a_fixed_number_of_queries(
    filled_meeting, last_team, django_assert_max_num_queries
):
    meeting = Meeting.objects.with_related().get(pk=filled_meeting.pk)
    with django_assert_max_num_queries(40) as few:
        build_export_context(meeting, "situation")
    for n in range(20):
        Measure.objects.create(material=last_team, position=100 + n, headline=f"措施{n}").problems.set(
            last_team.problems.all()
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        build_export_context(meeting, "situation")
