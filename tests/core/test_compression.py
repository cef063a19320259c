"""Pages and autosave answers go out gzip'ed to a browser that asks (apps/core/middleware.py);
downloads that are compressed inside already (Word, PDF) go out as they are."""

import gzip

from django.urls import reverse

from tests.workspace.conftest import material_url


def test_a_page_is_gzipped_when_the_browser_accepts_it(client, drafter, meeting):
    client.force_login(drafter)
    team = meeting.materials.get(member=None)
    response = client.get(material_url("problems", team), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "查摆问题" in html and "</html>" in html
    assert len(response.content) < len(html.encode()) / 3


def test_a_page_is_plain_for_a_client_that_does_not_ask(client, drafter, meeting):
    client.force_login(drafter)
    team = meeting.materials.get(member=None)
    response = client.get(material_url("problems", team))
    assert not response.has_header("Content-Encoding")
    assert "查摆问题" in response.content.decode()


def test_an_autosave_answer_is_gzipped_too(client, drafter, meeting):
    client.force_login(drafter)
    team = meeting.materials.get(member=None)
    response = client.post(
        material_url("material_text", team),
        {"preamble": "开头" * 200, "revision": team.revision},
        HTTP_ACCEPT_ENCODING="gzip",
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response["Content-Encoding"] == "gzip"
    assert b'"ok": true' in gzip.decompress(response.content)


def test_a_word_file_is_sent_as_it_is(client, drafter, meeting):
    client.force_login(drafter)
    response = client.get(
        reverse("exports:download", args=[meeting.pk, "team", "docx"]), HTTP_ACCEPT_ENCODING="gzip"
    )
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"".join(response.streaming_content if response.streaming else [response.content])[:2] == b"PK"
