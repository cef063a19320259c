"""Writes of the import's own record: started, corrected, committed, discarded.

The material's entries are written by :func:`apps.imports.services.commit` alone, and only from
:func:`pending_import_commit`: nothing reaches them before the drafter commits.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from apps.entries.models import Material
from apps.imports import services
from apps.imports.models import PendingImport
from apps.imports.proposal import Proposal
from apps.imports.signals import import_committed


def pending_import_create(
    *, material: Material, user, source_name: str, source_kind: str, proposal: Proposal
) -> PendingImport:
    """Keep a new proposal for review. The user's earlier unfinished imports into the same material
    are discarded: one review at a time, and the newest upload is the one they meant."""
    with transaction.atomic():
        PendingImport.objects.pending().filter(material=material, created_by=user).update(
            status=PendingImport.Status.DISCARDED
        )
        pending = PendingImport(
            material=material,
            created_by=user,
            source_name=source_name[:255],
            source_kind=source_kind,
            source_lines=list(proposal.source_lines),
        )
        pending.set_proposal(proposal)
        pending.save()
    return pending


def pending_import_save(*, pending: PendingImport, proposal: Proposal, mode: str | None) -> None:
    """Store the drafter's corrections (and the replace/append choice when one was posted)."""
    pending.set_proposal(proposal)
    fields = ["proposal", "updated_at"]
    if mode is not None:
        pending.mode = mode
        fields.append("mode")
    pending.save(update_fields=fields)


def pending_import_commit(
    *, pending: PendingImport, proposal: Proposal, mode: str, user
) -> services.CommitResult | None:
    """Write the proposal into the material, once. None when another request committed (or
    discarded) this import first: the claim below lets exactly one of two double clicks write."""
    with transaction.atomic():
        claimed = PendingImport.objects.filter(pk=pending.pk, status=PendingImport.Status.PENDING).update(
            status=PendingImport.Status.COMMITTED, committed_at=timezone.now()
        )
        if not claimed:
            return None
        result = services.commit(proposal=proposal, material=pending.material, mode=mode, user=user)
        pending.refresh_from_db(fields=["status", "committed_at"])
        pending.mode = mode
        pending.set_proposal(proposal)
        pending.counts = {"problems": result.problems, "causes": result.causes, "measures": result.measures}
        pending.kept_as_text = list(result.kept_as_text)
        pending.save(update_fields=["mode", "proposal", "counts", "kept_as_text", "updated_at"])
        import_committed.send(
            sender=pending_import_commit, material=pending.material, user=user, counts=pending.counts
        )
    return result


def pending_import_discard(*, pending: PendingImport) -> None:
    PendingImport.objects.filter(pk=pending.pk, status=PendingImport.Status.PENDING).update(
        status=PendingImport.Status.DISCARDED
    )
