"""The invented demo unit and its 2023 主题教育专题民主生活会, used by ``manage.py seed_demo``.

All names and text are fictitious. Members are referred to by their position (1 = 书记), aspects
by their position in the 2023 outline, problems and causes by the short keys below.
"""

import datetime
from dataclasses import dataclass, field

D = datetime.date


@dataclass(frozen=True)
class DemoMember:
    name: str
    title: str
    role: str


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    display_name: str
    role: str = ""  # UnitRole.Role value; empty for the administrator
    member: int | None = None  # position of the Member this login belongs to
    superuser: bool = False


@dataclass(frozen=True)
class DemoProblem:
    key: str
    aspect: int
    source: str
    headline: str
    elaboration: str
    example: str


@dataclass(frozen=True)
class DemoCause:
    key: str
    category: str
    headline: str
    elaboration: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class DemoMeasure:
    headline: str
    elaboration: str
    items: tuple[str, ...]
    owner: int
    department: str
    deadline: datetime.date
    kind: str
    status: str
    problems: tuple[str, ...]
    causes: tuple[str, ...]
    progress: str = ""
    evidence: str = ""
    completed_on: datetime.date | None = None


@dataclass(frozen=True)
class DemoMaterial:
    preamble: str
    closing: str
    status: str
    problems: tuple[DemoProblem, ...]
    causes: tuple[DemoCause, ...]
    measures: tuple[DemoMeasure, ...]
    recap: str = ""
    # What real team materials write besides the entries: an aspect's lead-in before 一是 (by the
    # aspect's position in the outline) and the drafter's own leads of the causes and measures.
    lead_ins: tuple[tuple[int, str], ...] = ()
    causes_lead: str = ""
    measures_lead: str = ""


@dataclass(frozen=True)
class DemoOpinion:
    text: str
    solicitation: int  # index into SOLICITATIONS
    aspect: int | None = None
    target: int | None = None
    claimed_by: str = ""  # key of a problem of the team or the personal material


@dataclass(frozen=True)
class DemoTalk:
    initiator: int
    date: datetime.date
    summary: str
    counterpart: int | None = None
    counterpart_name: str = ""


@dataclass(frozen=True)
class DemoMeeting:
    title: str
    year: int
    date: datetime.date
    place: str
    status: str
    supervisor_names: str
    supervisor_org: str
    narrative: str
    supervisor_remarks: str
    absences: dict[int, str] = field(default_factory=dict)


UNIT = {"name": "示范市数据资源管理局党组", "short_name": "市数据局党组", "kind": "party_group"}

MEMBERS = (
    DemoMember("周明远", "党组书记、局长", "secretary"),
    DemoMember("陈晓岚", "党组副书记、副局长", "deputy_secretary"),
    DemoMember("郑立群", "党组成员、副局长", "committee_member"),
    DemoMember("韩嘉禾", "党组成员、副局长", "committee_member"),
    DemoMember("许文涛", "党组成员、总工程师", "committee_member"),
    DemoMember("杜若冰", "党组成员、副局长", "committee_member"),
    DemoMember("邓启航", "党组成员、机关党委书记", "committee_member"),
)

ACCOUNTS = (
    DemoAccount("admin", "admin1234", "系统管理员", superuser=True),
    DemoAccount("demo", "demo1234", "示范撰稿人", role="drafter"),
    DemoAccount("shuji", "shuji1234", "周明远", role="secretary", member=1),
    DemoAccount("chengyuan", "chengyuan1234", "郑立群", role="member", member=3),
    DemoAccount("dudao", "dudao1234", "吴振国", role="supervisor"),
    DemoAccount("zuzhibu", "zuzhibu1234", "市委组织部", role="organisation"),
)

# The outline the demo meeting uses, found by these fields (shipped by outlines migration 0002).
OUTLINE_LOOKUP = {"year": 2023, "meeting_kind": "special_democratic_life"}


@dataclass(frozen=True)
class DemoPastMeasure:
    """A measure of the year before with the problem it answered (by the aspect's position in the
    generic outline), followed in the ledger to its status."""

    aspect: int
    problem: str
    headline: str
    owner: int
    department: str
    deadline: datetime.date
    status: str
    completed_on: datetime.date | None = None
    progress: str = ""


