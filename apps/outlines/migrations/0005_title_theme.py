"""The short theme a meeting's proposed title names (某某局党委2023年度主题教育专题民主生活会), filled in
for the two special meetings shipped by 0002. The 2024 annual meeting keeps an empty one: its
title is “某某局党委2024年度民主生活会”, its theme stays in the outline."""

import apps.core.fields
from django.db import migrations

TITLE_THEMES = {
    ("党史学习教育专题民主生活会", 2021): "党史学习教育",
    ("学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会", 2023): "主题教育",
}


def fill_title_themes(apps, schema_editor) -> None:
    OutlineTemplate = apps.get_model("outlines", "OutlineTemplate")
    for (name, year), title_theme in TITLE_THEMES.items():
        OutlineTemplate.objects.filter(name=name, year=year, title_theme="").update(title_theme=title_theme)


class Migration(migrations.Migration):
    dependencies = [("outlines", "0004_standard_member_guidance")]

    operations = [
        migrations.AddField(
            model_name="outlinetemplate",
            name="title_theme",
            field=apps.core.fields.CleanCharField(
                blank=True,
                help_text="新建会议时写进会议名称的主题简称，如“主题教育”（某某局党委2023年度主题教育专题民主生活会）；"
                "留空则会议名称不写主题",
                max_length=30,
                verbose_name="会议名称中的主题",
            ),
        ),
        migrations.RunPython(fill_title_themes, migrations.RunPython.noop),
    ]
