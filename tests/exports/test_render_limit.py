"""Bounded PDF rendering (apps/exports/rendering.py): at most EXPORT_PDF_CONCURRENCY WeasyPrint renders
at a time per process, the others queue; past the queue timeout a 503 in Chinese with Retry-After."""

import threading
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.exports import rendering
from apps.exports.signals import pdf_render_started

HTML = "<!doctype html><html lang='zh-CN'><body><p>班子对照检查材料</p></body></html>"


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    cache.clear()
    monkeypatch.setattr(rendering, "_slots_by_size", {})  # peaks counted from zero
    yield
    cache.clear()


def test_parallel_renders_never_exceed_the_limit(settings):
    """Eight threads render at once; each render holds its slot a while (the receiver sleeps inside
    it), so without the limit all eight would overlap."""
    settings.EXPORT_PDF_CONCURRENCY = 2
    settings.EXPORT_PDF_QUEUE_TIMEOUT = 60
    observed: list[int] = []
    lock = threading.Lock()

    def inside_a_slot(sender, **kwargs):
        with lock:
            observed.append(rendering.slots().active)
        time.sleep(0.15)

    pdf_render_started.connect(inside_a_slot, dispatch_uid="test-render-limit")
    results: list[bytes] = []
    errors: list[BaseException] = []

    def render():
        try:
            results.append(rendering.write_pdf(HTML))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    try:
        threads = [threading.Thread(target=render) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        pdf_render_started.disconnect(dispatch_uid="test-render-limit")
    assert not errors
    assert len(results) == 8 and all(pdf.startswith(b"%PDF-") for pdf in results)
    assert max(observed) == 2  # two ran together, never three
    assert rendering.slots().peak == 2 and rendering.slots().active == 0
    assert len(rendering.slots().free_fonts) <= 2  # one font configuration per slot, not per thread


def _hold_every_slot():
    """Take all the render slots from this thread, as long renders would."""
    return rendering.slots().slot(timeout=1)


def test_a_download_that_finds_every_slot_taken_gets_a_chinese_503(client, settings, drafter, filled_meeting):
    settings.EXPORT_PDF_CONCURRENCY = 1
    settings.EXPORT_PDF_QUEUE_TIMEOUT = 0.05
    client.force_login(drafter)
    with _hold_every_slot():
        response = client.get(reverse("exports:download", args=[filled_meeting.pk, "team", "pdf"]))
    assert response.status_code == 503
    assert response.content.decode() == "导出繁忙，请稍后重试"
    assert int(response["Retry-After"]) > 0
    # Once the slot is free the same download works.
    response = client.get(reverse("exports:download", args=[filled_meeting.pk, "team", "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_a_cached_pdf_and_a_word_file_download_while_every_slot_is_taken(
    client, settings, drafter, filled_meeting
):
    settings.EXPORT_PDF_CONCURRENCY = 1
    settings.EXPORT_PDF_QUEUE_TIMEOUT = 0.05
    client.force_login(drafter)
    pdf_url = reverse("exports:download", args=[filled_meeting.pk, "team", "pdf"])
    assert client.get(pdf_url).status_code == 200
    with _hold_every_slot():
        assert client.get(pdf_url).status_code == 200  # from the export cache: no render
        docx_url = reverse("exports:download", args=[filled_meeting.pk, "team", "docx"])
        assert client.get(docx_url).status_code == 200  # Word files need no render slot


def test_the_ledger_pdf_queues_through_the_same_slots(client, settings, drafter, filled_meeting):
    settings.EXPORT_PDF_CONCURRENCY = 1
    settings.EXPORT_PDF_QUEUE_TIMEOUT = 0.05
    client.force_login(drafter)
    ledger_pdf = reverse("ledger:meeting_export", args=[filled_meeting.pk, "pdf"])
    with _hold_every_slot():
        response = client.get(ledger_pdf)
    assert response.status_code == 503 and response.content.decode() == "导出繁忙，请稍后重试"
    assert response["Retry-After"]
    assert client.get(ledger_pdf).content.startswith(b"%PDF-")
