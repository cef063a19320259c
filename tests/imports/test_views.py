"""导入已有材料 over HTTP: upload or paste → review → corrections → commit → result, and who may."""

import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import UnitRole
from apps.entries.models import Cause, Measure, Problem
from apps.imports.models import PendingImport
from apps.imports.pending import pending_import_create
from apps.imports.reading import MAX_UPLOAD_BYTES
from tests.conftest import make_user
from tests.imports.drafts import MATERIAL_LINES, long_proposal, material_proposal, material_text


@pytest.fixture
def team(meeting):
    return meeting.materials.team().get()


@pytest.fixture
def editor(client, drafter):
    client.force_login(drafter)
    return client


def url(name: str, material, *args) -> str:
    return reverse(f"imports:{name}", args=[material.meeting_id, material.pk, *args])


def entry_counts(material) -> tuple[int, int, int]:
    return (
        Problem.objects.filter(material=material).count(),
        Cause.objects.filter(material=material).count(),
        Measure.objects.filter(material=material).count(),
    )


def paste(client, material, text: str | None = None):
    return client.post(url("start", material), {"text": text if text is not None else material_text()})


def started(client, material) -> PendingImport:
    response = paste(client, material)
    assert response.status_code == 302, response.content.decode()[:2000]
    return PendingImport.objects.get(material=material)


