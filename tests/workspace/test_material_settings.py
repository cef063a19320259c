"""Where a drafter writes what real materials hold besides entries: a lead-in at the top of each
aspect block, section leads at the top of their steps, and the material settings on 预览 (title,
headings, layout, numbering, signature) — each autosaved and conflict-safe, each in the export."""

import json

import pytest

from apps.entries.models import AspectText, Material
from apps.entries.services import cause_add
from apps.outlines.models import Aspect, OutlineTemplate
from tests.workspace.conftest import material_url as url
from tests.workspace.conftest import post_json

LEAD_IN = "班子坚持把理论学习作为首要任务。但还存在一些问题："


def preview_body(client, team) -> str:
    return client.get(url("preview", team) + "?part=body").content.decode()


def test_each_aspect_block_opens_with_its_lead_in_field(editor, team, aspects):
    AspectText.objects.create(material=team, aspect=aspects[1], lead_in=LEAD_IN)
    html = editor.get(url("problems", team)).content.decode()
    for aspect in aspects:
        assert f'action="{url("aspect_text", team, aspect.pk)}"' in html
    block = html[html.index(f'id="aspect-{aspects[1].pk}"') :]
    assert block.index(LEAD_IN) < block.index("在本方面添加问题")


def test_the_first_save_of_a_lead_in_creates_it_and_the_preview_prints_it(editor, team, aspects, problems):
    status, data = post_json(
        editor, url("aspect_text", team, aspects[0].pk), {"revision": 1, "lead_in": LEAD_IN}
    )
    assert status == 200, data
    text = AspectText.objects.get(material=team, aspect=aspects[0])
    assert (text.lead_in, text.revision) == (LEAD_IN, 2)
    assert f"（一）带头学习测试内容方面。</span>{LEAD_IN}一是测试问题0。" in preview_body(editor, team)


def test_two_editors_of_one_lead_in_get_a_conflict_with_both_texts(editor, team, aspects):
    save = url("aspect_text", team, aspects[0].pk)
    base = json.dumps({"lead_in": ""})
    assert post_json(editor, save, {"revision": 1, "lead_in": "甲写的导语", "_base": base})[0] == 200
    status, data = post_json(editor, save, {"revision": 1, "lead_in": "乙写的导语", "_base": base})
    assert status == 409
    assert data["conflict"]["fields"]["lead_in"]["theirs"] == "甲写的导语"
    assert AspectText.objects.get(material=team, aspect=aspects[0]).lead_in == "甲写的导语"


def test_a_heading_and_a_lead_in_saved_by_two_editors_are_merged(editor, team, aspects):
    save = url("aspect_text", team, aspects[0].pk)
    assert post_json(editor, save, {"revision": 1, "lead_in": LEAD_IN, "_base": '{"lead_in": ""}'})[0] == 200
    status, _ = post_json(
        editor, save, {"revision": 1, "heading": "带头学深悟透方面", "_base": '{"heading": ""}'}
    )
    assert status == 200
    text = AspectText.objects.get(material=team, aspect=aspects[0])
    assert (text.heading, text.lead_in) == ("带头学深悟透方面", LEAD_IN)


def test_an_over_long_lead_in_is_refused_on_its_field(editor, team, aspects):
    status, data = post_json(
        editor, url("aspect_text", team, aspects[0].pk), {"revision": 1, "lead_in": "字" * 2001}
    )
    assert status == 422
    assert data["errors"]["lead_in"] == ["超出 1 字，请精简后保存（最多 2000 字，现有 2001 字）。"]
    assert not AspectText.objects.exists()


def test_an_aspect_of_another_outline_or_unit_is_a_404(editor, team, other_meeting, outline):
    foreign_outline = OutlineTemplate.objects.create(
        name="另一提纲", year=2031, meeting_kind="democratic_life"
    )
    foreign = Aspect.objects.create(outline=foreign_outline, position=1, wording="别的方面", label="别的")
    assert (
        editor.post(url("aspect_text", team, foreign.pk), {"revision": 1, "lead_in": "x"}).status_code == 404
    )
    other_team = other_meeting.materials.get(member=None)
    aspect = outline.aspects.first()
    assert (
        editor.post(url("aspect_text", other_team, aspect.pk), {"revision": 1, "lead_in": "x"}).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["secretary", "supervisor"])
def test_readers_cannot_write_a_lead_in(client, request, team, aspects, role):
    client.force_login(request.getfixturevalue(role))
    assert (
        client.post(url("aspect_text", team, aspects[0].pk), {"revision": 1, "lead_in": "x"}).status_code
        == 403
    )
    assert not AspectText.objects.exists()


