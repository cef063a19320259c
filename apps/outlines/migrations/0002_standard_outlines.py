"""Ship the standard outlines (年度提纲) as data that admins can edit and extend.

The data is a plain constant here on purpose: a migration must keep producing the same rows even
after the app's code changes. Forward creates each outline only if no outline with the same name
and year exists yet (an existing one, perhaps edited by an admin, is left alone); backward deletes
the outlines named here, with their aspects and sections.
"""

from django.db import migrations

# Section headings per document kind: (part, heading); the position is the list order.
TEAM_SECTIONS = [
    ("problems", "存在的主要问题"),
    ("causes", "产生问题的原因剖析"),
    ("measures", "整改措施和努力方向"),
]
SITUATION_SECTIONS = [
    ("preparation", "精心组织准备，深入查摆问题"),
    ("meeting", "深刻对照检查，真诚批评帮助"),
    ("rectification", "制定整改措施，强力推进落实"),
]
DEMOCRATIC_LIFE_SECTIONS = {
    "team": TEAM_SECTIONS,
    "member": [
        ("recap", "上年度民主生活会整改措施落实情况"),
        ("problems", "对照检查查摆的问题"),
        ("causes", "问题产生的原因剖析"),
        ("measures", "今后努力方向和整改措施"),
    ],
    "situation": SITUATION_SECTIONS,
}
ORGANISATIONAL_LIFE_SECTIONS = {
    "team": TEAM_SECTIONS,
    "member": [
        ("recap", "上年度组织生活会整改措施落实情况"),
        ("problems", "对照检视发现的问题"),
        ("causes", "问题产生的原因分析"),
        ("measures", "今后努力方向和改进措施"),
    ],
    "situation": SITUATION_SECTIONS,
}