# The unit's meeting of the year before, on the generic 年度民主生活会 outline. Its 整改台账 is where
# the 2023 meeting starts from: the team material's 上年度整改落实情况 is drafted from it, and its
# open measures are offered on 查摆问题 as 上年未结 problems.
PREVIOUS_OUTLINE_LOOKUP = {"name": "年度民主生活会", "year": None, "meeting_kind": "democratic_life"}
PREVIOUS_MEETING = {
    "title": "市数据局党组2022年度民主生活会",
    "year": 2022,
    "date": D(2023, 1, 12),
    "place": "局机关四楼第一会议室",
}
PREVIOUS_MEASURES = (
    DemoPastMeasure(
        1,
        "理论学习与数据业务结合不够紧密",
        "建立中心组专题研讨清单制度",
        owner=1,
        department="办公室",
        deadline=D(2023, 6, 30),
        status="closed",
        completed_on=D(2023, 6, 20),
        progress="中心组按清单开展专题研讨4次，形成的12条研讨建议已全部落实。",
    ),
    DemoPastMeasure(
        2,
        "政务数据共享平台二期建设滞后",
        "实行平台二期建设挂图作战",
        owner=2,
        department="数字政府建设处",
        deadline=D(2023, 9, 30),
        status="done",
        completed_on=D(2023, 9, 25),
        progress="平台二期通过初验，17个部门完成接入。",
    ),
    DemoPastMeasure(
        3,
        "企业开办等高频事项网上办理体验不佳",
        "优化高频事项网办流程",
        owner=3,
        department="政务服务管理处",
        deadline=D(2023, 12, 31),
        status="in_progress",
        progress="已梳理高频事项32项，完成21项流程再造，其余11项涉及跨部门数据核验，正在联调。",
    ),
    DemoPastMeasure(
        5,
        "信息化项目验收监管存在薄弱环节",
        "修订信息化项目验收管理办法",
        owner=7,
        department="财务审计处",
        deadline=D(2023, 10, 31),
        status="not_started",
    ),
)

MEETING = DemoMeeting(
    title="市数据局党组2023年度主题教育专题民主生活会",
    year=2023,
    date=D(2024, 1, 19),
    place="局机关四楼第一会议室",
    status="rectifying",
    supervisor_names="吴振国、孙丽萍、高建",
    supervisor_org="市委主题教育第三督导组",
    narrative=(
        "会议由党组书记、局长周明远同志主持，班子成员陈晓岚、郑立群、韩嘉禾、许文涛、邓启航同志参加，"
        "杜若冰同志因参加省级专题培训请假。市委主题教育第三督导组组长吴振国同志带领督导组全程参加。"
        "会上，周明远同志通报了上年度民主生活会整改落实情况和本次会议准备情况，代表局党组作对照检查；"
        "随后班子成员逐一发言，先查自身问题，再接受其他同志批评。大家围绕分管领域直指问题，"
        "共提出批评意见31条，被批评同志当场表态认领。最后督导组作点评讲话，周明远同志作总结。"
    ),
    supervisor_remarks=(
        "这次专题民主生活会准备比较充分，局党组对照检查材料问题查摆具体，能够结合数据共享、"
        "政务服务等业务实际举出事例，相互批评有辣味。下一步要把查摆的问题逐项列入台账，"
        "尤其是信息化项目验收和数据安全方面的问题，要明确时限、加强跟踪，防止整改销号后反弹；"
        "缺席会议的同志要在会后书面提交发言材料并当面接受批评。"
    ),
    absences={6: "参加省数据局举办的数据要素市场化配置专题培训，经督导组同意"},
)

STUDY_SESSIONS = (
    (
        D(2023, 12, 5),
        "学习习近平总书记关于网络强国、数字中国建设的重要论述",
        "党组理论学习中心组集中学习，班子成员结合分管工作交流体会，梳理出数据共享、"
        "公共数据开放等方面需要深入研究的课题5个。",
    ),
    (
        D(2023, 12, 20),
        "学习《中国共产党纪律处分条例》并观看警示教育片",
        "通报信息化领域典型违纪违法案例，围绕项目采购、验收等环节对照查找本局廉政风险点。",
    ),
    (
        D(2024, 1, 8),
        "围绕专题民主生活会六个方面开展专题研讨",
        "班子成员逐一发言，对照主题教育总要求查摆差距，为撰写对照检查材料作准备。",
    ),
)

