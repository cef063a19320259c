from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="unitrole",
            name="role",
            field=models.CharField(
                choices=[
                    ("drafter", "撰稿人"),
                    ("member", "班子成员"),
                    ("secretary", "书记（审核）"),
                    ("supervisor", "督导组"),
                    ("organisation", "组织部门"),
                ],
                max_length=20,
                verbose_name="角色",
            ),
        ),
    ]
