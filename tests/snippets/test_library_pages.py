"""The 素材库 pages over HTTP: who reads, who writes, another unit's ids, uploads."""

import pytest
from django.urls import reverse

from apps.snippets.models import Snippet

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(unit):
    return Snippet.objects.create(unit=unit, text="本单位：理论学习不够深入", kind="problem")


@pytest.fixture
def shared():
    return Snippet.objects.create(unit=None, text="共享：理论学习要持之以恒", kind="measure")


@pytest.fixture
def foreign(other_unit):
    return Snippet.objects.create(unit=other_unit, text="外单位：理论学习的私有素材")


def library_url(unit, **query) -> str:
    url = reverse("snippets:library", args=[unit.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_anonymous_is_sent_to_login(client, unit):
    response = client.get(library_url(unit))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_navigation_leads_to_the_users_library(client, drafter, unit):
    client.force_login(drafter)
    page = client.get(reverse("meetings:dashboard")).content.decode()
    assert reverse("snippets:library_home") in page
    assert client.get(reverse("snippets:library_home"))["Location"] == library_url(unit)


def test_search_shows_own_and_shared_never_another_units(client, drafter, unit, own, shared, foreign):
    client.force_login(drafter)
    response = client.get(library_url(unit, q="理论学习"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "找到 2 条素材" in page
    assert "<mark>理论学习</mark>不够深入" in page and "<mark>理论学习</mark>要持之以恒" in page
    assert "外单位" not in page


def test_filters_and_bad_filter_values_do_not_break_the_page(client, drafter, unit, own, shared):
    client.force_login(drafter)
    page = client.get(library_url(unit, q="理论", kind="measure")).content.decode()
    assert "找到 1 条素材" in page and "持之以恒" in page and "不够深入" not in page
    response = client.get(library_url(unit, q="理论", kind="nonsense", year="abc", aspect="x", page="-3"))
    assert response.status_code == 200 and "找到 2 条素材" in response.content.decode()


def test_outsider_gets_404_for_the_unit_and_its_snippets(client, outsider, unit, own):
    client.force_login(outsider)
    assert client.get(library_url(unit)).status_code == 404
    assert client.get(reverse("snippets:snippet_edit", args=[unit.pk, own.pk])).status_code == 404


def test_another_units_snippet_id_in_my_url_is_404(client, drafter, unit, foreign):
    client.force_login(drafter)
    assert client.get(reverse("snippets:snippet_edit", args=[unit.pk, foreign.pk])).status_code == 404
    assert client.post(reverse("snippets:snippet_delete", args=[unit.pk, foreign.pk])).status_code == 404
    assert Snippet.objects.filter(pk=foreign.pk).exists()


def test_drafter_adds_edits_and_deletes(client, drafter, unit, outline):
    client.force_login(drafter)
    aspect = outline.aspects.first()
    response = client.post(
        reverse("snippets:snippet_add", args=[unit.pk]),
        {
            "text": "新的素材：整改不到位",
            "kind": "problem",
            "aspects": [aspect.pk],
            "year": "2030",
            "source": "自写",
        },
    )
    assert response.status_code == 302
    snippet = Snippet.objects.get()
    assert (snippet.unit, snippet.created_by, list(snippet.aspects.all())) == (unit, drafter, [aspect])
    assert "<mark>整改</mark>不到位" in client.get(library_url(unit, q="整改")).content.decode()

    edit = reverse("snippets:snippet_edit", args=[unit.pk, snippet.pk])
    response = client.post(edit, {"text": "改写后的素材", "kind": "cause", "year": "", "source": ""})
    assert response.status_code == 302
    assert "<mark>改写</mark>后的素材" in client.get(library_url(unit, q="改写")).content.decode()
    assert "找到 0 条素材" in client.get(library_url(unit, q="整改")).content.decode()

    assert client.get(reverse("snippets:snippet_delete", args=[unit.pk, snippet.pk])).status_code == 405
    assert client.post(reverse("snippets:snippet_delete", args=[unit.pk, snippet.pk])).status_code == 302
    assert not Snippet.objects.exists()


def test_bad_input_gets_a_message_on_the_field(client, drafter, unit):
    client.force_login(drafter)
    add = reverse("snippets:snippet_add", args=[unit.pk])
    response = client.post(add, {"text": "长" * 5001, "kind": "problem", "year": "99999"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "超出 1 字" in page and "年度应在 1990 至 2100 之间" in page
    assert "长" * 5001 in page  # the text is kept in the form, not cut
    assert not Snippet.objects.exists()


def test_secretary_writes_member_and_supervisor_only_read(
    client, unit, secretary, member_user, supervisor, own
):
    add = reverse("snippets:snippet_add", args=[unit.pk])
    client.force_login(secretary)
    assert client.post(add, {"text": "书记加的", "kind": "other"}).status_code == 302
    for reader in (member_user, supervisor):
        client.force_login(reader)
        page = client.get(library_url(unit)).content.decode()
        assert "只读" in page and "添加素材" not in page and "批量导入" not in page
        assert client.post(add, {"text": "不该保存", "kind": "other"}).status_code == 403
        assert client.post(reverse("snippets:snippet_delete", args=[unit.pk, own.pk])).status_code == 403
    assert Snippet.objects.count() == 2


def test_only_an_administrator_shares_or_changes_shared_snippets(client, drafter, admin_user, unit, shared):
    client.force_login(drafter)
    client.post(
        reverse("snippets:snippet_add", args=[unit.pk]), {"text": "想共享的", "kind": "other", "shared": "on"}
    )
    assert Snippet.objects.get(text="想共享的").unit == unit  # the field is not offered: kept private
    assert client.get(reverse("snippets:snippet_edit", args=[unit.pk, shared.pk])).status_code == 403
    assert client.post(reverse("snippets:snippet_delete", args=[unit.pk, shared.pk])).status_code == 403

    client.force_login(admin_user)
    client.post(
        reverse("snippets:snippet_add", args=[unit.pk]),
        {"text": "管理员共享的", "kind": "other", "shared": "on"},
    )
    assert Snippet.objects.get(text="管理员共享的").unit is None
    edit = reverse("snippets:snippet_edit", args=[unit.pk, shared.pk])
    assert client.post(edit, {"text": "共享素材改过", "kind": "measure", "shared": "on"}).status_code == 302
    assert Snippet.objects.get(pk=shared.pk).text == "共享素材改过"


def upload(client, unit, name: str, data: bytes, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("snippets:library_import", args=[unit.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data), **fields})


def test_upload_imports_into_the_unit(client, drafter, unit):
    client.force_login(drafter)
    response = upload(
        client, unit, "集.txt", "2023年问题素材\n01\n第一条\n02\n第二条\n".encode(), shared="on"
    )
    assert response.status_code == 302
    assert list(Snippet.objects.order_by("pk").values_list("text", "unit", "kind", "year")) == [
        ("第一条", unit.pk, "problem", 2023),
        ("第二条", unit.pk, "problem", 2023),
    ]
    assert "已导入 2 条素材" in client.get(response["Location"]).content.decode()


def test_administrator_imports_a_shared_collection(client, admin_user, unit):
    client.force_login(admin_user)
    assert upload(client, unit, "集.txt", "标题\n01\n共享一条\n".encode(), shared="on").status_code == 302
    assert Snippet.objects.get().unit is None


def test_bad_upload_gets_a_chinese_message_and_nothing_is_imported(client, drafter, unit):
    client.force_login(drafter)
    response = upload(client, unit, "假的.docx", b"not a word file")
    assert response.status_code == 400
    assert "该文件不是有效的 Word（.docx）文件" in response.content.decode()
    assert not Snippet.objects.exists()
    assert upload(client, unit, "空.txt", b"").status_code == 400


def test_reader_cannot_upload(client, member_user, unit):
    client.force_login(member_user)
    assert upload(client, unit, "集.txt", "一条".encode()).status_code == 403
    assert not Snippet.objects.exists()


def test_paging_keeps_the_query(client, drafter, unit):
    Snippet.objects.bulk_create([Snippet(unit=unit, text=f"第{n}条整改") for n in range(25)])
    for snippet in Snippet.objects.all():
        snippet.save()  # fills the index columns
    client.force_login(drafter)
    page = client.get(library_url(unit, q="整改", page=2)).content.decode()
    assert "第 2/2 页" in page and "q=%E6%95%B4%E6%94%B9&amp;page=1" in page
    assert page.count("data-snippet=") == 5
