"""Bad input never fails an export: control characters, emoji, a 10,000-character paragraph, empty
parts, rare characters (𠮷 堃 犇) that some fonts lack, and a real draft read from the seeds."""

import io
import re
from pathlib import Path
from urllib.parse import quote

import docx
import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse

from apps.entries import services as entries
from apps.entries.models import Material, Measure, Problem
from apps.exports.documents import Kind
from apps.exports.exporters import export_document
from apps.ledger.models import ProgressNote
from tests.exports.readback import drawn_with_a_glyph, families_with, normalised, pdf_chars, read_pdf

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
MAKEFILE = Path(settings.BASE_DIR) / "Makefile"
CONTROL = "\x00\x01\x08\x0e\x1f\x7f\ufffe"  # dropped; Word's U+000B/U+000C join or split (apps.core.text)
EVERY_FORMAT = [
    ("team", "docx"),
    ("team", "pdf"),
    ("situation", "docx"),
    ("situation", "pdf"),
    ("ledger", "xlsx"),
]


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.fixture
def dirty_meeting(filled_meeting):
    """Text written past the clean model fields (a bulk update, an old import): control characters."""
    team = filled_meeting.materials.get(member=None)
    Problem.objects.filter(material=team, headline="理论学习不够深入").update(
        headline=f"理论{CONTROL}学习不够深入",
        example=f"比如，{CONTROL}有表情\x0b😀👍🏻🇨🇳照样保留。\x0b手动换行之后另起一段。",
    )
    Measure.objects.filter(material=team).update(department=f"办公室{CONTROL}")
    ProgressNote.objects.filter(measure__material=team).update(text=f"进展{CONTROL}正常\x0b有序")
    return filled_meeting


@pytest.mark.parametrize(("document", "fmt"), EVERY_FORMAT)
def test_control_characters_are_dropped_and_the_rest_kept(dirty_meeting, document, fmt):
    content = export_document(dirty_meeting, document, fmt).content
    if fmt == "docx":
        text = docx_text(content)
    elif fmt == "pdf":
        text = read_pdf(content).text
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    assert not any(ch in text for ch in CONTROL + "\x0b\x0c")
    assert "理论学习不够深入" in text
    if document == "team" and fmt == "docx":
        # The manual line break inside the sentence joins it; the one after 。 starts a paragraph.
        assert "比如，有表情😀👍🏻🇨🇳照样保留。\n手动换行之后另起一段。" in text
    if document == "ledger":
        assert "进展正常有序" in text and "办公室" in text  # a break inside a sentence joins it


# The emoji font the Makefile installs (APT_PACKAGES, for `make run` and `make test` alike).
EMOJI_PACKAGE, EMOJI_FAMILY = "fonts-noto-color-emoji", "Noto Color Emoji"
EMOJI = ["😀", "👍🏻", "🇨🇳"]  # a face, one with a skin tone, a flag (the dirty example above)


def test_the_makefile_installs_the_emoji_font():
    packages = re.search(r"^APT_PACKAGES := (.*)$", MAKEFILE.read_text(), re.MULTILINE).group(1).split()
    assert EMOJI_PACKAGE in packages


def test_an_emoji_is_drawn_by_the_emoji_font_and_nothing_else_is(dirty_meeting):
    assert normalised(EMOJI_FAMILY) in families_with("😀"), (
        f"{EMOJI_FAMILY} is not installed: `make test` installs {EMOJI_PACKAGE} (Makefile, APT_PACKAGES)"
    )
    chars = pdf_chars(export_document(dirty_meeting, "team", "pdf").content)
    emoji = [c for c in chars if c["text"] in EMOJI]
    assert sorted(c["text"] for c in emoji) == sorted(EMOJI)  # each one glyph: 👍🏻 and 🇨🇳 not split
    assert all(normalised(c["fontname"]).startswith(normalised(EMOJI_FAMILY)) for c in emoji)
    # The emoji font also has digits, #, * and ©: the text around stays in the document's fonts.
    assert [c["text"] for c in chars if "emoji" in c["fontname"].lower() and c["text"] not in EMOJI] == []
    assert any(c["text"].isdigit() for c in chars)  # there are digits (page numbers, dates) to check