# (method, date, participants)
SOLICITATIONS = (
    ("forum", D(2023, 12, 12), "区县数据局负责人、街道便民服务中心干部代表"),
    ("form", D(2023, 12, 15), "市直部门信息化工作负责人、局机关各党支部"),
    ("box", D(2023, 12, 18), "服务企业、局机关和下属单位干部职工"),
)

OPINIONS = (
    DemoOpinion("街道一级同一类人口数据要在好几个系统里重复录入，希望加快数据回流基层。", 0, 3, None, "t5"),
    DemoOpinion("市数据局向区县要的报表偏多，部分内容重复，建议统筹精简。", 0, 4, None, "t8"),
    DemoOpinion("青年干部学习交流的机会较少，建议多组织研讨和实践活动。", 1, 1, None, "t2"),
    DemoOpinion("下属数据中心公务用车登记不够规范，建议开展专项检查。", 2, 5, None, "t10"),
    DemoOpinion("希望分管数据资源的局领导多到区县了解系统对接中的实际困难。", 0, 3, 3),
    DemoOpinion("建议分管项目建设的局领导在运维项目验收环节把关更严。", 2, 5, 4),
    DemoOpinion("企业申请公共数据开放的办理时间偏长，建议公开办理时限和进度。", 2),
    DemoOpinion("希望局主要负责同志多听一线技术人员对数据安全工作的意见。", 1, 6, 1, "p2"),
)

TALKS = (
    DemoTalk(1, D(2024, 1, 3), "交流分管工作中的不足，互提意见各3条。", counterpart=2),
    DemoTalk(1, D(2024, 1, 4), "重点谈数据回流基层进度慢的问题，明确由分管领导牵头拿出方案。", counterpart=3),
    DemoTalk(2, D(2024, 1, 5), "围绕运维项目验收不规范的问题交换意见。", counterpart=4),
    DemoTalk(
        1,
        D(2024, 1, 6),
        "听取数据安全工作意见，了解系统弱口令整改情况。",
        counterpart_name="王海燕（数据安全处处长）",
    ),
)

COMMENTS = (
    (
        "dudao",
        "请在“维护党中央权威”方面补充重大事项请示报告问题的整改时限，并核对意见建议条数与情况报告是否一致。",
        True,
    ),
)

