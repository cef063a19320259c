"""Drafts in the forms real units print, written for these tests (not from any real material): the
parser must find the same structure whatever the numbering, brackets, layout and punctuation."""

import pytest

from apps.imports.parsing import propose
from apps.imports.reading import read_pasted
from apps.outlines.models import OutlineTemplate

# A team material of the 2024 outline printed "a line per heading": each aspect heading alone, one
# paragraph per problem numbered 1. / 2．, half-width brackets, causes 1., measures （一） with 一是
# sub-items, signed with the unit and a date.
SEPARATE_TEAM = """\
某某局党委班子2024年度民主生活会对照检查材料

根据上级通知要求，局党委班子围绕会议主题，认真开展学习研讨，广泛征求意见建议。一是组织集中学习三次；二是召开座谈会两场；三是开展谈心谈话。现将对照检查情况报告如下：
一、存在的问题
(一)带头严守政治纪律和政治规矩，维护党的团结统一方面
班子总体上能够做到令行禁止，但对照要求还有差距：
1.贯彻落实上级部署有时不够及时。个别工作存在等靠思想，推进节奏偏慢。比如，某项专项整治直到督查前才全面启动。
2．政治理论学习不够深入。学习多停留在传达层面，结合实际研讨不多。
(二)带头增强党性、严守纪律、砥砺作风方面
1.调查研究不够扎实。下基层次数不少，但解剖麻雀式的调研偏少。例如，今年的调研报告中提出对策的不到一半。
2.文风会风改进不明显。部分会议时间偏长，文件篇幅偏长。
3.批评与自我批评辣味不足。相互提醒多，点名道姓指出问题少。
(三)带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新方面
1.担当作为的劲头有所减弱。遇到难题有时绕着走。
(四)带头履行全面从严治党政治责任方面
1.主体责任压得不够实。对下属单位的监督检查频次不够。再如，谈心谈话开展得不够经常。
2.警示教育针对性不强。身边案例用得少。
二、产生问题的原因
对照查摆出的问题，班子进行了深入剖析，主要有以下三个方面：
1.理论武装不够到位。学习的系统性不足，用理论指导实践的能力有待提高。
2.党性锻炼有所放松。对自身要求有所降低，斗争精神不强。
3.纪律意识有所淡化。对纪律规矩的敬畏心有所减弱。
三、整改措施
针对以上问题，班子将从以下方面抓好整改：
（一）强化理论武装。把学习作为第一要务。一是完善学习制度。坚持每月集中学习。二是突出学用结合。每季度开展一次专题研讨。
（二）锤炼过硬作风。一是深化调查研究。每名班子成员确定一个调研课题。二是精简会议文件。严格控制会议时长。三是开展批评与自我批评。
（三）压实管党治党责任。一是加强日常监督。二是用好身边案例开展警示教育。
某某局党委
2025年1月15日
"""

# A personal material of the 2023 outline, first person, run-in aspect blocks whose heading ends with
# a colon, a recap part first, causes 一是 inline in one paragraph, measures 1．.
RUN_IN_PERSONAL = """\
张某某同志个人对照检查材料

按照主题教育专题民主生活会的要求，本人认真学习，深入查摆自身问题。现将个人对照检查情况报告如下。
一、上年度整改落实情况
上年度民主生活会查摆的四个问题已全部整改完成，制定的整改措施均已落实。
二、存在的问题
（一）学习贯彻习近平新时代中国特色社会主义思想方面：本人能够坚持学习，但还存在一些不足：一是学习的系统性不够。碎片化学习多，系统学习少。二是运用理论指导实践不够。比如，在推动重点项目时，用新理念分析新问题还不够。
（二）维护党中央权威和集中统一领导方面：一是贯彻落实有温差。对一些部署理解不够透彻。
（三）践行宗旨、服务人民方面：一是联系群众不够紧密。到基层听取意见的次数偏少。二是解决群众急难愁盼问题的办法不多。
（四）求真务实、狠抓落实方面：一是抓落实的韧劲不足。有时满足于安排部署。
（五）以身作则、廉洁自律方面：一是对身边工作人员要求不够严。
（六）履行全面从严治党政治责任方面：一是“一岗双责”履行不够到位。对分管领域的监督管理存在宽松软现象。
三、产生问题的原因
反思以上问题，根源在于：一是理想信念有所松懈。对理论学习的重要性认识不足。二是宗旨意识有所淡化。与群众的感情不如以前深厚。三是纪律规矩意识有所弱化。
四、整改措施
1．加强理论学习。坚持每天自学一小时，每月撰写一篇学习体会。
2．密切联系群众。每季度到基层调研不少于两次。
3．严格落实“一岗双责”。定期听取分管领域工作汇报。
"""


