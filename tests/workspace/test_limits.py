"""Text limits are shown, never enforced by the browser: an input's ``maxlength`` makes browsers cut
a paste silently, so every field the workspace renders carries its limit as ``data-limit`` only
(static/js/autosave.js keeps over-long text in the field and says by how much to shorten it)."""

import pytest
from django.urls import reverse

from tests.workspace.conftest import material_url, meeting_url

MEETING_STEPS = ["info", "preparation", "report"]
MATERIAL_STEPS = ["problems", "causes", "measures"]


@pytest.mark.parametrize("step", MEETING_STEPS)
def test_no_field_of_a_meeting_step_has_a_browser_limit(editor, meeting, step):
    html = editor.get(meeting_url(step, meeting)).content.decode()
    assert "maxlength" not in html
    assert "data-limit=" in html


@pytest.mark.parametrize("step", MATERIAL_STEPS)
def test_no_field_of_a_material_step_has_a_browser_limit(editor, team, problems, step):
    html = editor.get(material_url(step, team)).content.decode()
    assert "maxlength" not in html
    assert "data-limit=" in html


def test_the_new_meeting_form_has_no_browser_limit(editor):
    html = editor.get(reverse("meetings:create")).content.decode()
    assert "maxlength" not in html and 'data-limit="200"' in html