TEAM_PROBLEMS = (
    DemoProblem(
        "t1",
        1,
        "self",
        "理论学习与数据工作结合得不够紧密",
        "党组理论学习中心组能够按计划开展学习，但围绕数字政府建设、数据要素市场化配置等重点课题开展专题研讨不多，"
        "研讨成果转化为工作思路和制度办法的更少，学用脱节的现象仍然存在。",
        "比如，2023年中心组开展专题学习10次，结合公共数据授权运营开展研讨的只有1次，"
        "研讨中提出的3条工作建议到年底只有1条写进了制度文件。",
    ),
    DemoProblem(
        "t2",
        1,
        "opinions",
        "机关学习形式较为单一，对青年干部学习督促不够",
        "党组对机关学习的组织仍以集中读文件、传达讲话为主，交流研讨、现场教学运用得少，"
        "对青年干部学习情况缺少跟踪检查。",
        "比如，局机关35岁以下干部占比超过四成，但青年理论学习小组全年只开展了2次活动，"
        "征求意见中有干部反映学习通知发得晚、交流发言准备不充分。",
    ),
    DemoProblem(
        "t3",
        2,
        "self",
        "落实上级数字化改革部署的推进节奏不够快",
        "对省、市部署的一体化政务服务平台升级任务，党组作了专门部署，但调度频次不高，"
        "对跨部门协调中的难点研判不够，部分任务节点滞后。",
        "比如，按市里确定的时间表，市级部门业务系统应于2023年9月底前完成统一身份认证对接，"
        "到年底仍有6个系统未完成，党组在督查通报后才召开专题调度会。",
    ),
    DemoProblem(
        "t4",
        2,
        "inspection",
        "重大事项请示报告制度执行不够严格",
        "对需要向市委市政府报告的事项，存在报告不及时、内容不完整的情况，"
        "执行中遇到预算和方案调整时，有时先实施后报告。",
        "比如，政务云扩容采购方案调整预算后，我局在实施一个多月后才补报书面情况，"
        "市委巡察组在反馈意见中专门指出了这一问题。",
    ),
    DemoProblem(
        "t5",
        3,
        "opinions",
        "推动数据共享解决基层重复录入问题不够有力",
        "对基层反映的重复填报、重复提交材料问题，我们推动了部分部门间的数据共享，"
        "但对数据向区县、街道回流关注不够，基层减负成效还不明显。",
        "比如，座谈会上有街道干部反映，同一批户籍人口信息一年要在4个系统中分别录入，"
        "我局收到反映后三个多月才拿出数据回流方案。",
    ),
    DemoProblem(
        "t6",
        3,
        "self",
        "调查研究深入基层一线不够",
        "班子成员调研多集中在市直部门和信息化企业，到区县窗口和服务对象中间听取意见偏少，"
        "对企业和群众办事中的堵点掌握不全面。",
        "比如，2023年班子成员共调研27次，到乡镇便民服务中心的只有3次；"
        "群众反映最集中的不动产登记信息查询不畅问题，是从12345热线工单统计中才发现的。",
    ),
    DemoProblem(
        "t7",
        4,
        "supervision",
        "一些工作重部署、轻落实",
        "部分专项工作部署时文件多、声势大，后续跟踪问效和闭环管理跟不上，考核评估偏重材料报送。",
        "比如，公共数据质量提升专项行动印发方案后，只在年中开展过一次书面调度，"
        "没有对数据错误率等指标进行核验，年底仍有部门的数据目录长期未更新。",
    ),
    DemoProblem(
        "t8",
        4,
        "opinions",
        "精文简会落实不够到位，基层报表负担仍然较重",
        "局内发文和会议数量压减不明显，能合并的会议没有合并，一些文件照转上级要求，结合本地的具体措施不多。",
        "比如，2023年局机关召开全局性会议38次，只比上年减少2次；"
        "向区县下发的通知中有5份要求报送的材料内容相近。",
    ),
    DemoProblem(
        "t9",
        5,
        "self",
        "信息化项目廉政风险防控存在薄弱环节",
        "信息化项目资金量大、专业性强，党组对立项、采购、验收等环节的廉政风险研判不够深入，"
        "制度执行中存在宽松软现象。",
        "比如，年度审计发现2个运维项目验收以供应商自报材料为主，没有组织第三方测试，"
        "付款进度与实际服务量不完全匹配。",
    ),
    DemoProblem(
        "t10",
        5,
        "opinions",
        "落实中央八项规定精神的日常监督还不够细",
        "班子成员能够自觉遵守中央八项规定及其实施细则精神，但对处室和下属单位的日常监督以提醒为主，"
        "重要节点以外的检查不多。",
        "比如，下属数据中心公务用车存在事后补登记的情况，我们是在征求意见时收到反映后才组织专项检查的。",
    ),
    DemoProblem(
        "t11",
        6,
        "inspection",
        "巡察反馈问题整改还不够彻底",
        "对市委巡察反馈的问题，党组制定了整改方案，但对需要长期推进的事项跟踪督办不够，"
        "个别问题销号后又有反复。",
        "比如，巡察指出数据安全责任落实不到位，整改时修订了管理制度，"
        "但年内安全检查中仍发现2个业务系统存在弱口令。",
    ),
    DemoProblem(
        "t12",
        6,
        "carried_over",
        "党建与业务融合不够的问题仍未根本解决",
        "这是上年度民主生活会查摆的问题。党组采取了建立党建联系点等措施，"
        "但各支部活动仍以常规学习为主，围绕业务攻坚开展的党建活动不多。",
        "比如，机关5个党支部年内申报的党建品牌项目中，与数据共享、数字政府建设等重点任务直接挂钩的只有1个。",
    ),
)

TEAM_CAUSES = (
    DemoCause(
        "c1",
        "ideals",
        "理论武装不够深入，用党的创新理论指导实践的自觉性不强",
        "班子对理论学习的重要性认识是到位的，但在学深悟透上下的功夫不够，把学习当作任务完成的多，"
        "主动用党的创新理论研究数据工作新情况新问题的少，政治执行力在具体工作中体现得不够充分。",
        ("t1", "t2", "t3"),
    ),
    DemoCause(
        "c2",
        "party_spirit",
        "党性锻炼有所放松，纪律规矩意识还不够牢固",
        "随着业务量增加，班子对自身党性修养的要求有所放松，执行请示报告、民主集中制等制度时满足于走完程序，"
        "对廉政风险和巡察整改的严肃性认识不足。",
        ("t4", "t9", "t11"),
    ),
    DemoCause(
        "c3",
        "purpose",
        "宗旨意识有所淡化，站在基层和群众角度想问题不够",
        "班子习惯从部门职责和技术实现的角度安排工作，对数据共享给基层和群众带来的实际感受关注不够，"
        "问需于民的渠道不多，对一线反映的问题回应不快。",
        ("t5", "t6"),
    ),
    DemoCause(
        "c4",
        "conduct",
        "作风建设抓得不够严实，管党治党压力传导层层递减",
        "班子对形式主义、官僚主义的新表现警惕不够，考核评估偏重过程材料；"
        "对处室和下属单位的监督以提醒为主，“一岗双责”落实有温差，党建工作与业务工作统筹不够。",
        ("t7", "t8", "t10", "t12"),
    ),
)

