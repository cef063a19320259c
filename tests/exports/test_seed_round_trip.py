"""A real team material (seed 002, read from ../shared/seeds at run time) typed in as its unit prints
it — title, preamble, section headings, each aspect's heading and lead-in, leads, problems, causes,
measures, run-in layout — comes out of the Word and PDF files whole and in order."""

import datetime
import difflib
import io
import re
import statistics
import unicodedata

import docx
import pytest

from apps.entries.models import Material
from apps.exports.exporters import export_document
from apps.meetings.models import Meeting
from apps.outlines.models import OutlineTemplate
from tests.exports.readback import read_pdf
from tests.seeds import enter_team_material, parse_team_material, seed_text

SEED = "002_0abc39a9968b08fa.txt"


def comparable(text: str) -> str:
    """Whitespace ignored, half- and full-width punctuation equal (NFKC folds （ into ( and so on)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def share_in_order(source: str, exported: str) -> float:
    """The share of the source's characters found in the export in the same order."""
    matcher = difflib.SequenceMatcher(None, source, exported, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(source)


@pytest.fixture
def seed_meeting(unit) -> Meeting:
    outline = OutlineTemplate.objects.get(year=2021)
    meeting = Meeting.objects.create(
        unit=unit, outline=outline, kind=outline.meeting_kind, year=2021,
        title="测试局党委2021年度专题民主生活会", date=datetime.date(2022, 1, 10),
    )  # fmt: skip
    material = Material.objects.create(meeting=meeting)
    enter_team_material(material, parse_team_material(seed_text(SEED)))
    return meeting


@pytest.fixture
def source() -> str:
    return comparable(seed_text(SEED))


def docx_body(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(content)).paragraphs)


def pdf_body(content: bytes) -> str:
    return read_pdf(content).text


@pytest.mark.parametrize(("fmt", "body"), [("docx", docx_body), ("pdf", pdf_body)])
def test_the_export_holds_the_real_material_whole_and_in_order(seed_meeting, source, fmt, body):
    exported = comparable(body(export_document(seed_meeting, "team", fmt).content))
    assert share_in_order(source, exported) >= 0.995


@pytest.mark.parametrize(("fmt", "body"), [("docx", docx_body), ("pdf", pdf_body)])
def test_every_lead_in_lead_and_heading_wording_is_exported(seed_meeting, fmt, body):
    parsed = parse_team_material(seed_text(SEED))
    exported = comparable(body(export_document(seed_meeting, "team", fmt).content))
    wordings = [
        parsed.title,
        *(f"{n}、{heading}" for n, heading in zip("一二三", parsed.headings, strict=True)),
        *(f"{block.heading}。{block.lead_in}" for block in parsed.aspects),
        parsed.causes_lead,
        parsed.measures_lead,
    ]
    missing = [wording for wording in wordings if comparable(wording) not in exported]
    assert not missing


def test_the_seed_is_entered_as_its_outline_and_counts_say(seed_meeting):
    team = seed_meeting.materials.get(member=None)
    per_aspect = [
        team.problems.filter(aspect=a).count() for a in seed_meeting.outline.aspects.order_by("position")
    ]
    assert per_aspect == [3, 3, 2, 3, 3]
    assert team.causes.count() == 3
    assert [m.items.count() for m in team.measures.order_by("position")] == [3, 4, 3]
    assert team.aspect_texts.exclude(lead_in="").count() == 3  # the first three aspects open with one


def test_the_run_in_material_keeps_the_22_by_28_grid(seed_meeting):
    grid = read_pdf(export_document(seed_meeting, "team", "pdf").content)
    assert grid.pages >= 10
    assert statistics.mode(grid.lines_per_body_page) == 22 and max(grid.lines_per_body_page) == 22
    assert statistics.mode(grid.full_line_lengths) == 28 and grid.chars_by_pitch == 28
    assert not grid.beyond_type_area
