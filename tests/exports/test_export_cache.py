"""The export cache (apps/exports/export_cache.py): an unchanged document downloads again without
rendering, any change renders anew, and viewers who see different content get different files.
Renders are counted with the ``document_rendered`` signal the exporter sends when a writer runs."""

import io

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.entries import services as entries
from apps.exports import export_cache
from apps.exports.context import Heading, Paragraph, Run, Subheading, TextDocument, build_export_context
from apps.exports.documents import DocumentRef, Format, Kind
from apps.exports.exporters import export_document
from apps.exports.signals import document_rendered


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # the tests' cache lives in memory for the whole run
    yield
    cache.clear()


@pytest.fixture
def renders():
    """The (document, format) of every render, in order."""
    seen: list[tuple[str, str]] = []

    def receiver(sender, document, fmt, **kwargs):
        seen.append((str(document), str(fmt)))

    document_rendered.connect(receiver, dispatch_uid="test-export-cache")
    yield seen
    document_rendered.disconnect(dispatch_uid="test-export-cache")


def url(meeting, document: str, fmt: str) -> str:
    return reverse("exports:download", args=[meeting.pk, document, fmt])


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_second_download_of_an_unchanged_document_does_not_render(
    client, drafter, filled_meeting, renders, fmt
):
    client.force_login(drafter)
    first = client.get(url(filled_meeting, "team", fmt))
    second = client.get(url(filled_meeting, "team", fmt))
    assert first.status_code == second.status_code == 200
    assert renders == [("team", fmt)]
    assert second.content == first.content
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Type"] == first["Content-Type"]


def test_one_changed_character_renders_anew(client, drafter, filled_meeting, renders):
    client.force_login(drafter)
    before = client.get(url(filled_meeting, "team", "pdf")).content
    team = filled_meeting.materials.get(member__isnull=True)
    team.preamble = team.preamble.replace("三个方面", "三个方向")
    team.save()
    after = client.get(url(filled_meeting, "team", "pdf")).content
    assert renders == [("team", "pdf"), ("team", "pdf")]
    assert after != before
    again = client.get(url(filled_meeting, "team", "pdf")).content
    assert again == after and len(renders) == 2


def test_formats_and_documents_have_their_own_files(client, drafter, filled_meeting, renders):
    client.force_login(drafter)
    for document, fmt in [("team", "pdf"), ("team", "docx"), ("situation", "pdf"), ("team", "pdf")]:
        assert client.get(url(filled_meeting, document, fmt)).status_code == 200
    assert renders == [("team", "pdf"), ("team", "docx"), ("situation", "pdf")]


def _measure_headlines(content: bytes) -> str:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)


def test_viewers_who_see_different_measures_get_different_ledgers(
    client, filled_meeting, member_user, supervisor, unit, renders
):
    """The 整改台账 lists the personal materials' measures the viewer may read: 孙委员 reads his own,
    the supervisor does not; each gets a file of their own, never the other's from the cache."""
    sun = unit.members.get(position=3)
    personal = filled_meeting.materials.get(member=sun)
    entries.measure_add(material=personal, headline="个人整改加快项目进度", problems=[])
    client.force_login(member_user)
    own = client.get(url(filled_meeting, "ledger", "xlsx")).content
    client.force_login(supervisor)
    theirs = client.get(url(filled_meeting, "ledger", "xlsx")).content
    assert "个人整改加快项目进度" in _measure_headlines(own)
    assert "个人整改加快项目进度" not in _measure_headlines(theirs)
    assert renders == [("ledger", "xlsx"), ("ledger", "xlsx")]
    client.force_login(supervisor)  # and each keeps getting their own file from the cache
    assert client.get(url(filled_meeting, "ledger", "xlsx")).content == theirs
    assert len(renders) == 2


def test_viewers_who_see_the_same_content_share_the_file(client, filled_meeting, drafter, secretary, renders):
    client.force_login(drafter)
    first = client.get(url(filled_meeting, "team", "docx")).content
    client.force_login(secretary)
    assert client.get(url(filled_meeting, "team", "docx")).content == first
    assert renders == [("team", "docx")]


def test_a_heading_and_a_subheading_of_the_same_text_have_different_keys():
    def doc(block) -> TextDocument:
        return TextDocument(DocumentRef(Kind.TEAM), "标题", ("标题",), "", (block,), (), "标题", "单位")

    assert export_cache.cache_key(doc(Heading("一、问题")), Format.PDF) != export_cache.cache_key(
        doc(Subheading("一、问题")), Format.PDF
    )
    runs = (Run("一是。", "strong"), Run("正文"))
    assert export_cache.cache_key(doc(Paragraph(runs)), Format.DOCX) != export_cache.cache_key(
        doc(Paragraph((Run("一是。"), Run("正文")))), Format.DOCX
    )


def test_the_key_is_stable_and_follows_the_pdf_font_settings(settings, filled_meeting):
    context = build_export_context(filled_meeting, "team")
    again = build_export_context(filled_meeting, "team")
    key = export_cache.cache_key(context, Format.PDF)
    assert export_cache.cache_key(again, Format.PDF) == key
    assert export_cache.cache_key(context, Format.DOCX) != key
    settings.EXPORT_PDF_FONTS = {**settings.EXPORT_PDF_FONTS, "body": ["仿宋_GB2312", "Noto Serif CJK SC"]}
    assert export_cache.cache_key(context, Format.PDF) != key


def test_a_new_version_of_the_writers_does_not_serve_old_files(filled_meeting, monkeypatch, renders):
    export_document(filled_meeting, "team", "docx")
    monkeypatch.setattr(export_cache, "_sources_digest", lambda: "a deploy with new formatting")
    export_document(filled_meeting, "team", "docx")
    assert len(renders) == 2


def test_files_above_the_size_cap_and_a_zero_ttl_are_not_kept(settings, filled_meeting, renders):
    settings.EXPORT_CACHE_MAX_BYTES = 1000  # a Word file is ~40 KB
    export_document(filled_meeting, "team", "docx")
    export_document(filled_meeting, "team", "docx")
    assert len(renders) == 2
    settings.EXPORT_CACHE_MAX_BYTES, settings.EXPORT_CACHE_TTL = 5_000_000, 0
    export_document(filled_meeting, "team", "docx")
    export_document(filled_meeting, "team", "docx")
    assert len(renders) == 4
