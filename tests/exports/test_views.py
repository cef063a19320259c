"""Downloads in the browser: who gets which file, Chinese file names, and the buttons."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from apps.entries.models import Material

READERS = ["drafter", "member_user", "secretary", "supervisor", "admin_user"]
SHARED = [("team", "docx"), ("team", "pdf"), ("situation", "docx"), ("ledger", "xlsx"), ("opinions", "xlsx")]


def url(meeting, document: str, fmt: str) -> str:
    return reverse("exports:download", args=[meeting.pk, document, fmt])


@pytest.fixture
def sun(unit):
    """孙委员, whose login is ``member_user``."""
    return unit.members.get(position=3)


def test_anonymous_user_is_sent_to_login(client, meeting):
    response = client.get(url(meeting, "team", "docx"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_outsider_gets_404_for_every_document(client, outsider, filled_meeting, sun):
    client.force_login(outsider)
    for document, fmt in [*SHARED, (f"member-{sun.pk}", "pdf")]:
        assert client.get(url(filled_meeting, document, fmt)).status_code == 404


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(("document", "fmt"), [("team", "docx"), ("ledger", "xlsx")])
def test_every_reader_of_the_meeting_downloads_the_shared_documents(
    client, request, filled_meeting, reader, document, fmt
):
    client.force_login(request.getfixturevalue(reader))
    response = client.get(url(filled_meeting, document, fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(
    ("reader", "status"),
    [("member_user", 200), ("drafter", 200), ("secretary", 200), ("admin_user", 200), ("supervisor", 404)],
)
def test_a_personal_material_goes_to_the_member_drafters_secretary_and_admin(
    client, request, filled_meeting, sun, reader, status
):
    client.force_login(request.getfixturevalue(reader))
    assert client.get(url(filled_meeting, f"member-{sun.pk}", "docx")).status_code == status


def test_a_member_cannot_download_another_members_material(client, member_user, filled_meeting, unit):
    zhao = unit.members.get(position=1)
    Material.objects.create(meeting=filled_meeting, member=zhao)
    client.force_login(member_user)
    assert client.get(url(filled_meeting, f"member-{zhao.pk}", "pdf")).status_code == 404


@pytest.mark.parametrize(
    ("document", "fmt"),
    [
        ("member-999999", "docx"),
        ("ledger", "pdf"),
        ("team", "xlsx"),
        ("team", "odt"),
        ("report", "pdf"),
        ("member-x", "pdf"),
    ],
)
def test_unknown_documents_and_impossible_formats_are_404(client, drafter, filled_meeting, document, fmt):
    client.force_login(drafter)
    assert client.get(url(filled_meeting, document, fmt)).status_code == 404


def test_another_units_member_is_404_even_for_the_admin(client, admin_user, filled_meeting, other_unit):
    client.force_login(admin_user)
    foreign = other_unit.members.get()
    assert client.get(url(filled_meeting, f"member-{foreign.pk}", "docx")).status_code == 404


def test_post_is_not_allowed(client, drafter, meeting):
    client.force_login(drafter)
    assert client.post(url(meeting, "team", "docx")).status_code == 405


def test_download_has_a_chinese_rfc5987_file_name_and_the_right_type(client, drafter, filled_meeting):
    client.force_login(drafter)
    response = client.get(url(filled_meeting, "team", "docx"))
    name = "测试市测试局党委班子2030年度民主生活会对照检查材料.docx"
    assert (
        response["Content-Disposition"]
        == f"attachment; filename=\"export.docx\"; filename*=UTF-8''{quote(name)}"
    )
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Length"] == str(len(response.content))
    assert response.content[:2] == b"PK"


def test_pdf_download_is_a_pdf(client, secretary, filled_meeting):
    client.force_login(secretary)
    response = client.get(url(filled_meeting, "situation", "pdf"))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    assert (
        "filename*=UTF-8''" + quote("测试市测试局党委2030年度民主生活会情况报告.pdf")
        in response["Content-Disposition"]
    )


def test_meeting_page_offers_the_exports(client, drafter, filled_meeting, sun):
    client.force_login(drafter)
    page = client.get(reverse("meetings:detail", args=[filled_meeting.pk])).content.decode()
    for document, fmt in [*SHARED, ("situation", "pdf"), (f"member-{sun.pk}", "docx")]:
        assert f'href="{url(filled_meeting, document, fmt)}"' in page
    assert "整改台账（Excel）" in page and "孙委员（PDF）" in page


def test_meeting_page_lists_only_the_personal_materials_the_user_may_download(
    client, supervisor, member_user, filled_meeting, sun
):
    client.force_login(supervisor)
    page = client.get(reverse("meetings:detail", args=[filled_meeting.pk])).content.decode()
    assert "导出 Word" in page and f"member-{sun.pk}" not in page
    client.force_login(member_user)
    page = client.get(reverse("meetings:detail", args=[filled_meeting.pk])).content.decode()
    assert f"member-{sun.pk}" in page
