"""Give the aspects of the standard outlines a writing hint for the personal material.

The team hint of each aspect (migration 0002) speaks of the team; a member writes their 个人对照检查
材料 in the first person about their own work, so each aspect gets a hint with the same substance,
written to the member. As in 0002 the texts are a plain constant: the migration must keep producing
the same rows after the app's code changes.

An aspect is matched by its outline's name and year, its position and its shipped label, so an
aspect an admin added or put in another's place is left alone; forward fills only an empty hint (an
admin's own text stays), backward empties the hints of the matched aspects.
"""

from django.db import migrations

# (outline name, year) → [(label, member guidance)]; the position is the list order, as in 0002.
MEMBER_GUIDANCE = {
    ("党史学习教育专题民主生活会", 2021): [
        (
            "两个确立",
            "查找自己在学懂弄通党的创新理论、深刻把握“两个确立”上的差距，落到我个人的学习和分管工作的决策上，比如参加中心组学习只是照读文件、研讨发言没有联系分管领域的问题。用“我”直接写问题，不用“有的同志”代替，也不要先写一大段学习成绩。",
        ),
        (
            "根本问题",
            "对照初心使命，查我在分管工作中贯彻上级决策部署的落差：哪项部署在我手上推进得慢、哪项任务在我这里打了折扣。用“比如”写出具体事项、时间节点或数据，说清自己的责任，不拿客观条件替自己讲理由。",
        ),
        (
            "人民中心",
            "围绕“我为群众办实事”，查自己联系服务群众的短板：分管领域群众反映强烈却迟迟没有解决的事，我下基层调研有没有走过场。最好对应一条征求到的、指向我本人的意见，用“比如”写出办理时限、投诉件数等实情，不把自己办成的实事当作问题来写。",
        ),
        (
            "应对风险",
            "查自己的忧患意识和斗争本领：我分管领域的风险排查是否到底，应急预案是否管用，遇到矛盾有没有绕着走、上交了事。用“比如”写清我对哪一类风险底数不清、哪次处置暴露了自己的短板，不回避分管工作中的敏感问题。",
        ),
        (
            "正反经验",
            "联系党史中的经验教训，查我自己在作风和纪律上的问题：有没有形式主义、官僚主义的表现，警示教育是否真正触动了思想。用“比如”点明发生在我分管的哪项工作、造成了什么影响，不要只写自己学了什么、参加了几次会。",
        ),
    ],
    ("学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会", 2023): [
        (
            "理论学习",
            "查我学习党的创新理论的深度和转化：个人自学是否系统，是否用理论研究分管工作中的难题。用“比如”写出自己某次学习后没有转化为工作思路的具体情形，或分管的某项工作缺少理论指导的表现，不以学习篇目、次数代替查找差距。",
        ),
        (
            "维护权威",
            "查我在分管工作中贯彻党中央决策部署和上级要求的情况：有无选择性执行、打折扣、搞变通，重大事项是否及时请示报告。点出具体部署和推进中的偏差，比如我牵头的某项改革任务滞后于时间表，写明是自己哪个环节没有抓到位。",
        ),
        (
            "为民服务",
            "查自己践行群众路线的差距：我到一线调研是否深入，对分管领域群众急难愁盼的问题是否及时回应。结合征求到的意见写，比如我分管的某项办事事项材料多、跑腿多，或群众诉求回复超时；不把自己办好的实事换个说法当问题。",
        ),
        (
            "狠抓落实",
            "查我自己的作风实不实：分管领域是否发文开会多、督查检查多，工作是否只部署不跟踪，政绩观有没有偏差。用“比如”举出我主持的某个会议、签发的某份文件或推动的某个项目，写清影响，不写“抓落实还有差距”这样的空话。",
        ),
        (
            "廉洁自律",
            "查自己落实中央八项规定精神和廉洁自律的情况，包括对亲属和身边工作人员的要求，以及公务接待、用车等方面。问题要实，比如我分管部门的某类费用管理不规范而自己没有及时过问；没有违纪问题，也要查思想上的松懈苗头。",
        ),
        (
            "从严治党",
            "查我落实“一岗双责”的情况：抓分管领域党建是否与业务脱节，对分管部门和关键岗位的监督是否到位，巡视巡察和审计发现问题的整改是否彻底。写明具体问题和自己的责任，比如我督办的某项整改久拖未结，卡在了哪个环节。",
        ),
    ],
    ("年度民主生活会（党纪学习教育）", 2024): [
        (
            "政治纪律",
            "对照政治纪律查自己的政治站位和执行力：重大事项是否及时请示报告，落实上级决策部署是否到位，是否自觉维护团结、服从集体决定。要有“比如”这样我亲历的具体事例，写清问题出在哪个环节，不能用“总体较好”一带而过。",
        ),
        (
            "党性作风",
            "查我自己的党性锻炼和作风：参加双重组织生活是否认真，开展批评和自我批评是否敢于动真碰硬，有无形式主义、官僚主义表现。用“比如”写明我分管的哪项工作层层加码、哪些会议文件可以精简，说清自己的责任，不要只写学了哪些条例。",
        ),
        (
            "担当创新",
            "查自己的担当作为：有没有怕担责而不作为，遇到难题上推下卸，改革创新不敢试、不敢闯。用“比如”举出我分管的一项搁置或推进迟缓的工作，说明其中我自己的主观原因，不拿客观困难当理由，也不用“有的同志”把问题推给别人。",
        ),
        (
            "主体责任",
            "查我履行“一岗双责”的情况：对分管领域和分管部门的管理监督、警示教育是否到位，巡视巡察和审计整改是否跟得紧。用“比如”写清我督办的某项整改为何未销号、分管领域某个廉政风险点为何没有管住，点明自己的责任。",
        ),
    ],
    ("年度民主生活会", None): [
        (
            "政治建设",
            "查我在理论学习和政治判断力、政治领悟力、政治执行力上的差距。用“比如”写出自己学习安排上的具体不足，或学用脱节、在分管工作中把握政治方向不准的事例，不以学习次数、篇目代替问题。",
        ),
        (
            "决策落实",
            "查我分管的重点任务推进情况：哪项部署在我这里落实慢、效果差，哪些指标没有完成。用“比如”写出具体任务、时间节点和差距数据，说明自己在谋划、调度和督促上的责任，不用“有的同志”或客观条件一笔带过。",
        ),
        (
            "为民服务",
            "结合征求到的、指向我本人的意见，查自己服务群众和服务基层的短板，比如我分管的某项办事流程繁琐、某类诉求回应不及时。问题要对应到具体事项，说清我在其中的责任，不写“服务意识有待增强”这样泛泛的话。",
        ),
        (
            "作风建设",
            "查我身上形式主义、官僚主义和不担当不作为的表现，比如自己召集的会议多而不解决问题、下基层调研走过场、分管领域的难题长期搁置。写清造成的影响和我的责任，不把客观困难当作问题本身。",
        ),
        (
            "廉洁从政",
            "查自己落实中央八项规定精神、廉洁自律和履行“一岗双责”的问题，比如我分管的某项经费管理不规范、监督检查发现的问题我督促整改不彻底。没有具体违纪，也要查自己思想上的松懈和分管领域制度上的漏洞。",
        ),
    ],
    # 组织生活会: a personal material is an ordinary Party member's, who holds a post rather than a
    # portfolio, so these hints speak of the member's 岗位 instead of 分管工作.
    ("组织生活会", None): [
        (
            "理论学习",
            "查我自己学习的实效：参加“三会一课”是否入脑入心，个人自学是否坚持，学到的内容是否用到岗位工作中。用“比如”写出某次学习我只是听一听、学后没有交流也没有转化的情况，不以参学次数、笔记字数代替问题。",
        ),
        (
            "组织功能",
            "查自己落实组织生活制度的差距：参加“三会一课”、主题党日是否认真投入，是否按要求开展批评和自我批评；担任支委的，还要查自己分工负责的党员教育管理、党费收缴等工作。用“比如”写出某项制度在我这里落实不严的具体事。",
        ),
        (
            "党员义务",
            "对照党章规定的党员义务逐条检视自己：是否按时足额交纳党费、按时参加组织生活、如实向组织反映情况。问题要写到我本人的具体表现，比如某段时间我以工作忙为由多次缺席组织生活，不写空泛的表态。",
        ),
        (
            "先锋作用",
            "查我在岗位上是否冲在前、干在先，是否主动联系服务群众。用“比如”举出自己在某项急难险重任务中的表现，或群众对我反映的问题，说清差距在哪里，不把完成的本职工作写成成绩罗列。",
        ),
        (
            "纪律作风",
            "查自己遵守纪律规矩和工作作风方面的问题，比如我办事拖沓、对身边的不良现象不敢批评、廉洁意识有松懈苗头。写清我的具体表现和造成的影响，不以“没有违纪问题”代替自我检视。",
        ),
    ],
}


def _standard_aspects(apps):
    """Yield (aspect, member guidance) for each shipped aspect still where the outline put it."""
    Aspect = apps.get_model("outlines", "Aspect")
    for (name, year), texts in MEMBER_GUIDANCE.items():
        aspects = Aspect.objects.filter(outline__name=name, outline__year=year)
        by_position = {aspect.position: aspect for aspect in aspects}
        for position, (label, text) in enumerate(texts, start=1):
            aspect = by_position.get(position)
            if aspect is not None and aspect.label == label:
                yield aspect, text


def fill_member_guidance(apps, schema_editor) -> None:
    for aspect, text in _standard_aspects(apps):
        if not aspect.member_guidance:
            aspect.member_guidance = text
            aspect.save(update_fields=["member_guidance"])


def clear_member_guidance(apps, schema_editor) -> None:
    for aspect, _ in _standard_aspects(apps):
        aspect.member_guidance = ""
        aspect.save(update_fields=["member_guidance"])


class Migration(migrations.Migration):
    dependencies = [("outlines", "0003_aspect_member_guidance")]

    operations = [migrations.RunPython(fill_member_guidance, clear_member_guidance)]
