"""Document references, formats, file names, title lines and the signature block (no database)."""

import datetime

import pytest

from apps.exports.context import display_width, signature_lines, split_title
from apps.exports.documents import (
    DocumentError,
    DocumentRef,
    Format,
    Kind,
    parse_document,
    parse_format,
    safe_file_name,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("team", DocumentRef(Kind.TEAM)),
        (" Situation ", DocumentRef(Kind.SITUATION)),
        ("ledger", DocumentRef(Kind.LEDGER)),
        ("opinions", DocumentRef(Kind.OPINIONS)),
        ("member:7", DocumentRef(Kind.MEMBER, 7)),
        ("member-12", DocumentRef(Kind.MEMBER, 12)),
    ],
)
def test_document_references_parse_in_shell_and_url_form(text, expected):
    assert parse_document(text) == expected


@pytest.mark.parametrize("text", ["", "member", "member:", "member:abc", "member:-1", "teams", "report"])
def test_malformed_references_are_refused_with_the_valid_ones_named(text):
    with pytest.raises(DocumentError, match="team、member:成员ID"):
        parse_document(text)


def test_url_and_shell_forms_round_trip():
    ref = DocumentRef(Kind.MEMBER, 5)
    assert ref.slug == "member-5" and str(ref) == "member:5"
    assert parse_document(ref.slug) == parse_document(str(ref)) == ref


@pytest.mark.parametrize(
    ("document", "fmt"),
    [("team", "docx"), ("team", "PDF"), ("member:3", "pdf"), ("situation", ".docx"), ("ledger", "xlsx")],
)
def test_each_document_has_its_formats(document, fmt):
    assert parse_format(parse_document(document), fmt) in Format


@pytest.mark.parametrize(
    ("document", "fmt", "allowed"),
    [
        ("ledger", "pdf", "xlsx"),
        ("opinions", "docx", "xlsx"),
        ("team", "xlsx", "docx、pdf"),
        ("team", "odt", ""),
    ],
)
def test_impossible_combinations_name_the_formats_that_exist(document, fmt, allowed):
    with pytest.raises(DocumentError, match=f"只能导出为 {allowed}"):
        parse_format(parse_document(document), fmt)


def test_file_names_keep_chinese_and_lose_path_characters():
    assert safe_file_name("某局/党委: 2030 “材料”?", Format.DOCX) == "某局党委2030“材料”.docx"
    assert safe_file_name("", Format.PDF) == "导出文件.pdf"


def test_a_short_title_stays_on_one_line():
    assert split_title("测试局党委班子对照检查材料") == ("测试局党委班子对照检查材料",)


def test_a_long_title_breaks_between_words_into_a_trapezoid():
    lines = split_title("市数据局党组班子2023年度主题教育专题民主生活会对照检查材料")
    assert lines == ("市数据局党组班子2023年度", "主题教育专题民主生活会对照检查材料")
    first, second = (display_width(line) for line in lines)
    assert first < second <= 20


def test_a_title_never_breaks_inside_a_number():
    for lines in (split_title("某某某某某某某某某某某某某某某某2030年度民主生活会对照检查材料"),):
        assert all(not (a[-1].isdigit() and b[0].isdigit()) for a, b in zip(lines, lines[1:], strict=False))
        assert all(display_width(line) <= 20 for line in lines)


def test_a_title_longer_than_two_lines_is_balanced_not_filled_line_by_line():
    lines = split_title("很" * 50)
    assert "".join(lines) == "很" * 50 and [len(line) for line in lines] == [15, 17, 18]


def test_a_three_line_title_breaks_between_its_words():
    unit = "示范市数据资源管理局党组"
    title = f"{unit}2023年度学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会情况报告"
    assert split_title(title) == (
        f"{unit}2023年度",
        "学习贯彻习近平新时代中国特色社会主义思想",
        "主题教育专题民主生活会情况报告",
    )


def test_a_title_never_breaks_inside_年度_or_before_a_closing_mark():
    assert split_title("示范市数据资源管理局党组2023年度主题教育专题民主生活会情况报告") == (
        "示范市数据资源管理局党组",
        "2023年度主题教育专题民主生活会情况报告",
    )
    lines = split_title("区委常委班子专题民主生活会“五个带头”对照检查材料")
    assert lines == ("区委常委班子专题民主生活会", "“五个带头”对照检查材料")


def test_digits_count_wider_than_half_a_character_so_a_line_fits_the_pdfs_20():
    # 18 characters and 4 digits: 20 if a digit were ½, but printed digits are ~0.6, and the PDF
    # wrapped the last character (告) onto a line of its own.
    lines = split_title("县委常委会班子2024年度民主生活会情况报告")
    assert lines == ("县委常委会班子", "2024年度民主生活会情况报告")


def test_signature_follows_gbt9704_when_the_unit_name_is_longer_than_the_date():
    name, date = signature_lines("示范市数据资源管理局党组", datetime.date(2024, 1, 19))
    assert (name.text, date.text) == ("示范市数据资源管理局党组", "2024年1月19日")
    # unit two characters in from the right; the date starts two characters right of the unit
    assert name.right_chars == 2
    assert (name.right_chars + 12) - (date.right_chars + display_width(date.text)) == 2


def test_signature_date_longer_than_the_unit_sits_two_characters_in():
    name, date = signature_lines("某党委", datetime.date(2024, 12, 31))
    assert date.right_chars == 2
    assert (name.right_chars + 3) - (date.right_chars + display_width(date.text)) == 2