TEAM_MEASURES = (
    DemoMeasure(
        "坚持不懈强化理论武装",
        "把学习党的创新理论同研究解决数据工作难题结合起来，推动学习成果转化为工作举措。",
        (
            "完善党组理论学习中心组学习制度，每季度至少安排1次围绕公共数据开发利用等重点课题的专题研讨，研讨建议形成清单跟踪落实。",
            "制定青年理论学习小组季度活动计划，由机关党委每季度通报参学情况。",
            "把学习成果转化情况纳入处室年度考核，年底对研讨建议落实情况进行盘点。",
        ),
        owner=1,
        department="办公室、机关党委",
        deadline=D(2024, 12, 31),
        kind="long_term",
        status="in_progress",
        problems=("t1", "t2"),
        causes=("c1",),
        progress="一季度中心组已围绕公共数据授权运营开展专题研讨，青年理论学习小组活动计划已印发。",
    ),
    DemoMeasure(
        "不折不扣落实上级决策部署",
        "对上级部署的重点任务实行清单化管理，严格执行重大事项请示报告制度。",
        (
            "对统一身份认证对接任务挂图作战，每两周调度一次，2024年3月底前完成剩余6个系统的对接。",
            "制定重大事项请示报告清单，明确报告事项、时限和责任人，预算和方案调整一律先报告后实施。",
        ),
        owner=2,
        department="数字政府建设处、办公室",
        deadline=D(2024, 3, 31),
        kind="immediate",
        status="done",
        problems=("t3", "t4"),
        causes=("c1", "c2"),
        progress="6个业务系统已全部完成统一身份认证对接，请示报告事项清单已印发执行。",
        evidence="系统对接验收报告；重大事项请示报告清单",
        completed_on=D(2024, 3, 26),
    ),
    DemoMeasure(
        "切实为基层和群众办实事解难题",
        "围绕基层重复录入和群众办事堵点，建立从发现问题到解决问题的闭环机制。",
        (
            "建立数据回流区县机制，2024年上半年完成户籍、社保等高频数据向街道乡镇回流。",
            "班子成员每人每年到乡镇便民服务中心和企业调研不少于4次，发现的问题列清单限期办结。",
            "每月分析12345热线中涉及数据共享的工单，对集中反映的问题专题研究解决。",
        ),
        owner=3,
        department="数据资源处、政务服务管理处",
        deadline=D(2024, 9, 30),
        kind="deadline",
        status="in_progress",
        problems=("t5", "t6"),
        causes=("c3",),
        progress="户籍数据回流已在2个区试点，班子成员一季度基层调研9次。",
    ),
    DemoMeasure(
        "持之以恒加强作风建设，压实管党治党责任",
        "聚焦项目廉政风险、精文简会和巡察整改，推动全面从严治党责任落到处室和支部。",
        (
            "开展信息化项目廉政风险排查，修订项目验收管理办法，运维项目验收一律引入第三方测试。",
            "严格控制发文和会议数量，2024年全局性会议比上年压减两成以上，向基层要报表一律由办公室统筹。",
            "对巡察反馈和审计发现的问题建立整改台账，每季度复查一次，防止销号后反弹。",
            "每个党支部结合一项重点业务任务确定党建项目，年底组织评比。",
        ),
        owner=7,
        department="机关党委、财务审计处",
        deadline=D(2024, 12, 31),
        kind="long_term",
        status="in_progress",
        problems=("t7", "t8", "t9", "t10", "t11", "t12"),
        causes=("c2", "c4"),
    ),
)