# Aspects: (label, wording, guidance); the position is the list order.
OUTLINES = [
    {
        "name": "党史学习教育专题民主生活会",
        "year": 2021,
        "meeting_kind": "special_democratic_life",
        "theme": "弘扬伟大建党精神，坚持党的百年奋斗历史经验，坚定历史自信，不忘初心使命，勇于担当作为，走好新的赶考之路",
        "general_requirement": "学史明理、学史增信、学史崇德、学史力行",
        "description": "围绕“五个带头”对照检查。各方面的问题要联系本单位党史学习教育和“我为群众办实事”实践活动的实际来写，避免只谈认识、不谈差距。",
        "sections": DEMOCRATIC_LIFE_SECTIONS,
        "aspects": [
            (
                "两个确立",
                "带头深刻感悟“两个确立”的决定性意义",
                "写班子在学懂弄通党的创新理论、把握“两个确立”上的差距，要落到学习制度和决策过程，比如中心组学习流于念文件、研讨发言缺少本单位问题。不写“有的同志”却不说明是哪项分工的责任，也不要先用大段成绩铺垫。",
            ),
            (
                "根本问题",
                "带头牢记我们党是什么、要干什么这个根本问题",
                "对照初心使命查贯彻上级决策部署的落差：哪项部署推进慢、哪项任务打了折扣。用比如举出具体事项、时间节点或数据，说明班子的责任在哪里，不能用客观条件替自己讲理由。",
            ),
            (
                "人民中心",
                "带头践行以人民为中心的发展思想",
                "围绕“我为群众办实事”查为民服务的短板：群众反映强烈却迟迟没解决的事、调研走过场的事。每条问题最好对应一条征求到的意见，并写出比如某项服务的办理时限、投诉件数，避免把办成的实事当作问题来写。",
            ),
            (
                "应对风险",
                "带头学习运用党在不同历史时期成功应对风险挑战的丰富经验",
                "查忧患意识和斗争本领：风险排查是否到底、应急预案是否管用、遇到矛盾是否绕着走。要写清楚比如哪一类风险底数不清、哪次处置暴露了短板，督导组会看问题是否具体、是否回避了本单位的敏感领域。",
            ),
            (
                "正反经验",
                "带头深刻汲取党史中正反两方面经验",
                "联系党史中的经验教训查作风和纪律：形式主义、官僚主义的表现，警示教育是否触动思想。写实例时用比如点明发生在哪项工作、造成了什么影响，不要只摆学了什么、开了几次会。",
            ),
        ],
    },
    {
        "name": "学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会",
        "year": 2023,
        "meeting_kind": "special_democratic_life",
        "theme": "深入学习贯彻习近平新时代中国特色社会主义思想，检视主题教育成效，推动各项工作高质量发展",
        "general_requirement": "学思想、强党性、重实践、建新功",
        "description": "围绕六个方面对照检查，紧扣主题教育总要求和“凝心铸魂筑牢根本、锤炼品格强化忠诚、实干担当促进发展、践行宗旨为民造福、廉洁奉公树立新风”的目标，把主题教育中检视整改的问题一并查摆。",
        "sections": DEMOCRATIC_LIFE_SECTIONS,
        "aspects": [
            (
                "理论学习",
                "学习贯彻习近平新时代中国特色社会主义思想",
                "查理论学习的深度和转化：学习是否系统、是否用来研究本单位难题。用比如写出某次中心组学习的安排和实际效果，或某项工作没有体现理论指导的具体情形；不以学习次数代替查找差距。",
            ),
            (
                "维护权威",
                "维护党中央权威和集中统一领导",
                "查贯彻党中央决策部署和上级要求的落实情况：有无选择性执行、打折扣、搞变通，请示报告是否及时。要点出具体部署和推进中的偏差，比如某项改革任务滞后于时间表，写明是班子哪个环节的责任。",
            ),
            (
                "为民服务",
                "践行宗旨、服务人民",
                "查群众路线的落实：调查研究是否到一线、群众急难愁盼是否回应。结合征求到的意见写，比如某项办事事项材料多、跑腿多，或回复群众诉求超时；不把已办好的实事换个说法当问题。",
            ),
            (
                "狠抓落实",
                "求真务实、狠抓落实",
                "查作风实不实：文山会海、督查检查过多、工作只部署不跟踪、政绩观偏差。用比如举出具体的文件、会议或项目，写清楚影响，不能只写“抓落实还有差距”这样的空话。",
            ),
            (
                "廉洁自律",
                "以身作则、廉洁自律",
                "查落实中央八项规定精神和廉洁从政方面的问题，包括对亲属和身边工作人员的要求、公务接待和用车等。问题要实，比如某类费用管理不规范；没有违纪问题也要查思想上的松懈苗头。",
            ),
            (
                "从严治党",
                "履行全面从严治党政治责任",
                "查主体责任和“一岗双责”的落实：抓党建是否与业务脱节、对下属单位和关键岗位的监督是否到位、巡视巡察和审计问题整改是否彻底。写明具体问题和责任环节，比如某项整改久拖未结。",
            ),
        ],
    },
    {
        "name": "年度民主生活会（党纪学习教育）",
        "year": 2024,
        "meeting_kind": "democratic_life",
        "theme": "深入学习贯彻习近平新时代中国特色社会主义思想，巩固拓展党纪学习教育成果",
        "general_requirement": "学纪、知纪、明纪、守纪",
        "description": "围绕“四个带头”对照检查，结合党纪学习教育查摆问题，把遵守党的六项纪律的情况讲具体。",
        "sections": DEMOCRATIC_LIFE_SECTIONS,
        "aspects": [
            (
                "政治纪律",
                "带头严守政治纪律和政治规矩，维护党的团结统一",
                "对照政治纪律查政治站位和执行力：重大事项请示报告、落实上级决策部署、维护班子团结等方面的问题。要有比如这样的具体事例，写清楚问题出在哪个环节，不能用“总体较好”一带而过。",
            ),
            (
                "党性作风",
                "带头增强党性、严守纪律、砥砺作风",
                "查党性锻炼和作风建设：组织生活质量、批评与自我批评、形式主义官僚主义表现。写明比如哪项工作层层加码、哪些会议文件可以精简，说清楚班子的责任，不要只写学习了哪些条例。",
            ),
            (
                "担当创新",
                "带头在遵规守纪、清正廉洁前提下勇于担责、敢于创新",
                "查担当作为：有没有怕担责不作为、遇到难题上推下卸、改革创新不敢试。用比如举出一项搁置或推进迟缓的工作，说明原因中班子的主观因素；不拿客观困难当理由。",
            ),
            (
                "主体责任",
                "带头履行全面从严治党政治责任",
                "查主体责任落实：对分管领域和下属单位的管理监督、警示教育、巡视巡察及审计整改。写清楚比如某项整改为何未销号、某个廉政风险点为何没有管住，点明责任所在。",
            ),
        ],
    },
    {
        "name": "年度民主生活会",
        "year": None,
        "meeting_kind": "democratic_life",
        "theme": "",
        "general_requirement": "",
        "description": "通用提纲：上级通知下发后，请按通知确定的方面修改下列方面和撰写提示。",
        "sections": DEMOCRATIC_LIFE_SECTIONS,
        "aspects": [
            (
                "政治建设",
                "加强政治建设，学习贯彻党的创新理论",
                "查理论学习和政治判断力、政治领悟力、政治执行力方面的差距。用比如写出学习安排中的具体不足和学用脱节的事例，不以学习次数、篇目代替问题。",
            ),
            (
                "决策落实",
                "贯彻落实党中央决策部署和上级工作要求",
                "查重点任务的推进情况：哪项部署落实慢、效果差，哪些指标没有完成。要写出比如具体任务、时间节点和差距数据，并说明班子在统筹、调度上的责任。",
            ),
            (
                "为民服务",
                "践行宗旨、为民服务",
                "结合征求到的意见查服务群众和服务基层的短板，比如某项办事流程繁琐、某类诉求回应不及时。问题要对应到具体事项，不写泛泛的“服务意识有待增强”。",
            ),
            (
                "作风建设",
                "改进作风、担当作为",
                "查形式主义、官僚主义和不担当不作为的表现，比如会议文件过多、调研走过场、难题长期搁置。写清楚影响和责任，不要把客观困难当作问题本身。",
            ),
            (
                "廉洁从政",
                "廉洁自律、履行全面从严治党责任",
                "查落实中央八项规定精神、廉政风险防控和主体责任的问题，比如某项经费管理不规范、监督检查发现的问题整改不彻底。没有具体违纪也要查思想和制度上的漏洞。",
            ),
        ],
    },
    {
        "name": "组织生活会",
        "year": None,
        "meeting_kind": "organisational_life",
        "theme": "",
        "general_requirement": "",
        "description": "通用提纲：支部班子检视政治功能和组织功能发挥情况，党员对照党章检视履行义务情况。请按上级通知修改方面和撰写提示。",
        "sections": ORGANISATIONAL_LIFE_SECTIONS,
        "aspects": [
            (
                "理论学习",
                "学习贯彻党的创新理论，坚定理想信念",
                "查支部和党员学习的实效：“三会一课”学习内容是否与岗位结合、个人自学是否坚持。用比如写出某次学习流于读文件、学后没有交流或转化的情况，不以参学人次代替问题。",
            ),
            (
                "组织功能",
                "发挥党组织政治功能和组织功能，严格落实组织生活制度",
                "查支部建设：组织生活是否规范、党员教育管理是否到位、党建与业务是否融合。写明比如某项组织生活制度落实不严、发展党员或党费管理中的具体问题，点明支委分工中的责任。",
            ),
            (
                "党员义务",
                "对照党章党规，履行党员义务、践行入党誓言",
                "党员对照党章规定的义务逐条检视：按时交纳党费、参加组织生活、如实向组织反映情况等。问题要写到个人的具体表现，比如某段时间组织生活缺席较多，不写空泛的表态。",
            ),
            (
                "先锋作用",
                "立足岗位发挥先锋模范作用，密切联系服务群众",
                "查在岗位上是否冲在前、干在先，是否主动联系服务群众。用比如举出某项急难任务中的表现或群众反映的问题，不把完成的本职工作写成成绩罗列。",
            ),
            (
                "纪律作风",
                "严守党的纪律，改进工作作风，廉洁自律",
                "查遵守纪律规矩和作风方面的问题，比如工作拖沓、对身边不良现象不敢批评、廉洁意识有松懈苗头。写清具体表现和影响，不以“没有违纪问题”代替自我检视。",
            ),
        ],
    },
]


