import apps.core.fields
import apps.ledger.models
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("entries", "0006_material_numbering_auto_leads"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ProgressNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "noted_on",
                    models.DateField(default=django.utils.timezone.localdate, verbose_name="进展日期"),
                ),
                (
                    "text",
                    apps.core.fields.CleanTextField(blank=True, max_length=2000, verbose_name="进展情况"),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="填写时间"),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="progress_notes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="填写人",
                    ),
                ),
                (
                    "measure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="progress_notes",
                        to="entries.measure",
                        verbose_name="整改措施",
                    ),
                ),
            ],
            options={
                "verbose_name": "整改进展",
                "verbose_name_plural": "整改进展",
                "ordering": ["measure", "noted_on", "created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Evidence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=300, upload_to=apps.ledger.models.evidence_path, verbose_name="文件"
                    ),
                ),
                ("name", apps.core.fields.CleanCharField(blank=True, max_length=200, verbose_name="文件名")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("pdf", "PDF"),
                            ("jpg", "JPEG 图片"),
                            ("png", "PNG 图片"),
                            ("docx", "Word 文档"),
                            ("xlsx", "Excel 表格"),
                        ],
                        max_length=10,
                        verbose_name="文件类型",
                    ),
                ),
                ("size", models.PositiveIntegerField(verbose_name="大小（字节）")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="上传时间")),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="上传人",
                    ),
                ),
                (
                    "note",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="ledger.progressnote",
                        verbose_name="整改进展",
                    ),
                ),
            ],
            options={
                "verbose_name": "佐证材料",
                "verbose_name_plural": "佐证材料",
                "ordering": ["note", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Reminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="日期")),
                (
                    "reason",
                    models.CharField(
                        choices=[("due_soon", "即将到期"), ("overdue", "已逾期")],
                        max_length=20,
                        verbose_name="原因",
                    ),
                ),
                ("recipients", models.PositiveSmallIntegerField(default=0, verbose_name="提醒人数")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="时间")),
                (
                    "measure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="entries.measure",
                        verbose_name="整改措施",
                    ),
                ),
            ],
            options={
                "verbose_name": "整改提醒",
                "verbose_name_plural": "整改提醒",
                "ordering": ["-day", "measure"],
            },
        ),
        migrations.CreateModel(
            name="StatusChange",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("start", "开始推进"),
                            ("complete", "标记完成"),
                            ("close", "销号"),
                            ("reopen", "重新打开"),
                        ],
                        max_length=20,
                        verbose_name="操作",
                    ),
                ),
                (
                    "from_status",
                    models.CharField(
                        choices=[
                            ("not_started", "未启动"),
                            ("in_progress", "推进中"),
                            ("done", "已完成"),
                            ("closed", "已销号"),
                        ],
                        max_length=20,
                        verbose_name="原状态",
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[
                            ("not_started", "未启动"),
                            ("in_progress", "推进中"),
                            ("done", "已完成"),
                            ("closed", "已销号"),
                        ],
                        max_length=20,
                        verbose_name="新状态",
                    ),
                ),
                (
                    "note",
                    apps.core.fields.CleanTextField(
                        blank=True,
                        help_text="销号时写整改成效，重新打开时写原因",
                        max_length=2000,
                        verbose_name="说明",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="时间")),
                (
                    "measure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="status_changes",
                        to="entries.measure",
                        verbose_name="整改措施",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="measure_status_changes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="操作人",
                    ),
                ),
            ],
            options={
                "verbose_name": "整改状态记录",
                "verbose_name_plural": "整改状态记录",
                "ordering": ["measure", "created_at", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="progressnote",
            index=models.Index(fields=["measure", "-noted_on", "-created_at"], name="progress_note_latest"),
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(fields=("measure", "day"), name="reminder_once_a_day"),
        ),
    ]
