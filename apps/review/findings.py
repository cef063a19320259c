"""Where a 体检 finding takes the reader: the workspace step of the entry it concerns, at the entry."""

from django.urls import reverse

from apps.checks import links
from apps.entries.models import Material


def finding_url(material: Material, finding) -> str:
    """The 体检's own link (the step page at the field's id) for a finding that names its field, as
    every rule's findings do; else the step of the entry, at its card."""
    if getattr(finding, "field", ""):
        return links.finding_url(material.meeting_id, material.pk, finding)
    entry_type = getattr(finding, "entry_type", "")
    step = links.STEP_OF_ENTRY.get(entry_type, "problems")
    url = reverse(f"workspace:{step}", args=[material.meeting_id, material.pk])
    if entry_type and entry_type != "material" and finding.entry_id:
        url += f"#{entry_type}-{finding.entry_id}"
    return url
