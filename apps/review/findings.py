"""Where a 体检 finding takes the reader: the workspace step of the entry it concerns, at the entry."""

from django.urls import reverse

from apps.entries.models import Material

STEP_OF_ENTRY = {
    "problem": "problems",
    "aspect_text": "problems",
    "cause": "causes",
    "measure": "measures",
    "measure_item": "measures",
}
STEP_OF_MATERIAL_FIELD = {"causes_lead": "causes", "measures_lead": "measures", "closing": "measures"}


def finding_url(material: Material, finding) -> str:
    own = getattr(finding, "url", "")  # the 体检 may name the place itself
    if own:
        return own
    entry_type = getattr(finding, "entry_type", "")
    if entry_type == "material":
        step = STEP_OF_MATERIAL_FIELD.get(finding.field, "problems")
    else:
        step = STEP_OF_ENTRY.get(entry_type, "problems")
    url = reverse(f"workspace:{step}", args=[material.meeting_id, material.pk])
    if entry_type and entry_type != "material" and finding.entry_id:
        url += f"#{entry_type}-{finding.entry_id}"
    return url
