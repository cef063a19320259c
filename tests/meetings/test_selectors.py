"""The 会前准备 counts (apps.meetings.selectors.preparation_summary): one written-out query, checked
against rows of every kind, another meeting's rows left out."""

import datetime

from apps.entries.models import Problem
from apps.meetings import selectors, services
from apps.meetings.models import Opinion, OpinionSolicitation


def test_the_preparation_summary_counts_each_kind_of_row_of_its_own_meeting(
    meeting, other_meeting, django_assert_num_queries
):
    aspects = list(meeting.outline.aspects.order_by("position"))
    members = list(meeting.unit.members.order_by("position"))
    for day in (1, 2):
        services.study_session_add(meeting=meeting, date=datetime.date(2030, 11, day), topic="学习")
    services.solicitation_add(meeting=meeting, method=OpinionSolicitation.Method.FORUM)
    services.solicitation_add(meeting=meeting, method=OpinionSolicitation.Method.FORUM)
    other_method = next(m for m in OpinionSolicitation.Method if m != OpinionSolicitation.Method.FORUM)
    services.solicitation_add(meeting=meeting, method=other_method)
    services.opinions_paste(meeting=meeting, text="一\n二\n三", aspect=aspects[0])
    services.opinions_paste(meeting=meeting, text="四", aspect=aspects[1])
    services.opinions_paste(meeting=meeting, text="五\n六")  # not sorted into an aspect
    team = meeting.materials.get(member=None)
    problem = Problem.objects.create(material=team, aspect=aspects[0], position=1, headline="问题")
    Opinion.objects.filter(meeting=meeting, text="四").update(claimed_by=problem)
    services.talk_add(meeting=meeting, initiator_id=members[0].pk, counterpart_id=members[1].pk)
    # Another meeting's rows count for nothing here.
    services.study_session_add(meeting=other_meeting, date=datetime.date(2030, 11, 3), topic="别处")
    services.opinions_paste(meeting=other_meeting, text="别处的意见")

    with django_assert_num_queries(1):
        summary = selectors.preparation_summary(meeting)
    assert summary == {
        "study_sessions": 2,
        "forums": 2,
        "opinions": 6,
        "opinion_aspects": 2,
        "opinions_with_aspect": 4,
        "opinions_claimed": 1,
        "opinions_sentence": "征求到2个方面共6条意见建议",
        "talks": 1,
    }
    assert selectors.preparation_summary(other_meeting)["opinions"] == 1


def test_an_empty_meeting_has_nothing_to_count(meeting):
    summary = selectors.preparation_summary(meeting)
    assert (summary["study_sessions"], summary["forums"], summary["opinions"], summary["talks"]) == (
        0,
        0,
        0,
        0,
    )
    assert summary["opinions_sentence"] == "尚未录入征求到的意见建议"