def outline_aspects(year: int) -> list:
    return list(OutlineTemplate.objects.get(year=year).aspects.order_by("position"))


@pytest.fixture
def meeting_of_year(meeting, db):
    def with_outline(year: int):
        meeting.outline = OutlineTemplate.objects.get(year=year)
        meeting.save()
        return meeting

    return with_outline


def test_separate_layout_team_material(meeting_of_year):
    meeting = meeting_of_year(2024)
    proposal = propose(read_pasted(SEPARATE_TEAM), meeting, personal=False)
    assert proposal.kind == "material"
    assert proposal.title == "某某局党委班子2024年度民主生活会对照检查材料"
    assert proposal.layout == "separate"
    assert [len(a.problems) for a in proposal.aspects] == [2, 3, 1, 2]
    assert [a.aspect_id for a in proposal.aspects] == [a.pk for a in outline_aspects(2024)]
    assert all(a.sure for a in proposal.aspects)
    first = proposal.aspects[0]
    assert first.lead_in.startswith("班子总体上能够做到令行禁止")
    assert first.problems[0].headline == "贯彻落实上级部署有时不够及时"
    assert first.problems[0].example.startswith("比如")
    assert proposal.aspects[1].problems[0].example.startswith("例如")
    assert proposal.aspects[3].problems[0].example.startswith("再如")
    assert proposal.problems_heading == "存在的问题"
    assert proposal.causes_lead.startswith("对照查摆出的问题")
    assert len(proposal.causes) == 3 and proposal.causes_numbering == "decimal"
    assert proposal.causes[1].headline == "党性锻炼有所放松"
    assert [len(m.items) for m in proposal.measures] == [2, 3, 2]
    assert proposal.measures_numbering == "paren"
    assert proposal.measures[0].headline == "强化理论武装"
    assert "一是组织集中学习" in proposal.preamble  # the preamble's own steps are not problems
    assert proposal.signature == "chosen_date" and proposal.signature_date == "2025-01-15"
    assert proposal.unplaced == []


def test_run_in_personal_material(meeting_of_year):
    meeting = meeting_of_year(2023)
    proposal = propose(read_pasted(RUN_IN_PERSONAL), meeting, personal=True)
    assert proposal.kind == "material"
    assert proposal.layout == "run_in"
    assert [len(a.problems) for a in proposal.aspects] == [2, 1, 2, 1, 1, 1]
    assert [a.aspect_id for a in proposal.aspects] == [a.pk for a in outline_aspects(2023)]
    assert proposal.recap.startswith("上年度民主生活会查摆的四个问题")
    assert proposal.aspects[0].lead_in.startswith("本人能够坚持学习")
    assert proposal.aspects[0].problems[1].example.startswith("比如")
    assert proposal.aspects[4].problems[0].headline == "对身边工作人员要求不够严"
    assert len(proposal.causes) == 3 and proposal.causes_numbering == "inline"
    assert proposal.causes_lead.startswith("反思以上问题")
    assert len(proposal.measures) == 3 and proposal.measures_numbering == "decimal"
    assert proposal.measures[2].headline == "严格落实“一岗双责”"
    assert proposal.unplaced == []


def test_unknown_aspect_is_kept_not_dropped(meeting_of_year):
    meeting = meeting_of_year(2024)
    text = SEPARATE_TEAM.replace(
        "(三)带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新方面", "(三)在推进乡村振兴工作中"
    )
    proposal = propose(read_pasted(text), meeting, personal=False)
    unmatched = [a for a in proposal.aspects if a.aspect_id is None or not a.sure]
    assert [a.heading for a in unmatched] == ["在推进乡村振兴工作中"]
    assert unmatched[0].problems[0].headline == "担当作为的劲头有所减弱"


