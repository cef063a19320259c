"""The Word file as LibreOffice renders it (standing in for Word and WPS): the same 22 × 28 grid.

LibreOffice hangs a line-final comma or full stop into the right margin even where the file asks
for no overflow (``w:overflowPunct w:val="0"``, which Word and WPS honour); characters are therefore
counted inside the 156 mm type area, and anything beyond it must be such punctuation.
"""

import shutil
import statistics
import subprocess

import pytest

from tests.exports.readback import in_order, read_pdf

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed; `make test` installs libreoffice-writer-nogui",
)


@pytest.fixture(scope="module")
def converted(long_team, tmp_path_factory):
    """The long team material converted once per module, with a private LibreOffice profile so that
    parallel runs and a user's own LibreOffice do not clash."""
    work = tmp_path_factory.mktemp("soffice")
    source = work / "team.docx"
    source.write_bytes(long_team["docx"])
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            SOFFICE,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return read_pdf(work / "team.pdf")


def test_libreoffice_shows_a4_pages_of_22_lines(converted):
    assert converted.page_mm == (210, 297)
    assert 11 <= converted.pages <= 13
    assert statistics.mode(converted.lines_per_body_page) == 22
    assert max(converted.lines_per_body_page) == 22


def test_libreoffice_shows_28_characters_a_line(converted):
    assert statistics.mode(converted.full_line_lengths) == 28
    assert converted.chars_by_pitch == 28
    assert set(converted.beyond_type_area) <= set("，。、；：！？”’）》")


def test_libreoffice_prints_the_page_fields_and_the_outline_in_order(converted, long_team):
    assert converted.footers[:3] == ["— 1 —", "— 2 —", "— 3 —"]
    assert in_order(converted.text, long_team["outline"])
