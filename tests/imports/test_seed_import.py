"""The real team material (seed 002, read at run time) imported from Word files made in the test —
typed numbering, and Word's automatic numbering — and from its .txt: the structure its unit wrote,
then, committed and exported, the same text back (DOCX and PDF, read as the export tests do)."""

import io

import docx
import pytest

from apps.entries.models import Material
from apps.exports.exporters import export_document
from apps.imports.parsing import SITUATION_MESSAGE, propose
from apps.imports.proposal import SITUATION_REPORT
from apps.imports.reading import read_upload
from apps.imports.services import REPLACE, commit
from tests.exports.readback import read_pdf
from tests.exports.test_seed_round_trip import comparable, share_in_order
from tests.imports.wordfiles import automatic_docx, paragraph_texts, typed_docx
from tests.seeds import seed_text

SEED = "002_0abc39a9968b08fa.txt"
SITUATION_SEED = "004_08d8ef930af05009.txt"
BUILDERS = {"typed": typed_docx, "automatic": automatic_docx}


def seed_file(kind: str) -> tuple[str, bytes]:
    text = seed_text(SEED)
    if kind == "txt":
        return "material.txt", text.encode("gb18030")  # as Notepad on Chinese Windows saves it
    return "material.docx", BUILDERS[kind](text)


@pytest.mark.parametrize("kind", ["typed", "automatic", "txt"])
def test_the_seed_is_recognised_as_its_unit_wrote_it(meeting_2021, kind):
    name, data = seed_file(kind)
    proposal = propose(read_upload(name, data), meeting_2021, personal=False)
    summary = proposal.summary()
    assert [a["problems"] for a in summary["aspects"]] == [3, 3, 2, 3, 3]
    outline = list(meeting_2021.outline.aspects.order_by("position").values_list("wording", flat=True))
    assert [a["matched_aspect"] for a in summary["aspects"]] == outline
    assert all(aspect.sure for aspect in proposal.aspects)
    assert (summary["causes"], summary["measures"], summary["measure_items"]) == (3, 3, [3, 4, 3])
    assert summary["layout"] == "run_in"
    assert summary["unplaced"] == [] and summary["warnings"] == []
    assert proposal.title.endswith("对照检查材料") and proposal.preamble.endswith("报告如下：")
    assert proposal.causes_numbering == proposal.measures_numbering == "paren"
    assert [a.lead_in != "" for a in proposal.aspects] == [True, True, True, False, False]
    assert proposal.aspects[2].problems[0].example.startswith("譬如")


def test_the_automatic_numbers_are_not_in_the_text_but_are_read_back():
    data = automatic_docx(seed_text(SEED))
    plain = paragraph_texts(data)
    assert "存在的主要问题" in plain and not any(text.startswith(("一、", "（一）")) for text in plain)
    lines = read_upload("material.docx", data)
    assert "一、存在的主要问题" in lines and "三、整改措施和努力方向" in lines
    # （一） restarts after each 一、: the causes and the measures start again at （一）
    blocks = [line[:3] for line in lines if line.startswith("（")]
    assert blocks == ["（一）", "（二）", "（三）", "（四）", "（五）", *["（一）", "（二）", "（三）"] * 2]


def docx_body(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


@pytest.mark.parametrize("kind", ["typed", "automatic"])
def test_import_then_export_gives_back_the_source(meeting_2021, kind):
    name, data = seed_file(kind)
    proposal = propose(read_upload(name, data), meeting_2021, personal=False)
    material = Material.objects.get(meeting=meeting_2021, member=None)
    result = commit(proposal=proposal, material=material, mode=REPLACE)
    assert (result.problems, result.causes, result.measures, result.kept_as_text) == (14, 3, 3, [])
    source = comparable(seed_text(SEED))
    for fmt, body in (("docx", docx_body), ("pdf", lambda content: read_pdf(content).text)):
        exported = comparable(body(export_document(meeting_2021, "team", fmt).content))
        assert share_in_order(source, exported) >= 0.995, fmt


def test_the_txt_import_exports_back_too(meeting_2021):
    proposal = propose(read_upload(*seed_file("txt")), meeting_2021, personal=False)
    commit(proposal=proposal, material=Material.objects.get(meeting=meeting_2021, member=None), mode=REPLACE)
    exported = comparable(docx_body(export_document(meeting_2021, "team", "docx").content))
    assert share_in_order(comparable(seed_text(SEED)), exported) >= 0.995


def test_the_situation_report_is_not_a_material(meeting_2021):
    lines = read_upload("report.docx", typed_docx(seed_text(SITUATION_SEED)))
    proposal = propose(lines, meeting_2021, personal=False)
    assert proposal.kind == SITUATION_REPORT
    assert proposal.warnings == [SITUATION_MESSAGE]
    assert "情况报告" in SITUATION_MESSAGE and "不是对照检查材料" in SITUATION_MESSAGE