def _create_children(apps, outline, spec: dict) -> None:
    Aspect = apps.get_model("outlines", "Aspect")
    OutlineSection = apps.get_model("outlines", "OutlineSection")
    Aspect.objects.bulk_create(
        Aspect(outline=outline, position=position, label=label, wording=wording, guidance=guidance)
        for position, (label, wording, guidance) in enumerate(spec["aspects"], start=1)
    )
    OutlineSection.objects.bulk_create(
        OutlineSection(outline=outline, document=document, part=part, position=position, heading=heading)
        for document, sections in spec["sections"].items()
        for position, (part, heading) in enumerate(sections, start=1)
    )


def create_standard_outlines(apps, schema_editor) -> None:
    OutlineTemplate = apps.get_model("outlines", "OutlineTemplate")
    for spec in OUTLINES:
        fields = {key: spec[key] for key in ("meeting_kind", "theme", "general_requirement", "description")}
        outline, created = OutlineTemplate.objects.get_or_create(
            name=spec["name"], year=spec["year"], defaults=fields
        )
        if created:
            _create_children(apps, outline, spec)


def delete_standard_outlines(apps, schema_editor) -> None:
    OutlineTemplate = apps.get_model("outlines", "OutlineTemplate")
    for spec in OUTLINES:
        OutlineTemplate.objects.filter(name=spec["name"], year=spec["year"]).delete()


class Migration(migrations.Migration):
    dependencies = [("outlines", "0001_initial")]

    operations = [migrations.RunPython(create_standard_outlines, delete_standard_outlines)]
