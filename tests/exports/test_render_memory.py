"""A WeasyPrint render (the ledger's table PDF) leaves the memory of its font copies mapped for the
next one (apps.exports.rendering's malloc thresholds), instead of faulting ~19 MB of pages in again
for every PDF. The text materials go through Typst, which keeps its fonts loaded in the slot."""

import resource

import pytest

from apps.exports import fonts, rendering
from apps.exports.pdf_writer import font_stacks


def page_faults_of(action) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    action()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def four_faces_html() -> str:
    """A page that embeds the four trimmed faces, as the ledger's PDF does."""
    trimmed = fonts.available_faces()
    stacks = font_stacks(face for face, _ in trimmed)
    roles = [("body", 400), ("title", 700), ("heading", 400), ("kai", 400)]
    rules = "".join(
        f".{role} {{ font-family: {stacks[role]}; font-weight: {weight}; }}" for role, weight in roles
    )
    paragraphs = "".join(f'<p class="{role}">整改台账问题清单</p>' for role, _ in roles)
    return f"<style>{fonts.font_face_rules(trimmed)} {rules}</style>{paragraphs}"


@pytest.mark.skipif(not rendering.MALLOC_TUNED, reason="not glibc: malloc is not tuned")
def test_a_pdf_reuses_the_memory_the_previous_one_freed():
    if len(fonts.available_faces()) < len(fonts.TRIMMED_FACES):
        pytest.skip("no trimmed fonts (make pdf-fonts): the system fonts (19-27 MB) are above the threshold")
    html = four_faces_html()
    rendering.write_pdf(html)
    rendering.write_pdf(html)
    # Untuned, each render faulted in ~4,700 pages (the four embedded faces, ~19 MB); tuned ~170.
    assert page_faults_of(lambda: rendering.write_pdf(html)) < 1500
