"""Reading drafters' files: Word's XML as it really comes (runs, breaks, revisions, hidden text,
fields, hyperlinks, tables, automatic numbering of every format) and text files in the encodings
Chinese Windows writes."""

import codecs
import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from apps.imports.reading import read_pasted, read_upload
from apps.imports.reading.numbering import format_number
from tests.imports.wordfiles import add_runs, number_paragraph, save

BODY_START = f"<w:p {nsdecls('w')}>"


def xml_paragraph(inner: str):
    return parse_xml(f"{BODY_START}{inner}</w:p>")


def docx_with(*inner_paragraphs: str) -> bytes:
    document = docx.Document()
    body = document.element.body
    for inner in inner_paragraphs:
        body.insert(len(body) - 1, xml_paragraph(inner))  # before sectPr
    return save(document)


def test_runs_breaks_revisions_hidden_text_fields_and_hyperlinks():
    data = docx_with(
        "<w:r><w:t>存在的</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>主要问</w:t></w:r><w:r><w:t>题</w:t></w:r>",
        "<w:r><w:t>第一句。</w:t><w:br/><w:t>第二句</w:t><w:tab/><w:t>接着</w:t></w:r>",
        "<w:r><w:t>保留</w:t></w:r><w:ins><w:r><w:t>插入的</w:t></w:r></w:ins><w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的</w:t></w:r><w:r><w:t>文字</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>域结果</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:hyperlink w:anchor="x"><w:r><w:t>超链接文字</w:t></w:r></w:hyperlink>'
        '<w:smartTag w:uri="u" w:element="e"><w:r><w:t>智能标记</w:t></w:r></w:smartTag>',
    )
    assert read_upload("a.docx", data) == [
        "存在的主要问题",
        "第一句。",
        "第二句\t接着",
        "保留插入的文字",
        "域结果超链接文字智能标记",
    ]


def test_table_cells_are_read_in_order():
    document = docx.Document()
    document.add_paragraph("表格之前的段落")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"第{r + 1}行第{c + 1}列"
    document.add_paragraph("表格之后的段落")
    assert read_upload("a.docx", save(document)) == [
        "表格之前的段落",
        *["第1行第1列", "第1行第2列", "第2行第1列", "第2行第2列"],
        "表格之后的段落",
    ]


NUMBERING = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/>
    <w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/>
    <w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="（%3）"/></w:lvl>
</w:abstractNum>
"""
NUMS = f"""<w:numbering {nsdecls("w")}>
<w:num w:numId="91"><w:abstractNumId w:val="91"/></w:num>
<w:num w:numId="92"><w:abstractNumId w:val="91"/>
  <w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""


def numbered_document(items: list[tuple[str, int | None, int]]) -> bytes:
    document = docx.Document()
    abstract = parse_xml(NUMBERING)
    nums = list(parse_xml(NUMS))
    numbering = document.part.numbering_part.element
    numbering.insert(0, abstract)
    for num in nums:
        numbering.append(num)
    for text, num_id, level in items:
        paragraph = document.add_paragraph()
        add_runs(paragraph, text)
        if num_id is not None:
            number_paragraph(paragraph, num_id, level)
    return save(document)


def test_automatic_numbering_levels_restart_and_start_override():
    data = numbered_document(
        [
            ("存在的问题", 91, 0),
            ("学习不够", 91, 1),
            ("全角编号", 91, 2),
            ("落实不够", 91, 1),
            ("原因剖析", 91, 0),
            ("理论不深", 91, 1),  # restarts at 1 under the new 二、
            ("不编号的段落", 0, 0),  # numId 0: numbering switched off
            ("另一列表", 92, 1),  # startOverride 5
            ("另一列表续", 92, 1),
        ]
    )
    assert read_upload("n.docx", data) == [
        "一、存在的问题",
        "1.学习不够",
        "（１）全角编号",
        "2.落实不够",
        "二、原因剖析",
        "1.理论不深",
        "不编号的段落",
        "5.另一列表",
        "6.另一列表续",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (3, "chineseCounting", "三"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCountingThousand", "二十"),
        (10, "ideographDigital", "一〇"),
        (3, "ideographTraditional", "丙"),
        (4, "decimalFullWidth", "４"),
        (2, "decimalEnclosedCircle", "②"),
        (7, "decimal", "7"),
        (3, "upperRoman", "III"),
        (1, "bullet", ""),
    ],
)
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


TEXT = "一、存在的主要问题\n（一）学习方面。一是学得不深。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
    ],
)
def test_text_files_in_every_encoding_windows_writes(data):
    assert read_upload("a.txt", data) == ["一、存在的主要问题", "（一）学习方面。一是学得不深。"]


def test_control_characters_and_word_breaks_in_text():
    text = "\u3000\u3000第一段\x0b第二段\x0c第三段\x07\r\n\r\n  第四段  "
    assert read_pasted(text) == ["第一段", "第二段", "第三段", "第四段"]


def test_a_zip_holding_a_text_box_reads_its_paragraph_once():
    inner = (
        '<w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
        'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r>'
        "<w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        "<w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    assert read_upload("a.docx", docx_with(inner)) == ["正文", "文本框"]


def test_a_docx_is_a_zip_with_document_xml():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f"<w:document {nsdecls('w')}><w:body><w:p><w:r><w:t>最小的文档</w:t></w:r></w:p>"
            "</w:body></w:document>",
        )
    assert read_upload("min.docx", buffer.getvalue()) == ["最小的文档"]