# The title on two lines, aspects numbered 1． with （1） problems a paragraph each, causes and measures
# with their heading alone on a line and the text below, measures' 一要 sub-items a paragraph each,
# full-width digits and a count in the lead that the list must match.
HEADINGS_ALONE = """\
中共某某县委常委班子
主题教育专题民主生活会对照检查材料

县委常委班子按照要求做好会前各项准备工作。现将对照检查情况报告如下：
一、对照检视的主要问题
１．学习贯彻习近平新时代中国特色社会主义思想方面
（1）学思用贯通不够。学习成果转化为推动发展的实际举措还不多。
（2）学习的深度不够。比如，专题研讨时结合县情谈体会多，谈问题少。
２．维护党中央权威和集中统一领导方面
（1）落实上级部署有偏差。个别事项落实打了折扣。
３．践行宗旨、服务人民方面
（1）为民办实事的力度不够。民生项目推进偏慢。
４．求真务实、狠抓落实方面
（1）抓落实的机制不健全。督查问责不够有力。
５．以身作则、廉洁自律方面
（1）带头过紧日子的要求落实不够。
６．履行全面从严治党政治责任方面
（1）管党治党宽松软的问题仍然存在。
二、问题产生的根源
深入剖析，问题产生的根源主要有以下两个方面：
（一）理论学习有所放松
对理论学习的重要性认识不足，学用脱节。
（二）宗旨意识有所淡化
对群众的感情不够深厚。
三、今后的努力方向和整改措施
（一）坚持不懈强化理论武装
一要健全学习制度。坚持常委会会议第一议题制度。
二要注重学以致用。每年确定一批重点调研课题。
（二）始终践行为民宗旨
一要办好民生实事。
二要畅通群众诉求渠道。
三要加强作风建设。
"""


def test_headings_alone_on_their_lines(meeting_of_year):
    meeting = meeting_of_year(2023)
    proposal = propose(read_pasted(HEADINGS_ALONE), meeting, personal=False)
    assert proposal.kind == "material"
    assert proposal.title.replace("\n", "") == "中共某某县委常委班子主题教育专题民主生活会对照检查材料"
    assert proposal.layout == "separate"
    assert [len(a.problems) for a in proposal.aspects] == [2, 1, 1, 1, 1, 1]
    assert [a.aspect_id for a in proposal.aspects] == [a.pk for a in outline_aspects(2023)]
    assert proposal.aspects[0].problems[1].example.startswith("比如")
    assert [c.headline for c in proposal.causes] == ["理论学习有所放松", "宗旨意识有所淡化"]
    assert proposal.causes[0].elaboration.startswith("对理论学习的重要性认识不足")
    assert [m.headline for m in proposal.measures] == ["坚持不懈强化理论武装", "始终践行为民宗旨"]
    assert [len(m.items) for m in proposal.measures] == [2, 3]
    assert proposal.measures_heading == "今后的努力方向和整改措施"
    assert proposal.unplaced == []


@pytest.mark.parametrize(
    ("text", "year", "personal"),
    [(SEPARATE_TEAM, 2024, False), (RUN_IN_PERSONAL, 2023, True), (HEADINGS_ALONE, 2023, False)],
    ids=["separate-team", "run-in-personal", "headings-alone"],
)
def test_export_after_import_gives_back_the_draft(meeting_of_year, text, year, personal):
    import io

    import docx

    from apps.entries.models import Material
    from apps.exports.exporters import export_document
    from apps.imports.services import REPLACE, commit
    from tests.exports.test_seed_round_trip import comparable, share_in_order

    meeting = meeting_of_year(year)
    member = meeting.unit.members.first() if personal else None
    material, _ = Material.objects.get_or_create(meeting=meeting, member=member)
    proposal = propose(read_pasted(text), meeting, personal=personal)
    commit(proposal=proposal, material=material, mode=REPLACE)
    document = f"member:{member.pk}" if personal else "team"
    exported = export_document(meeting, document, "docx").content
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(exported)).paragraphs)
    source = text.split("某某局党委\n2025")[0]  # the export signs with the unit's own name
    assert share_in_order(comparable(source), comparable(body)) >= 0.995