def docx_bytes(lines: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def review_post_data(response) -> dict[str, str]:
    """Every field of the review form as the page renders it (what a browser would post back)."""
    page = response.content.decode()
    data: dict[str, str] = {}
    for name, value in re.findall(r'<input type="text"[^>]*name="([^"]+)" value="([^"]*)"', page):
        data[name] = _unescape(value)
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = _unescape(value)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        data[name] = chosen.group(1) if chosen else ""
    return data


def _unescape(value: str) -> str:
    return html.unescape(value)


# --- Start: upload or paste ------------------------------------------------------------------------


def test_start_page_offers_upload_and_paste(editor, team):
    response = editor.get(url("start", team))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'accept=".docx,.txt"' in html
    assert 'name="text"' in html
    assert "不超过 10 MB" in html


def test_paste_leads_to_the_review_of_the_proposal(editor, team):
    response = paste(editor, team)
    pending = PendingImport.objects.get(material=team)
    assert response["Location"] == url("review", team, pending.pk)
    assert pending.source_kind == "paste"
    assert pending.source_lines == MATERIAL_LINES
    page = editor.get(response["Location"])
    html = page.content.decode()
    assert "学习的系统性不够" in html  # a problem's headline, in its field
    assert 'id="src-3"' in html and "班子坚持集中学习" in html  # the source, numbered
    assert entry_counts(team) == (0, 0, 0)  # nothing written before the commit


def test_docx_upload_leads_to_the_review(editor, team):
    upload = SimpleUploadedFile("去年的材料.docx", docx_bytes(MATERIAL_LINES))
    response = editor.post(url("start", team), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:3000]
    pending = PendingImport.objects.get(material=team)
    assert pending.source_kind == "docx" and pending.source_name == "去年的材料.docx"
    html = editor.get(response["Location"]).content.decode()
    assert "推动落实的力度不够" in html
    assert entry_counts(team) == (0, 0, 0)


def test_txt_upload_leads_to_the_review(editor, team):
    upload = SimpleUploadedFile("材料.txt", material_text().encode("utf-8"))
    response = editor.post(url("start", team), {"file": upload})
    assert response.status_code == 302
    assert PendingImport.objects.get(material=team).source_kind == "txt"


@pytest.mark.parametrize(
    "name, content",
    [
        ("材料.docx", b"PK\x03\x04 this is no word file"),
        ("照片.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_message_and_nothing_is_stored(editor, team, name, content):
    response = editor.post(url("start", team), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="invalid-feedback' in html or "invalid-feedback" in html
    assert re.search(r"[\u4e00-\u9fff]", _field_error(html, "file"))
    assert not PendingImport.objects.exists()
    assert entry_counts(team) == (0, 0, 0)


def test_empty_file_gets_a_message(editor, team):
    response = editor.post(url("start", team), {"file": SimpleUploadedFile("空.txt", b"")})
    assert response.status_code == 200
    assert "文件是空的" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_twenty_megabytes_get_the_size_message_on_the_field(editor, team):
    big = SimpleUploadedFile("大文件.docx", b"\0" * (20 * 1024 * 1024))
    response = editor.post(url("start", team), {"file": big})
    assert response.status_code == 200
    message = _field_error(response.content.decode(), "file")
    assert "文件太大（20.0 MB）" in message and f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB" in message
    assert not PendingImport.objects.exists()


def test_nothing_chosen_or_both_chosen_is_refused(editor, team):
    assert "请选择要导入的文件" in editor.post(url("start", team), {"text": "  "}).content.decode()
    both = {"text": material_text(), "file": SimpleUploadedFile("材料.txt", material_text().encode())}
    assert "请只选一种方式" in editor.post(url("start", team), both).content.decode()
    assert not PendingImport.objects.exists()


def test_a_situation_report_gets_the_message_not_the_review(editor, team):
    text = "\n".join(
        [
            "测试局党委关于2030年度民主生活会召开情况的报告",
            "一、精心组织准备，深入查摆问题",
            "会前，班子召开座谈会4场，征求意见建议20条。一是认真开展学习研讨。二是广泛征求意见。",
            "二、深刻对照检查，真诚批评帮助",
            "2031年1月5日，测试局党委召开民主生活会，赵书记主持会议，班子成员全部出席。",
            "三、制定整改措施，强力推进落实",
            "会后，班子制定整改方案，明确整改措施12项。",
        ]
    )
    response = paste(editor, team, text)
    assert response.status_code == 200
    assert "不是对照检查材料" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_new_import_replaces_the_users_unfinished_one(editor, team):
    first = started(editor, team)
    paste(editor, team)
    first.refresh_from_db()
    assert first.status == PendingImport.Status.DISCARDED
    assert PendingImport.objects.pending().count() == 1


def _field_error(html: str, name: str) -> str:
    """The error shown under field ``name`` (crispy renders it as id="error_1_id_<name>")."""
    found = re.search(rf'id="error_\d+_id_{name}"[^>]*>(.*?)</', html, re.S)
    assert found, f"no error on {name}"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


# --- Access ----------------------------------------------------------------------------------------


def _every_url(material, pending_pk):
    return [
        ("get", url("start", material)),
        ("post", url("start", material)),
        ("get", url("review", material, pending_pk)),
        ("post", url("review", material, pending_pk)),
        ("post", url("commit", material, pending_pk)),
        ("get", url("result", material, pending_pk)),
        ("post", url("discard", material, pending_pk)),
    ]


def test_another_units_drafter_gets_404_everywhere(client, drafter, outsider, team):
    pending = pending_import_create(
        material=team,
        user=drafter,
        source_name="x",
        source_kind="paste",
        proposal=material_proposal(team.meeting),
    )
    client.force_login(outsider)
    for method, address in _every_url(team, pending.pk):
        assert getattr(client, method)(address).status_code == 404, address
    assert PendingImport.objects.get().status == PendingImport.Status.PENDING


def test_readers_without_edit_right_are_refused(client, drafter, member_user, secretary, team):
    pending = pending_import_create(
        material=team,
        user=drafter,
        source_name="x",
        source_kind="paste",
        proposal=material_proposal(team.meeting),
    )
    for user in (member_user, secretary):
        client.force_login(user)
        for method, address in _every_url(team, pending.pk):
            assert getattr(client, method)(address).status_code == 403, (user, address)
    assert entry_counts(team) == (0, 0, 0)


def test_anonymous_is_sent_to_login(client, team):
    response = client.get(url("start", team))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_drafters_import_or_another_materials_is_404(client, drafter, unit, meeting, team):
    pending = pending_import_create(
        material=team, user=drafter, source_name="x", source_kind="paste", proposal=material_proposal(meeting)
    )
    colleague = make_user("colleague")
    UnitRole.objects.create(user=colleague, unit=unit, role=UnitRole.Role.DRAFTER)
    client.force_login(colleague)
    assert client.get(url("review", team, pending.pk)).status_code == 404
    assert client.post(url("commit", team, pending.pk)).status_code == 404
    assert client.post(url("discard", team, pending.pk)).status_code == 404
    client.force_login(drafter)
    personal = meeting.materials.create(member=unit.members.get(position=2))
    assert client.get(url("review", personal, pending.pk)).status_code == 404


def test_a_member_imports_into_their_own_material(client, member_user, meeting, unit):
    own = meeting.materials.create(member=unit.members.get(user=member_user))
    client.force_login(member_user)
    response = paste(client, own)
    assert response.status_code == 302
    assert PendingImport.objects.get().material == own


def test_wrong_methods_are_refused(editor, team):
    pending = started(editor, team)
    assert editor.get(url("commit", team, pending.pk)).status_code == 405
    assert editor.get(url("discard", team, pending.pk)).status_code == 405
    assert editor.post(url("result", team, pending.pk)).status_code == 405


# --- Review and corrections ------------------------------------------------------------------------


def test_corrections_are_saved_without_writing_entries(editor, team, meeting):
    pending = started(editor, team)
    before = pending.get_proposal()
    page = editor.get(url("review", team, pending.pk))
    data = review_post_data(page)
    data["aspects.0.problems.0.headline"] = "理论学习的系统性不够"
    data["aspects.1.problems.1.remove"] = "1"
    third = meeting.outline.aspects.get(position=3)
    data["aspects.2.aspect_id"] = ""  # kept as text
    data["causes.0.elaboration"] = "改过的剖析。"
    data["measures.0.items.1"] = ""  # a sub-item taken out
    response = editor.post(url("review", team, pending.pk), data)
    assert response.status_code in (200, 302)
    pending.refresh_from_db()
    proposal = pending.get_proposal()
    assert proposal.aspects[0].problems[0].headline == "理论学习的系统性不够"
    assert [p.headline for p in proposal.aspects[1].problems] == [before.aspects[1].problems[0].headline]
    assert proposal.aspects[2].aspect_id is None and third.pk
    assert proposal.causes[0].elaboration == "改过的剖析。"
    assert proposal.measures[0].items == before.measures[0].items[:1]
    assert entry_counts(team) == (0, 0, 0)


def test_review_marks_an_unsure_match_with_its_candidates(editor, team):
    pending = started(editor, team)
    proposal = pending.get_proposal()
    unsure = next(i for i, aspect in enumerate(proposal.aspects) if not aspect.sure)
    html = editor.get(url("review", team, pending.pk)).content.decode()
    block = html.split(f'id="aspect-{unsure}-title"')[0].rsplit("<section", 1)[1]
    assert "review-unsure" in block
    assert "不导入为条目，保留为文字" in html


def test_an_aspect_id_outside_the_outline_is_refused_on_its_field(editor, team, other_meeting):
    pending = started(editor, team)
    foreign = other_meeting.outline.aspects.first().pk + 10_000
    response = editor.post(url("review", team, pending.pk), {"aspects.0.aspect_id": str(foreign)})
    assert response.status_code == 200
    assert "请从列表中选择提纲中的方面" in response.content.decode()
    pending.refresh_from_db()
    assert pending.get_proposal().aspects[0].aspect_id != foreign


def test_over_long_text_stays_in_its_field_with_the_apps_message(editor, team):
    pending = started(editor, team)
    long_headline = "很长的问题概括" * 40  # 280 characters, the limit is 200
    response = editor.post(url("review", team, pending.pk), {"aspects.0.problems.0.headline": long_headline})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{long_headline}"' in html
    error = re.search(r'id="f-aspects-0-problems-0-headline-error">(.*?)</div>', html).group(1)
    assert error == "超出 80 字，请精简后保存（最多 200 字，现有 280 字）。"
    pending.refresh_from_db()
    assert pending.get_proposal().aspects[0].problems[0].headline == long_headline  # kept, not cut
    # Commit re-validates and writes nothing.
    response = editor.post(url("commit", team, pending.pk), {})
    assert response.status_code == 200
    assert "尚未导入" in response.content.decode()
    assert entry_counts(team) == (0, 0, 0)
    pending.refresh_from_db()
    assert pending.status == PendingImport.Status.PENDING


# --- Commit ----------------------------------------------------------------------------------------


def test_commit_writes_the_entries_and_shows_the_counts(editor, team, meeting):
    pending = started(editor, team)
    data = review_post_data(editor.get(url("review", team, pending.pk)))
    data["aspects.2.aspect_id"] = str(meeting.outline.aspects.get(position=3).pk)  # the unmatched one
    response = editor.post(url("commit", team, pending.pk), data)
    assert response.status_code == 302
    assert response["Location"] == url("result", team, pending.pk)
    assert entry_counts(team) == (5, 2, 2)
    assert Measure.objects.get(material=team, position=1).items.count() == 2
    result = editor.get(response["Location"]).content.decode()
    assert re.search(r'data-count-of="查摆问题">5<', result)
    assert re.search(r'data-count-of="原因剖析">2<', result)
    assert reverse("workspace:problems", args=[team.meeting_id, team.pk]) in result
    pending.refresh_from_db()
    assert pending.status == PendingImport.Status.COMMITTED and pending.committed_at
    # An empty material is not asked: the import replaces, wording and layout included.
    assert pending.mode == "replace"
    team.refresh_from_db()
    assert team.title == MATERIAL_LINES[0] and team.layout == "run_in"
    # A second commit (double click, back button) writes nothing more.
    again = editor.post(url("commit", team, pending.pk), data)
    assert again.status_code == 302 and entry_counts(team) == (5, 2, 2)


def test_entries_land_under_the_chosen_aspects(editor, team, meeting):
    pending = started(editor, team)
    data = review_post_data(editor.get(url("review", team, pending.pk)))
    first, second, third = meeting.outline.aspects.order_by("position")
    # An outline aspect already taken by another block: refused on the select, nothing written.
    data["aspects.2.aspect_id"] = str(first.pk)
    response = editor.post(url("commit", team, pending.pk), data)
    assert response.status_code == 200
    select_error = re.search(
        r'name="aspects\.2\.aspect_id".*?<div class="invalid-feedback">(.*?)</div>',
        response.content.decode(),
        re.S,
    )
    assert select_error and "一个方面只能对应一处" in select_error.group(1)
    assert entry_counts(team) == (0, 0, 0)
    # The unmatched block to the third aspect: its problem lands there.
    data["aspects.2.aspect_id"] = str(third.pk)
    assert editor.post(url("commit", team, pending.pk), data).status_code == 302
    assert Problem.objects.filter(material=team, aspect=first).count() == 2
    assert list(Problem.objects.filter(material=team, aspect=third).values_list("headline", flat=True)) == [
        "廉洁提醒不够经常"
    ]


def test_existing_entries_ask_replace_or_append(editor, team):
    started(editor, team)
    pending = PendingImport.objects.get()
    data = review_post_data(editor.get(url("review", team, pending.pk)))
    editor.post(url("commit", team, pending.pk), data)
    assert entry_counts(team) == (4, 2, 2)  # the unmatched aspect's problem is kept as text

    paste(editor, team)
    second = PendingImport.objects.pending().get()
    page = editor.get(url("review", team, second.pk))
    html = page.content.decode()
    assert "本材料已有 4 条问题、2 条原因、2 条措施" in html
    data = review_post_data(page)
    # Not chosen: asked again, nothing written.
    response = editor.post(url("commit", team, second.pk), data)
    assert response.status_code == 200 and "请选择“替换”还是“追加到后面”" in response.content.decode()
    assert entry_counts(team) == (4, 2, 2)
    # Append: after the existing ones.
    editor.post(url("commit", team, second.pk), {**data, "mode": "append"})
    assert entry_counts(team) == (8, 4, 4)

    paste(editor, team)
    third = PendingImport.objects.pending().get()
    data = review_post_data(editor.get(url("review", team, third.pk)))
    editor.post(url("commit", team, third.pk), {**data, "mode": "replace"})
    assert entry_counts(team) == (4, 2, 2)


def test_text_kept_as_text_is_shown_after_commit_and_stays_reachable(editor, team):
    pending = started(editor, team)
    data = review_post_data(editor.get(url("review", team, pending.pk)))
    assert data["aspects.2.aspect_id"] == ""  # unmatched: 不导入为条目，保留为文字
    response = editor.post(url("commit", team, pending.pk), data)
    result = editor.get(response["Location"]).content.decode()
    kept = re.search(r'<textarea[^>]*id="kept-text"[^>]*>(.*?)</textarea>', result, re.S).group(1)
    assert "在作风建设方面" in kept
    assert "data-copy-target" in result
    assert entry_counts(team)[0] == 4
    # The start page (the workspace's 导入已有材料) links to it.
    start = editor.get(url("start", team)).content.decode()
    assert url("result", team, pending.pk) in start


def test_discard_leaves_the_material_untouched(editor, team):
    pending = started(editor, team)
    response = editor.post(url("discard", team, pending.pk))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == PendingImport.Status.DISCARDED
    assert entry_counts(team) == (0, 0, 0)
    assert editor.post(url("commit", team, pending.pk), {}).status_code == 302
    assert entry_counts(team) == (0, 0, 0)


# --- Entry points and query counts -----------------------------------------------------------------


def test_workspace_and_meeting_page_link_editors_to_the_import(editor, team, client, member_user):
    problems = editor.get(reverse("workspace:problems", args=[team.meeting_id, team.pk])).content.decode()
    assert url("start", team) in problems and "导入已有材料" in problems
    detail = editor.get(reverse("meetings:detail", args=[team.meeting_id])).content.decode()
    assert url("start", team) in detail
    client.force_login(member_user)
    problems = client.get(reverse("workspace:problems", args=[team.meeting_id, team.pk])).content.decode()
    assert url("start", team) not in problems


def _pending_of(team, drafter, aspects: int, problems: int) -> PendingImport:
    proposal = long_proposal(team.meeting, aspects=aspects, problems=problems)
    return pending_import_create(
        material=team, user=drafter, source_name="x", source_kind="paste", proposal=proposal
    )


def _review_queries(client, team, pending) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("review", team, pending.pk))
    assert response.status_code == 200
    last = pending.get_proposal().aspects[-1].problems[-1].headline
    assert last in response.content.decode()
    return len(queries)


def test_a_long_materials_review_posts_back_every_field(editor, team, drafter):
    pending = _pending_of(team, drafter, aspects=6, problems=45)  # 270 problems, > 1,000 fields
    data = review_post_data(editor.get(url("review", team, pending.pk)))
    assert len(data) > 1_000
    data["aspects.5.problems.44.headline"] = "最后一条改过了"
    assert editor.post(url("review", team, pending.pk), data).status_code in (200, 302)
    pending.refresh_from_db()
    assert pending.get_proposal().aspects[5].problems[44].headline == "最后一条改过了"


def test_review_page_queries_are_few_and_do_not_grow_with_the_items(
    editor, team, drafter, django_assert_max_num_queries
):
    small = _review_queries(editor, team, _pending_of(team, drafter, aspects=2, problems=2))
    large = _review_queries(editor, team, _pending_of(team, drafter, aspects=6, problems=25))
    assert large == small
    pending = _pending_of(team, drafter, aspects=3, problems=10)
    with django_assert_max_num_queries(14):  # the bell's unread count and the 套话 list of the 体检 box
        editor.get(url("review", team, pending.pk))
