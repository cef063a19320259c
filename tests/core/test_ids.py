"""Ids taken from request data: the parser, and every endpoint that reads one answering garbage with
a 404 (or the autosave protocol's 422, or a form error) instead of a server error."""

import datetime
from types import SimpleNamespace

import pytest
from django.http import Http404
from django.urls import reverse

from apps.core.ids import get_by_id_or_404, parse_id, parse_ids
from apps.entries import services as entry_services
from apps.meetings import services as meeting_services
from apps.outlines.models import Aspect

GARBAGE = ["abc", "1.5", "", "99999999999999999999", "-1", "0", " 1", "１", "1e3"]


@pytest.mark.parametrize("value", GARBAGE + [None, True, [1]])
def test_parse_id_refuses_anything_that_is_not_a_plain_positive_id(value):
    assert parse_id(value) is None


def test_parse_id_reads_digits_and_ints():
    assert (parse_id("42"), parse_id(7), parse_id("999999999999999999")) == (42, 7, 999999999999999999)


def test_parse_ids_refuses_the_whole_list_when_one_value_is_not_an_id():
    assert parse_ids(["3", "1", "2"]) == [3, 1, 2]
    assert parse_ids(["3", "abc"]) is None


def test_get_by_id_or_404_treats_a_malformed_id_like_an_unknown_one(db, outline):
    aspect = outline.aspects.first()
    assert get_by_id_or_404(Aspect, str(aspect.pk), outline=outline) == aspect
    for value in ["abc", "1.5", "", None]:
        with pytest.raises(Http404):
            get_by_id_or_404(Aspect, value)


# --- Every endpoint that reads an id (or a number) from the request ------------------------------


@pytest.fixture
def world(meeting, unit, outline):
    """A meeting with one row of every kind, so that every endpoint has something to address."""
    team = meeting.materials.get(member__isnull=True)
    aspect = outline.aspects.order_by("position").first()
    measure = entry_services.measure_add(material=team, headline="措施")
    return SimpleNamespace(
        meeting=meeting,
        team=team,
        unit=unit,
        outline=outline,
        aspect=aspect,
        member=unit.members.order_by("position").first(),
        problem=entry_services.problem_add(material=team, aspect=aspect, headline="问题"),
        measure=measure,
        item=entry_services.measure_item_add(measure=measure, text="举措"),
        session=meeting_services.study_session_add(
            meeting=meeting, topic="学习", date=datetime.date(2030, 12, 1)
        ),
    )


def _material(name: str, *args):
    return lambda w: reverse(f"workspace:{name}", args=[w.meeting.pk, w.team.pk, *(a(w) for a in args)])


def _meeting(name: str, *args):
    return lambda w: reverse(f"workspace:{name}", args=[w.meeting.pk, *(a(w) for a in args)])


# endpoint: (url, valid data besides the field under test, the fields that carry ids or numbers)
ENDPOINTS = {
    "problem_create": (
        _material("problem_create"),
        {"headline": "新问题"},
        ["aspect", "claimed_opinions", "source"],
    ),
    "problems_reorder": (_material("problems_reorder"), {}, ["aspect", "ids"]),
    "problem_save": (
        _material("problem_save", lambda w: w.problem.pk),
        {"headline": "问题"},
        ["claimed_opinions", "source", "revision", "_base"],
    ),
    "cause_create": (_material("cause_create"), {"headline": "原因"}, ["problems", "category"]),
    "causes_reorder": (_material("causes_reorder"), {}, ["ids"]),
    "measure_create": (
        _material("measure_create"),
        {"headline": "措施"},
        ["owner", "problems", "causes", "kind", "deadline"],
    ),
    "measure_save": (
        _material("measure_save", lambda w: w.measure.pk),
        {"headline": "措施"},
        ["owner", "problems", "causes", "kind", "deadline", "revision"],
    ),
    "measures_reorder": (_material("measures_reorder"), {}, ["ids"]),
    "measure_items_reorder": (_material("measure_items_reorder", lambda w: w.measure.pk), {}, ["ids"]),
    "measure_item_save": (
        _material("measure_item_save", lambda w: w.measure.pk, lambda w: w.item.pk),
        {"text": "举措"},
        ["revision"],
    ),
    "material_text": (_material("material_text"), {"preamble": "开头"}, ["revision"]),
    "restore": (_material("restore"), {}, ["token"]),
    "info_save": (_meeting("info_save"), {"title": "会议"}, ["host", "date", "revision"]),
    "study_create": (_meeting("study_create"), {"topic": "学习"}, ["date"]),
    "study_save": (_meeting("study_save", lambda w: w.session.pk), {"topic": "学习"}, ["date", "revision"]),
    "solicitation_create": (_meeting("solicitation_create"), {"method": "forum"}, ["method", "date"]),
    "opinions_paste": (
        _meeting("opinions_paste"),
        {"text": "意见一"},
        ["solicitation", "aspect", "target_member"],
    ),
    "talk_create": (_meeting("talk_create"), {}, ["initiator", "counterpart", "date"]),
    "meeting_create": (lambda w: reverse("meetings:create"), {}, ["unit", "outline", "date"]),
}