TEAM_MATERIAL = DemoMaterial(
    preamble=(
        "按照市委关于开好学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会的通知要求，"
        "局党组紧扣“学思想、强党性、重实践、建新功”的总要求，会前组织集中学习研讨3次，"
        "通过座谈会、征求意见表、意见箱收集意见建议8条，班子成员之间、班子成员与处室负责人普遍开展谈心谈话，"
        "围绕六个方面查摆问题、剖析根源、明确整改方向。现将对照检查情况报告如下："
    ),
    closing=(
        "局党组将以这次专题民主生活会为新的起点，把查摆出的问题逐项列入整改台账，明确责任领导、责任处室和完成时限，"
        "实行销号管理，定期向督导组报告进展，以整改的实际成效推动全市数据资源管理工作提质增效。"
    ),
    # 起草中: whoever tries the demo writes in it; approved, it would be read-only until reopened.
    status="draft",
    problems=TEAM_PROBLEMS,
    causes=TEAM_CAUSES,
    measures=TEAM_MEASURES,
    lead_ins=(
        (
            1,
            "局党组把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，坚持“第一议题”制度，"
            "中心组全年集中学习12次，学习的系统性比上年有所增强。但对照主题教育的要求，还存在一些问题：",
        ),
        (
            3,
            "局党组坚持把“高效办成一件事”作为检验作风的标尺，推动政务服务“一网通办”事项持续扩面。"
            "但对照群众的期待，在服务的精准性和便利度上还有差距：",
        ),
    ),
    causes_lead="对照查摆出的问题，局党组逐条深挖思想根源，主要有以下几个方面：",
    measures_lead="局党组将坚持问题导向，从党组班子抓起，在以下几个方面抓好整改落实：",
)

# The personal material of member 1 (the secretary), written in the first person.
PERSONAL_MATERIALS = {
    1: DemoMaterial(
        preamble=(
            "按照这次专题民主生活会的要求，我认真学习了规定篇目，与班子成员和部分处室负责人逐一谈心，"
            "认领了征求到的意见，对照六个方面查找了自身差距。现将个人对照检查情况报告如下："
        ),
        recap=(
            "上年度民主生活会我查摆的3个问题中，调研不够深入、会议偏多2个问题已按时完成整改；"
            "党建与业务融合不够的问题仍在推进，这次一并列入整改。"
        ),
        closing="我将带头抓好整改，主动接受班子成员和干部职工监督。",
        status="submitted",
        problems=(
            DemoProblem(
                "p1",
                1,
                "self",
                "用理论指导解决数据领域难题的能力还不够强",
                "我在学习上满足于完成中心组安排，结合本局实际思考得不深，推动公共数据开发利用时，"
                "对如何统筹发展和安全研究不透，有时就事论事。",
                "比如，公共数据授权运营试点方案讨论了三轮仍未定稿，我没有及时组织专题学习研究、统一思想。",
            ),
            DemoProblem(
                "p2",
                6,
                "opinions",
                "抓数据安全工作听取一线意见不够",
                "作为第一责任人，我对数据安全工作多在会上部署，直接听取技术人员意见的时候少，"
                "对系统安全隐患掌握不够及时。",
                "比如，系统弱口令问题是技术人员在年内安全检查中发现的，此前我从未专门召集一线人员座谈。",
            ),
            DemoProblem(
                "p3",
                4,
                "self",
                "对重点任务跟踪问效不够",
                "部署工作后，我对进度多通过书面汇报了解，到现场核实少，对滞后任务的督促不够及时。",
                "比如，统一身份认证对接滞后，我在督查通报后才召开调度会。",
            ),
        ),
        causes=(
            DemoCause(
                "pc1",
                "party_spirit",
                "对自己要求有所放松，责任意识还需增强",
                "工作任务重的时候，我更多关注业务指标，对自身党性锤炼和第一责任人职责的思考不够，"
                "习惯了听汇报、看材料。",
                ("p1", "p2", "p3"),
            ),
        ),
        measures=(
            DemoMeasure(
                "带头学、带头抓、带头改",
                "带头把学习成果转化为解决问题的实际行动。",
                (
                    "每季度至少召开1次一线技术人员座谈会，听取数据安全工作意见。",
                    "对分管的重点任务每月到现场核实进度，滞后任务当月调度。",
                ),
                owner=1,
                department="办公室",
                deadline=D(2024, 12, 31),
                kind="long_term",
                status="in_progress",
                problems=("p1", "p2", "p3"),
                causes=("pc1",),
            ),
        ),
    ),
}
