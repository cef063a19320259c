"""Bulk import of 素材 collections: the seed collections (read at run time), a .docx built here, plain
paragraphs, and files that must be refused with a Chinese message."""

import io
import re
import zipfile

import docx
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from apps.snippets.importing import SnippetImportRefused, guess_kind, guess_year, snippets_import
from apps.snippets.models import Snippet
from apps.snippets.search import search
from tests.seeds import seed_text

pytestmark = pytest.mark.django_db

SEED_PROBLEMS = "000_b79e95db50fe1cc2.txt"
SEED_CAUSES = "001_631966efb96d4118.txt"
BLOCK = re.compile(r"^\d{2}$")


def blocks_of(text: str) -> tuple[list[str], list[str]]:
    """(title lines, blocks) of a collection, read independently of the importer."""
    lines = [line.strip() for line in text.splitlines()]
    starts = [i for i, line in enumerate(lines) if BLOCK.match(line)]
    title = [line for line in lines[: starts[0]] if line]
    ends = [*starts[1:], len(lines)]
    return title, [
        "\n".join(line for line in lines[a + 1 : b] if line) for a, b in zip(starts, ends, strict=True)
    ]


@pytest.mark.parametrize(("seed", "kind"), [(SEED_PROBLEMS, "problem"), (SEED_CAUSES, "cause")])
def test_seed_collection_gives_one_snippet_per_block(unit, seed, kind):
    text = seed_text(seed)
    title, blocks = blocks_of(text)
    report = snippets_import(name=seed, data=text.encode(), unit=unit)
    assert report.imported == len(blocks) > 1
    stored = list(Snippet.objects.filter(unit=unit).order_by("pk"))
    assert [s.text for s in stored] == blocks  # every line of every block, pinyin placeholders kept
    assert {s.kind for s in stored} == {kind}
    assert {s.year for s in stored} == {2021}
    assert {s.source for s in stored} == {" ".join(title)}
    # the index is filled by the bulk import: a 1-, 2- and 4-character piece of the last block
    last = blocks[-1]
    for piece in (last[5], last[5:7], last[5:9]):
        assert stored[-1].pk in {hit.snippet.pk for hit in search(unit=unit, query=piece, limit=100).hits}


def test_importing_the_same_collection_twice_adds_nothing(unit):
    text = seed_text(SEED_CAUSES)
    first = snippets_import(name="a.txt", data=text.encode(), unit=unit)
    second = snippets_import(name="a.txt", data=text.encode(), unit=unit)
    assert second.imported == 0 and second.duplicates == first.imported
    assert "未重复导入" in second.message()


def make_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_collection_of_the_same_shape(unit):
    data = make_docx(
        ["2024年度班子整改措施汇编", "", "01", "一要加强理论学习。", "二要完善制度。", "02", "坚持问题导向。"]
    )
    report = snippets_import(name="措施.docx", data=data, unit=unit)
    assert report.imported == 2
    stored = list(
        Snippet.objects.filter(unit=unit).order_by("pk").values_list("text", "kind", "year", "source")
    )
    assert stored == [
        ("一要加强理论学习。\n二要完善制度。", "measure", 2024, "2024年度班子整改措施汇编"),
        ("坚持问题导向。", "measure", 2024, "2024年度班子整改措施汇编"),
    ]


def test_docx_seed_collection_matches_the_text_import(unit, other_unit):
    text = seed_text(SEED_PROBLEMS)
    snippets_import(name="seed.txt", data=text.encode(), unit=unit)
    snippets_import(name="seed.docx", data=make_docx(text.splitlines()), unit=other_unit)
    from_text = list(Snippet.objects.filter(unit=unit).order_by("pk").values_list("text", "source"))
    from_docx = list(Snippet.objects.filter(unit=other_unit).order_by("pk").values_list("text", "source"))
    assert from_docx == from_text


def test_plain_text_without_blocks_gives_one_snippet_per_paragraph(unit):
    text = "第一段落，理论学习不深。\n\n第二段落，整改不实。\r\n  \n第三段落。"
    report = snippets_import(name="零散素材.txt", data=text.encode("gb18030"), unit=unit)
    assert report.imported == 3 and not report.numbered
    assert list(Snippet.objects.order_by("pk").values_list("text", flat=True)) == [
        "第一段落，理论学习不深。",
        "第二段落，整改不实。",
        "第三段落。",
    ]
    assert set(Snippet.objects.values_list("source", "kind")) == {("零散素材", "other")}