def test_a_ten_thousand_character_paragraph_is_exported_whole(filled_meeting):
    team = filled_meeting.materials.get(member=None)
    long_text = ("这是一段很长的具体表现，" * 834)[:10_000]
    Problem.objects.filter(material=team, headline="调查研究不够扎实").update(elaboration=long_text)
    assert long_text in docx_text(export_document(filled_meeting, "team", "docx").content)
    grid = read_pdf(export_document(filled_meeting, "team", "pdf").content)
    assert long_text in grid.text
    assert grid.pages >= 17 and max(grid.lines_per_body_page) == 22


@pytest.mark.parametrize(("document", "fmt"), [*EVERY_FORMAT, ("opinions", "xlsx")])
def test_a_meeting_with_nothing_filled_in_still_exports(meeting, document, fmt):
    exported = export_document(meeting, document, fmt)
    assert exported.content[:2] in (b"PK", b"%P")


def test_an_empty_personal_material_exports_its_outline(meeting, unit):
    zhao = unit.members.get(position=1)
    Material.objects.create(meeting=meeting, member=zhao)
    text = docx_text(export_document(meeting, f"member:{zhao.pk}", "docx").content)
    assert "【待补充：本方面尚未填写查摆的问题】" in text and "一、对照检查查摆的问题" in text


@pytest.fixture
def rare_meeting(meeting, unit):
    """Rare characters in a member's name (printed in 楷体, which lacks 𠮷) and in the text."""
    member = unit.members.get(position=3)
    member.name = "王𠮷"
    member.save()
    material = Material.objects.create(meeting=meeting, member=member, preamble="我是王𠮷，同事李堃、张犇。")
    aspect = meeting.outline.aspects.first()
    entries.problem_add(material=material, aspect=aspect, headline="𠮷堃犇三字都要印出来")
    entries.cause_add(material=material, headline="原因里也有𠮷堃犇")  # run-in 楷体 heading
    return meeting, member


def test_rare_characters_fall_back_to_a_font_that_has_them(rare_meeting):
    meeting, member = rare_meeting
    assert "王𠮷" in docx_text(export_document(meeting, f"member:{member.pk}", "docx").content)
    chars = pdf_chars(export_document(meeting, f"member:{member.pk}", "pdf").content)
    rare = [c for c in chars if c["text"] in "𠮷堃犇"]
    assert len(rare) == 10  # author line, preamble ×3, problem ×3, cause ×3
    blank = [(c["text"], c["fontname"]) for c in rare if not drawn_with_a_glyph(c)]
    assert blank == []  # never a blank box
    kai_fallback = [c for c in rare if c["text"] == "𠮷" and "ukai" not in c["fontname"].lower()]
    assert kai_fallback  # 楷体 (AR PL UKai) has no 𠮷: another installed font drew it


def test_a_rare_character_survives_in_the_download_file_name(client, drafter, rare_meeting):
    meeting, member = rare_meeting
    client.force_login(drafter)
    slug = f"{Kind.MEMBER}-{member.pk}"
    response = client.get(reverse("exports:download", args=[meeting.pk, slug, "pdf"]))
    name = "测试市测试局党委王𠮷同志2030年度民主生活会个人对照检查材料.pdf"
    assert response.status_code == 200
    assert f"filename*=UTF-8''{quote(name)}" in response["Content-Disposition"]
    assert "%F0%A0%AE%B7" in response["Content-Disposition"]  # 𠮷 as four UTF-8 bytes


@pytest.mark.skipif(
    not (SEEDS / "002_0abc39a9968b08fa.txt").exists(), reason="the shared seed drafts are not here"
)
def test_a_real_draft_keeps_the_grid(meeting):
    """Seed 002 (a real team material: mixed punctuation, placeholders, pinyin) read at run time and
    entered as problems; the export keeps 22 lines of 28 characters."""
    lines = [
        line.strip() for line in (SEEDS / "002_0abc39a9968b08fa.txt").read_text().splitlines() if line.strip()
    ]
    team = meeting.materials.get(member=None)
    aspects = list(meeting.outline.aspects.all())
    for number, line in enumerate(lines[1:], start=1):
        Problem.objects.create(
            material=team, aspect=aspects[number % 3], position=number, headline=line[:30], elaboration=line
        )
    content = export_document(meeting, "team", "pdf").content
    grid = read_pdf(content)
    assert max(grid.lines_per_body_page) == 22 and grid.chars_by_pitch == 28
    assert all(line[:200].replace(" ", "") in grid.text.replace(" ", "") for line in lines[1:])
