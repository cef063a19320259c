"""What the ledger does when other rooms act: the demo's progress notes, and removing an evidence
file from storage once its row is gone."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from apps.ledger.carryover import start_recap  # noqa: F401  (a new material's 上年度整改落实情况)
from apps.ledger.models import Evidence, ProgressNote
from apps.meetings.signals import demo_meeting_seeded


@receiver(demo_meeting_seeded)
def demo_progress(sender, meeting, progress, **kwargs) -> None:
    notes = []
    for measure, text, evidence in progress:
        body = "\n".join(part for part in (text, f"佐证材料：{evidence}" if evidence else "") if part)
        notes.append(ProgressNote(measure=measure, text=body, noted_on=measure.completed_on or meeting.date))
    ProgressNote.objects.bulk_create(notes)


@receiver(post_delete, sender=Evidence)
def remove_file(sender, instance: Evidence, **kwargs) -> None:
    # After the commit: a rolled-back delete must still find its file.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
