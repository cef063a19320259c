"""The cards' fields rendered without crispy's templates (apps/workspace/cards.py) are the same HTML
as crispy renders them: every workspace page compared whole, both ways, with texts that need escaping,
claimed opinions, links and read-only forms."""

import datetime
import re

import pytest
from django.test.html import parse_html
from django.urls import reverse

from apps.entries import services
from apps.meetings.models import Opinion
from apps.meetings.services import opinions_paste, study_session_add, talk_add
from apps.workspace import cards
from apps.workspace.views.common import Workspace
from tests.workspace.conftest import material_url, meeting_url

TRICKY = "A&B <b>粗体</b> \"引号\" '单引号'"
CSRF = re.compile(r'(csrf-token" content="|csrfmiddlewaretoken" value=")[^"]+')


@pytest.fixture
def filled(team, aspects, members, meeting):
    """A team material with something in every kind of card, texts that must be escaped included."""
    problems = [
        services.problem_add(
            material=team, aspect=aspects[0], headline=TRICKY, elaboration=TRICKY, example="比如，"
        ),
        services.problem_add(material=team, aspect=aspects[1], headline="第二个问题"),
    ]
    opinions_paste(meeting=meeting, text=f"{TRICKY}\n第二条意见", aspect=aspects[0])
    opinions_paste(meeting=meeting, text="未归类的意见")
    Opinion.objects.filter(meeting=meeting, position=1).update(claimed_by=problems[0])
    cause = services.cause_add(material=team, category="ideals", headline=TRICKY, problems=problems[:1])
    services.measure_add(
        material=team, headline=TRICKY, items=[TRICKY], problems=problems, causes=[cause], owner=members[0]
    )
    team.preamble = TRICKY
    team.save()
    study_session_add(meeting=meeting, date=datetime.date(2030, 12, 1), topic=TRICKY)
    talk_add(meeting=meeting, initiator_id=members[0].pk, counterpart_id=members[1].pk, summary=TRICKY)
    return team


def both_ways(client, url: str, monkeypatch) -> tuple[str, str]:
    fast = client.get(url)
    monkeypatch.setattr(cards, "ENABLED", False)
    slow = client.get(url)
    monkeypatch.setattr(cards, "ENABLED", True)
    assert fast.status_code == slow.status_code == 200
    return CSRF.sub(r"\1x", fast.content.decode()), CSRF.sub(r"\1x", slow.content.decode())


@pytest.mark.parametrize("page", ["problems", "causes", "measures", "preview"])
def test_each_material_page_is_the_same_html_with_or_without_crispy(editor, filled, page, monkeypatch):
    fast, slow = both_ways(editor, material_url(page, filled), monkeypatch)
    assert parse_html(fast) == parse_html(slow)
    assert "A&amp;B &lt;b&gt;粗体&lt;/b&gt;" in fast


@pytest.mark.parametrize("page", ["info", "preparation", "report"])
def test_each_meeting_page_is_the_same_html_with_or_without_crispy(editor, filled, page, monkeypatch):
    fast, slow = both_ways(editor, meeting_url(page, filled.meeting), monkeypatch)
    assert parse_html(fast) == parse_html(slow)


def test_a_read_only_page_is_the_same_too(client, member_user, filled, monkeypatch):
    client.force_login(member_user)
    fast, slow = both_ways(client, material_url("problems", filled), monkeypatch)
    assert parse_html(fast) == parse_html(slow)
    assert "<fieldset disabled>" in fast


def test_the_problem_cards_take_the_fast_path(editor, filled):
    """Not crispy's output by accident: the fast renderer wrote the problem cards (its markup has no
    line breaks inside a field's wrapper, crispy's has)."""
    html = editor.get(material_url("problems", filled)).content.decode()
    problem = filled.problems.get(aspect__position=2)
    assert f'<div id="div_id_problem{problem.pk}_headline" class="mb-3"><label' in html
    assert reverse("workspace:problem_save", args=[filled.meeting_id, filled.pk, problem.pk]) in html


@pytest.mark.parametrize("page", ["problems", "causes", "measures"])
def test_no_card_of_the_step_pages_falls_back_to_crispy(editor, filled, page, monkeypatch):
    """Every card of the three busiest pages (a measure's sub-items without labels, the section
    leads included) takes the fast path: crispy rendering them is what made the pages slow."""

    def crispy_called(form, *args, **kwargs):
        raise AssertionError(f"{type(form).__name__} rendered by crispy")

    monkeypatch.setattr("apps.workspace.templatetags.cards.render_crispy_form", crispy_called)
    assert editor.get(material_url(page, filled)).status_code == 200


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("workspace:problem_save", [7]),
        ("workspace:cause_delete", [77]),
        ("workspace:measure_items_reorder", [1]),
        ("workspace:measure_item_save", [3, 33]),
        ("workspace:measure_item_delete", [918273645546372819, 5]),
    ],
)
def test_a_card_url_is_what_reverse_gives(filled, name, ids):
    """The card URLs reversed once per page (views.common.CardUrls) are reverse()'s, whatever digits
    the meeting's, the material's and the cards' ids share."""
    ws = Workspace(filled.meeting, filled, can_edit=True)
    for _ in range(2):  # the second time from the page's template
        assert ws.card_url(name, *ids) == reverse(name, args=[filled.meeting_id, filled.pk, *ids])


def test_every_card_url_on_the_measures_page_is_reverses(editor, filled):
    html = editor.get(material_url("measures", filled)).content.decode()
    measure = filled.measures.get()
    item = measure.items.get()
    args = [filled.meeting_id, filled.pk]
    for name, ids in [
        ("measure_save", [measure.pk]),
        ("measure_delete", [measure.pk]),
        ("measure_item_create", [measure.pk]),
        ("measure_items_reorder", [measure.pk]),
        ("measure_item_save", [measure.pk, item.pk]),
        ("measure_item_delete", [measure.pk, item.pk]),
    ]:
        assert reverse(f"workspace:{name}", args=[*args, *ids]) in html
