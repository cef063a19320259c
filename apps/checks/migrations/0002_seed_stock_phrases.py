"""The 套话 reviewers usually strike out (our own list; an administrator edits it in the admin)."""

from django.db import migrations

VAGUE = "写清具体是哪件事、到什么程度，用事实代替笼统的说法。"
PHRASES = [
    ("在一定程度上", VAGUE),
    ("不同程度地存在", "写清谁、在哪件事上存在这个问题。"),
    ("有待进一步加强", "写清哪里不强、差在哪里，而不是泛泛表态。"),
    ("有待进一步提高", "写清哪里不高、表现是什么。"),
    ("还不够到位", "写清哪里没做到、造成了什么后果。"),
    ("还存在一定差距", "写清与什么要求有差距、差距是什么。"),
    ("与上级要求相比还有差距", "写清对照哪项要求、差在哪里。"),
    ("总体上是好的", "查摆问题不写成绩，直接写问题。"),
    ("取得了一定成绩", "查摆问题不以摆成绩代替，直接写问题。"),
    ("标准不够高、要求不够严", "写清哪项工作标准不高、具体表现是什么。"),
    ("抓得还不够紧", "写清哪项工作、怎么没抓紧。"),
    ("力度还不够大", "写清哪项工作力度不够、结果如何。"),
    ("还有提升空间", "写清具体问题，而不是留有余地的说法。"),
    ("时紧时松", "写清什么时候松、松在哪里。"),
    ("客观上工作任务重", "原因剖析从主观上找，不推给客观条件。"),
]


def seed(apps, schema_editor):
    StockPhrase = apps.get_model("checks", "StockPhrase")
    for phrase, advice in PHRASES:
        StockPhrase.objects.get_or_create(phrase=phrase, defaults={"advice": advice})


def unseed(apps, schema_editor):
    apps.get_model("checks", "StockPhrase").objects.filter(phrase__in=[p for p, _ in PHRASES]).delete()


class Migration(migrations.Migration):
    dependencies = [("checks", "0001_copy_index_and_stock_phrases")]

    operations = [migrations.RunPython(seed, unseed)]
