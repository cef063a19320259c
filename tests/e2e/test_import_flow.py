"""导入已有材料 in the browser: upload last year's Word file, fix the one aspect the app could not
match, commit, and find the problems under the right aspects of 查摆问题."""

import io
import re

from docx import Document
from playwright.sync_api import Page, expect

from apps.meetings.models import Meeting
from tests.e2e.workspace_steps import aspect_block, cards, open_problems, team_material

# Our own text, in the shape of a team material, on the demo meeting's 2023 outline: aspects one,
# two and five worded as the outline words them, the third worded so that no match is sure.
TITLE = "示例局党委班子主题教育专题民主生活会对照检查材料"
HEADLINES = {
    1: ["中心组专题研讨不够深入", "理论成果转化不够有力"],
    2: ["请示报告制度执行不够严格"],
    3: ["窗口服务事项办理时限偏长", "走访群众的频次偏低"],
    5: ["公务用车管理台账不够规范"],
}
LINES = [
    TITLE,
    "按照上级通知要求，班子会前集中学习研讨，广泛征求意见，深入谈心谈话。现将对照检查情况报告如下：",
    "一、存在的主要问题",
    "（一）学习贯彻习近平新时代中国特色社会主义思想方面。班子坚持第一议题制度，但还存在一些问题："
    f"一是{HEADLINES[1][0]}。研讨多是通读文件，联系实际不够。比如，去年四次专题研讨只有一次形成了工作清单。"
    f"二是{HEADLINES[1][1]}。学习成果写进工作举措的不多。",
    f"（二）维护党中央权威和集中统一领导方面。一是{HEADLINES[2][0]}。有的重要事项事后才报告。",
    f"（三）关于为群众办实事的情况。一是{HEADLINES[3][0]}。有的事项要跑三次以上。二是{HEADLINES[3][1]}。"
    "班子成员下基层多是听汇报。",
    f"（四）以身作则、廉洁自律方面。一是{HEADLINES[5][0]}。出车登记有时补记。",
    "二、产生问题的原因剖析",
    "（一）理论学习的自觉性不够。对学习的重要性认识不足。",
    "（二）宗旨意识有所淡化。联系群众的主动性不强。",
    "三、整改措施和努力方向",
    "（一）坚持不懈抓学习。一要制定年度学习计划。二要每季度开展一次专题研讨。",
    "（二）用心用情办实事。一要压缩办理时限。二要建立班子成员联系点制度。",
]


def material_docx() -> bytes:
    document = Document()
    for line in LINES:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_drafter_imports_a_word_material_fixes_one_aspect_and_finds_the_problems(
    drafter_page: Page, live_server, demo: Meeting
):
    page = open_problems(drafter_page, live_server, demo)
    material = team_material(demo)
    existing = {a: material.problems.filter(aspect__position=a).count() for a in HEADLINES}
    before = material.problems.count()
    page.get_by_role("link", name="导入已有材料").click()
    expect(page.get_by_role("heading", name="导入已有材料到班子对照检查材料")).to_be_visible()

    page.get_by_label("上传 Word 文件或文本文件").set_input_files(
        files=[
            {
                "name": "去年的对照检查材料.docx",
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "buffer": material_docx(),
            }
        ]
    )
    page.get_by_role("button", name="识别并核对").click()
    expect(page.get_by_role("heading", name=re.compile("^核对导入内容"))).to_be_visible()
    assert material.problems.count() == before  # nothing written yet

    # The source, numbered, beside the proposal; a click on a problem shows the line it came from.
    source = page.get_by_role("region", name=re.compile("^原文"))
    expect(source).to_contain_text(HEADLINES[3][0])
    first = page.get_by_role("region", name=re.compile("^（一）学习贯彻"))
    first.get_by_label("问题概括").first.click()
    expect(source.locator(".src-current")).to_contain_text(HEADLINES[1][0])

    # The mis-worded aspect asks; the drafter chooses 践行宗旨、服务人民.
    third = page.get_by_role("region", name=re.compile("^（三）"))
    expect(third.get_by_text(re.compile("没有找到对应的方面|对应关系不确定"))).to_be_visible()
    third.get_by_label("对应提纲中的方面").select_option(label="（三）践行宗旨、服务人民")
    expect(page.get_by_role("region", name=re.compile("^（二）维护"))).to_be_visible()

    # The demo material has entries: append after them.
    expect(page.get_by_text(re.compile(r"本材料已有 \d+ 条问题"))).to_be_visible()
    page.get_by_label(re.compile("^追加到后面")).check()
    page.get_by_role("button", name="确认导入").click()

    expect(page.get_by_role("heading", name="已导入到班子对照检查材料")).to_be_visible()
    expect(page.get_by_text("6", exact=True)).to_be_visible()  # problems imported
    page.get_by_role("link", name=re.compile("去查摆问题查看和修改")).click()

    # Every imported problem sits under its aspect, after the ones the material had.
    for position, headlines in HEADLINES.items():
        block = aspect_block(page, position)
        problems = cards(block)
        expect(problems).to_have_count(existing[position] + len(headlines))
        for offset, headline in enumerate(headlines):
            expect(problems.nth(existing[position] + offset).get_by_label("问题概括")).to_have_value(headline)
