"""A render leaves the memory of its font copies mapped for the next one (apps.exports.rendering's
malloc thresholds), instead of faulting ~19 MB of pages in again for every PDF."""

import resource

import pytest

from apps.exports import fonts, rendering
from apps.exports.context import build_export_context
from apps.exports.pdf_writer import render_pdf


def page_faults_of(action) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    action()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


@pytest.mark.skipif(not rendering.MALLOC_TUNED, reason="not glibc: malloc is not tuned")
def test_a_pdf_reuses_the_memory_the_previous_one_freed(filled_meeting):
    if len(fonts.available_faces()) < len(fonts.TRIMMED_FACES):
        pytest.skip("no trimmed fonts (make pdf-fonts): the system fonts (19-27 MB) are above the threshold")
    doc = build_export_context(filled_meeting, "team")
    render_pdf(doc)
    render_pdf(doc)
    # Untuned, each render faulted in ~4,700 pages (the four embedded faces, ~19 MB); tuned ~170.
    assert page_faults_of(lambda: render_pdf(doc)) < 1500
