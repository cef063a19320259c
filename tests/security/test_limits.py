"""Over-large request bodies: a clear Chinese 413 (JSON for fetch calls), nothing saved, never a 500."""

from django.test import Client
from django.urls import reverse

from apps.entries.models import Problem

LIMIT = 20_000  # bytes, small so that the tests post little


def test_an_oversized_autosave_gets_json_413_and_saves_nothing(client, drafter, meeting, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    material = meeting.materials.get()
    aspect = meeting.outline.aspects.order_by("position").first()
    problem = Problem.objects.create(material=material, aspect=aspect, position=1, headline="原来的标题")
    client.force_login(drafter)
    url = reverse("workspace:problem_save", args=[meeting.pk, material.pk, problem.pk])
    response = client.post(
        url,
        {"headline": "新" * LIMIT, "revision": problem.revision},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 413
    assert "提交的内容过大" in response.json()["errors"]["__all__"][0]
    problem.refresh_from_db()
    assert problem.headline == "原来的标题"


def test_an_oversized_form_gets_the_chinese_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    response = client.post(reverse("accounts:login"), {"username": "x" * LIMIT, "password": "y"})
    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容过大" in page and "后退" in page


def test_an_oversized_json_body_gets_json_413(client, drafter, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    client.force_login(drafter)
    response = client.post("/anything/", data="[" + "1," * LIMIT + "1]", content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"


def test_too_many_fields_get_the_chinese_page(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    response = client.post(reverse("accounts:login"), {f"f{i}": "1" for i in range(60)})
    assert response.status_code == 413
    assert "提交的字段过多（超过 50 个）" in response.content.decode()


def test_an_oversized_multipart_form_reaches_the_400_handler_as_413(drafter, meeting, settings):
    # Uploads are parsed by the view (the import chooses its own upload handler), so their refusal
    # is raised there and answered by handler400, outside debug as in production.
    settings.DEBUG = False
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = LIMIT
    client = Client(raise_request_exception=False)
    client.force_login(drafter)
    material = meeting.materials.get()
    url = reverse("imports:start", args=[meeting.pk, material.pk])
    response = client.post(url, {"text": "字" * LIMIT})  # multipart: Django's test client default
    assert response.status_code == 413
    assert "提交的内容过大" in response.content.decode()


def test_normal_sizes_pass(client, drafter):
    assert (
        client.post(reverse("accounts:login"), {"username": "drafter", "password": "pw-drafter"}).status_code
        == 302
    )