def test_overrides_and_an_over_long_block_is_named_not_lost_silently(unit):
    text = "素材集\n01\n" + "长" * 5001 + "\n02\n正常的一条\n"
    report = snippets_import(
        name="x.txt", data=text.encode(), unit=None, kind="lead_in", year=2030, source="自定"
    )
    assert report.imported == 1
    assert "第 1 条有 5001 字" in report.message()
    assert list(Snippet.objects.values_list("unit", "kind", "year", "source")) == [
        (None, "lead_in", 2030, "自定")
    ]


def test_imported_snippets_are_stored_as_saving_them_would(unit, drafter):
    """The bulk path (COPY on PostgreSQL, bulk_create on SQLite) fills every column as save() does:
    who and when, the cleaned text, and the index, for a text of the maximum length too."""
    longest = "".join(chr(0x4E00 + n * 7919 % 20000) for n in range(5000))
    text = f"2023年措施素材\n01\n第一条\u000b措施\n02\n{longest}\n"
    before = timezone.now()
    snippets_import(name="x.txt", data=text.encode(), unit=unit, user=drafter)
    stored = list(Snippet.objects.order_by("pk"))
    assert [s.text for s in stored] == ["第一条措施", longest]
    assert {(s.unit_id, s.created_by_id, s.kind, s.year) for s in stored} == {
        (unit.pk, drafter.pk, "measure", 2023)
    }
    assert all(before <= s.created_at <= s.updated_at <= timezone.now() for s in stored)
    saved = Snippet(text=longest)
    saved.fill_search_columns()
    assert (stored[1].search_bigrams, stored[1].search_unigrams) == (
        saved.search_bigrams,
        saved.search_unigrams,
    )
    assert [h.snippet.pk for h in search(unit=unit, query="条措").hits] == [stored[0].pk]
    assert [h.snippet.pk for h in search(unit=unit, query=longest[3000:3003]).hits] == [stored[1].pk]


def test_guesses_from_the_title():
    assert guess_kind("2021年末专题班子产生问题的原因剖析") == "cause"
    assert guess_kind("针对问题的整改措施") == "measure"
    assert guess_kind("班子第四方面") == "problem"
    assert guess_kind("会议通知") == "other"
    assert guess_year("2021年末dangshi专题") == 2021
    assert guess_year("无年度") is None


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.docx", b"this is not a zip file", "不是有效的 Word"),
        ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "不是有效的 Word"),  # encrypted: OLE
        ("a.docx", zip_bomb(), "解压后过大"),
        ("a.txt", b"", "文件是空的"),
        ("a.txt", b"   \n\n", "文件是空的"),
        ("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "不是纯文本"),
        ("a.txt", b"x" * (10 * 1024 * 1024 + 1), "文件太大"),
        ("a.doc", b"old word", "另存为 .docx"),
        ("a.pdf", b"%PDF-1.4", "只能导入 .txt 或 .docx"),
        ("a.txt", "标题\n01\n\n02\n".encode(), "没有找到可导入的段落"),
    ],
)
def test_bad_files_are_refused_with_a_chinese_message_and_nothing_imported(unit, name, data, message):
    with pytest.raises(SnippetImportRefused, match=message):
        snippets_import(name=name, data=data, unit=unit)
    assert not Snippet.objects.exists()


def test_a_zip_that_is_not_a_word_document_is_refused(unit):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(SnippetImportRefused, match="不是有效的 Word"):
        snippets_import(name="a.docx", data=buffer.getvalue(), unit=unit)


def test_command_imports_into_a_unit_or_the_shared_library(unit, tmp_path):
    text = seed_text(SEED_CAUSES)
    _, blocks = blocks_of(text)
    path = tmp_path / "causes.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_snippets", str(path), "--unit", str(unit.pk), stdout=out)
    assert f"已导入 {len(blocks)} 条素材" in out.getvalue()
    assert Snippet.objects.filter(unit=unit).count() == len(blocks)
    call_command(
        "import_snippets", str(path), "--shared", "--kind", "other", "--year", "2022", stdout=io.StringIO()
    )
    assert set(Snippet.objects.filter(unit=None).values_list("kind", "year")) == {("other", 2022)}


def test_command_needs_exactly_one_target_and_says_what_is_wrong(unit, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("一段素材", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_snippets", str(path))
    with pytest.raises(CommandError):
        call_command("import_snippets", str(path), "--shared", "--unit", str(unit.pk))
    with pytest.raises(CommandError, match="没有 ID 为 999999 的单位"):
        call_command("import_snippets", str(path), "--unit", "999999")
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import_snippets", str(tmp_path / "missing.txt"), "--shared")
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="文件是空的"):
        call_command("import_snippets", str(empty), "--shared")
    assert not Snippet.objects.exists()