def test_causes_and_measures_open_with_their_lead_showing_the_default(editor, team, problems):
    html = editor.get(url("causes", team)).content.decode()
    assert (
        'name="causes_lead"' in html
        and 'placeholder="深刻剖析产生上述问题的原因，主要有以下一个方面：' in html
    )
    html = editor.get(url("measures", team)).content.decode()
    assert 'name="measures_lead"' in html and "班子将在以下一个方面着力整改" in html
    html = editor.get(url("problems", team)).content.decode()
    assert 'name="problems_lead"' in html


def test_a_section_lead_saves_through_the_material_and_prints(editor, team, problems):
    status, data = post_json(
        editor,
        url("material_text", team),
        {"revision": team.revision, "causes_lead": "深入剖析根源，主要有："},
    )
    assert status == 200, data
    assert "深入剖析根源，主要有：" in preview_body(editor, team)


def test_the_settings_panel_shows_the_defaults_and_changes_the_preview(editor, team, aspects, problems):
    html = editor.get(url("preview", team)).content.decode()
    assert 'placeholder="测试局党委班子2030年度民主生活会对照检查材料"' in html
    assert 'placeholder="产生问题的原因剖析"' in html and 'placeholder="带头学习测试内容方面"' in html
    assert 'data-pdf-url="/meetings/' in html  # the 版面 view reads the exported PDF
    settings = {
        "revision": team.revision,
        "layout": "separate",
        "causes_numbering": "decimal",
        "measures_numbering": "inline",
        "signature": "undated",
        "signature_date": "",
    }
    assert post_json(editor, url("material_text", team), settings)[0] == 200
    body = preview_body(editor, team)
    assert '<h3 class="doc-subheading">（一）带头学习测试内容方面</h3>' in body
    assert "2031年1月5日" not in body and "测试市测试局党委" in body
    team.refresh_from_db()
    assert (team.layout, team.causes_numbering, team.measures_numbering) == ("separate", "decimal", "inline")


def test_a_chosen_signature_date_is_required_on_its_field(editor, team):
    settings = {"revision": team.revision, "layout": "run_in", "causes_numbering": "paren"}
    settings |= {"measures_numbering": "paren", "signature": "chosen_date", "signature_date": ""}
    status, data = post_json(editor, url("material_text", team), settings)
    assert status == 422
    assert data["errors"] == {"signature_date": ["落款选择了“单位名称和指定日期”，请填写落款日期。"]}
    settings["signature_date"] = "2031-02-08"
    assert post_json(editor, url("material_text", team), settings)[0] == 200
    assert "2031年2月8日" in preview_body(editor, team)


def test_an_unknown_layout_is_refused_not_stored(editor, team):
    status, data = post_json(
        editor, url("material_text", team), {"revision": team.revision, "layout": "diagonal"}
    )
    assert status == 422 and "layout" in data["errors"]
    assert Material.objects.get(pk=team.pk).layout == "run_in"


def test_the_title_and_headings_chosen_on_the_panel_print(editor, team):
    wording = {
        "revision": team.revision,
        "title": "测试局党委常委班子对照检查材料",
        "causes_heading": "问题产生的原因分析",
    }
    assert post_json(editor, url("material_text", team), wording)[0] == 200
    body = preview_body(editor, team)
    assert "测试局党委常委班子对照检查材料" in body and "二、问题产生的原因分析" in body


def test_aspect_and_problem_numbering_and_generated_leads_are_set_on_the_panel(editor, team, problems):
    cause_add(material=team, headline="学习抓得不紧")
    assert "原因，主要有以下一个方面" in preview_body(editor, team)  # generated by default
    html = editor.get(url("preview", team)).content.decode()
    for label in ("方面序号", "问题序号（分行排版时）", "未写导语时自动生成"):
        assert label in html
    settings = {"revision": team.revision, "layout": "separate", "aspect_numbering": "decimal"}
    settings |= {"problem_numbering": "paren_digit", "auto_leads": "False"}
    status, data = post_json(editor, url("material_text", team), settings)
    assert status == 200, data
    body = preview_body(editor, team)
    assert '<h3 class="doc-subheading">1.带头学习测试内容方面</h3>' in body
    assert "（1）测试问题0。" in body
    assert "原因，主要有以下" not in body  # no generated lead
    team.refresh_from_db()
    chosen = (team.aspect_numbering, team.problem_numbering, team.auto_leads)
    assert chosen == ("decimal", "paren_digit", False)
    assert "已关闭“未写导语时自动生成”" in editor.get(url("causes", team)).content.decode()
    settings = {"revision": team.revision, "auto_leads": "True"}
    assert post_json(editor, url("material_text", team), settings)[0] == 200
    assert "原因，主要有以下" in preview_body(editor, team)


def test_an_unknown_problem_numbering_is_refused(editor, team):
    settings = {"revision": team.revision, "problem_numbering": "roman"}
    status, data = post_json(editor, url("material_text", team), settings)
    assert status == 422 and "problem_numbering" in data["errors"]
