"""Run every 体检 rule over a material (contract; the real implementation replaces this body)."""

from apps.checks.findings import Finding


def check_material(material, *, for_user=None) -> list[Finding]:
    """Findings for ``material``, errors first. ``for_user`` decides what a copied_text finding may
    reveal (a drafter learns how much repeats another unit's material, never that unit's text)."""
    return []