CASES = [(endpoint, field) for endpoint, (_, _, fields) in ENDPOINTS.items() for field in fields]


def _valid_ids(w) -> dict:
    """Values that make each endpoint's other fields acceptable."""
    return {
        "aspect": w.aspect.pk,
        "initiator": w.member.pk,
        "counterpart_name": "办公室主任王某",
        "unit": w.unit.pk,
        "outline": w.outline.pk,
        "source": "self",
        "kind": "immediate",
    }


@pytest.mark.parametrize(("endpoint", "field"), CASES, ids=[f"{e}-{f}" for e, f in CASES])
def test_a_malformed_id_in_a_post_is_answered_without_a_server_error(client, drafter, world, endpoint, field):
    url, data, _ = ENDPOINTS[endpoint]
    client.force_login(drafter)
    client.raise_request_exception = False
    answers = {}
    for garbage in GARBAGE:
        posted = {**_valid_ids(world), **data, field: garbage}
        response = client.post(url(world), posted, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        answers[garbage] = response.status_code
    assert all(status in {200, 302, 400, 404, 409, 422} for status in answers.values()), answers


@pytest.mark.parametrize("endpoint", ["problem_create", "problems_reorder"])
@pytest.mark.parametrize("garbage", ["abc", "1.5", "", "99999999999999999999", "-1"])
def test_a_malformed_aspect_is_a_404_like_an_unknown_one(client, drafter, world, endpoint, garbage):
    client.force_login(drafter)
    url = ENDPOINTS[endpoint][0](world)
    response = client.post(
        url, {"aspect": garbage, "headline": "新问题"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 404
    assert world.team.problems.count() == 1


@pytest.mark.parametrize("garbage", ["abc", "1.5", "", "99999999999999999999", "-1"])
def test_a_reorder_with_a_malformed_id_is_refused_in_the_autosave_protocol(client, drafter, world, garbage):
    client.force_login(drafter)
    url = ENDPOINTS["causes_reorder"][0](world)
    response = client.post(url, {"ids": [garbage]}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"] == ["排序未保存：列表与当前内容不一致，请刷新页面后重试。"]


def test_a_base_nested_deeper_than_the_json_parser_goes_counts_as_no_base(client, drafter, world):
    client.force_login(drafter)
    url = ENDPOINTS["problem_save"][0](world)
    response = client.post(
        url,
        {"revision": 1, "headline": "改过的问题", "source": "self", "_base": "[" * 100_000},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/units/99999999999999999999/",
        "/meetings/99999999999999999999/",
        "/meetings/99999999999999999999/work/info/",
        "/meetings/{meeting}/work/m/99999999999999999999/problems/",
        "/meetings/{meeting}/export/member-999999999999999999/pdf/",
        "/meetings/{meeting}/export/member-abc/pdf/",
    ],
)
def test_an_id_beyond_any_row_in_a_url_is_a_404(client, drafter, world, path):
    client.force_login(drafter)
    client.raise_request_exception = False
    assert client.get(path.format(meeting=world.meeting.pk)).status_code == 404


@pytest.mark.parametrize("garbage", GARBAGE)
def test_a_malformed_unit_in_the_create_links_query_still_shows_the_form(client, drafter, world, garbage):
    client.force_login(drafter)
    assert client.get(reverse("meetings:create"), {"unit": garbage}).status_code == 200
