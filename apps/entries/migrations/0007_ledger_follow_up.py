import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("entries", "0006_material_numbering_auto_leads"),
        ("units", "0001_initial"),
        # The old one-field progress and evidence become the ledger's first progress notes first.
        ("ledger", "0002_progress_from_measures"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="measure",
            name="evidence",
        ),
        migrations.RemoveField(
            model_name="measure",
            name="progress",
        ),
        migrations.AddField(
            model_name="problem",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="carried_into",
                to="entries.measure",
                verbose_name="上年整改措施",
            ),
        ),
        migrations.AddIndex(
            model_name="measure",
            index=models.Index(fields=["status", "deadline"], name="measure_status_deadline"),
        ),
    ]
