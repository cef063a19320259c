"""Characters no installed font can draw (apps/exports/coverage.py), which the workspace warns about
on the field: without a warning they would print as a box."""

import pytest
from django.urls import reverse

from apps.exports import coverage
from apps.exports.coverage import missing_glyphs
from apps.exports.exporters import export_document
from tests.exports.readback import families_with, pdf_chars

BEYOND_EVERY_FONT = "\U00030000"  # 𰀀, CJK Extension G (Unicode 13): no font `make` installs has it


@pytest.fixture(autouse=True)
def _fresh_coverage():
    coverage._coverage.cache_clear()
    yield
    coverage._coverage.cache_clear()


def test_the_character_used_below_is_really_in_no_installed_font():
    assert families_with(BEYOND_EVERY_FONT) == frozenset()


def test_everyday_and_rare_characters_the_fonts_have_are_not_missing():
    assert missing_glyphs("对照检查材料，“两个确立”。ABC 123 ①℃※ 𠮷堃犇 😀👍🏻🇨🇳") == []


def test_a_character_beyond_every_font_is_missing_once_in_order():
    text = f"甲{BEYOND_EVERY_FONT}乙\U00030001{BEYOND_EVERY_FONT}"
    assert missing_glyphs(text) == [BEYOND_EVERY_FONT, "\U00030001"]


def test_invisible_characters_are_not_reported():
    assert missing_glyphs("\u200d\ufe0f\u3000 \t\n\u2028\U000e0100") == []


def test_without_fontconfig_nothing_is_reported_rather_than_everything(monkeypatch):
    monkeypatch.setenv("PATH", "")  # no fc-list to run
    assert missing_glyphs(f"甲{BEYOND_EVERY_FONT}") == []


def test_a_missing_character_really_prints_as_a_box(meeting):
    """What the warning is about: the PDF draws a font's empty .notdef box in its place."""
    team = meeting.materials.get(member=None)
    team.preamble = f"开头有一个字库中没有的字{BEYOND_EVERY_FONT}。"
    team.save()
    texts = [c["text"] for c in pdf_chars(export_document(meeting, "team", "pdf").content)]
    before = next(i for i in range(3, len(texts)) if texts[i - 3 : i + 1] == list("没有的字"))
    assert texts[before + 2] == "。"
    assert texts[before + 1] == "(cid:0)"  # glyph 0, the font's .notdef: an empty box on paper


def test_the_workspace_asks_which_characters_are_missing(client, drafter):
    client.force_login(drafter)
    response = client.get(reverse("exports:glyphs_missing"), {"chars": f"中{BEYOND_EVERY_FONT}①"})
    assert response.status_code == 200
    assert response.json() == {"missing": [BEYOND_EVERY_FONT]}


def test_the_question_needs_a_login(client):
    response = client.get(reverse("exports:glyphs_missing"), {"chars": "中"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_question_is_get_only(client, drafter):
    client.force_login(drafter)
    assert client.post(reverse("exports:glyphs_missing"), {"chars": "中"}).status_code == 405
