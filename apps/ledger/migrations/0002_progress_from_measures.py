"""The measure's former single ``progress`` text (and its ``evidence`` description) becomes the first
progress note of the ledger, so nothing written before the ledger existed is lost."""

from django.db import migrations


def progress_to_notes(apps, schema_editor):
    Measure = apps.get_model("entries", "Measure")
    ProgressNote = apps.get_model("ledger", "ProgressNote")
    notes = []
    for measure in Measure.objects.exclude(progress="", evidence="").iterator():
        text = measure.progress.strip()
        if measure.evidence.strip():
            text = f"{text}\n佐证材料：{measure.evidence.strip()}".strip()
        if text:
            notes.append(ProgressNote(measure=measure, text=text, noted_on=measure.updated_at.date()))
    ProgressNote.objects.bulk_create(notes)


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0001_initial"),
        ("entries", "0006_material_numbering_auto_leads"),
    ]

    operations = [migrations.RunPython(progress_to_notes, migrations.RunPython.noop)]
