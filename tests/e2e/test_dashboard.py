"""统计看板 in the browser: an organisation department (组织部门) logs in, opens 统计看板 from the top
bar, sees its subtree's figures drawn by Chart.js with their numbers in a table, and clicks through
to the lists behind them: a number of a table, and a bar of a chart."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from apps.accounts.models import UnitRole
from tests.conftest import make_user
from tests.dashboards.conftest import add_measure, add_problems, make_meeting, make_unit
from tests.e2e.pages import login


@pytest.fixture
def organisation(outline) -> dict:
    """A 市委 with two units below it (one a level deeper) and one outside, and its 组织部门 login."""
    root = make_unit("示范市委")
    bureau = make_unit("示范局党委", root)
    office = make_unit("示范局机关党委", bureau)
    outside = make_unit("外地市委")
    for unit, status, problems in (
        (bureau, "submitted", {"学习": 2, "落实": 1}),
        (office, "draft", {"落实": 2}),
        (outside, "draft", {"落实": 7}),
    ):
        team = make_meeting(unit, outline, team_status=status).materials.team().get()
        add_problems(team, problems)
        add_measure(team, days=-3)
        add_measure(team, "done", days=5, done=datetime.date(2031, 1, 10))
    user = make_user("zuzhi")
    UnitRole.objects.create(user=user, unit=root, role=UnitRole.Role.ORGANISATION)
    return {"root": root, "user": user}


def open_dashboard(page: Page, live_server, organisation: dict) -> None:
    login(page, live_server, "zuzhi", "pw-zuzhi")
    page.get_by_role("link", name="统计看板", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("统计看板 · 示范市委")
    expect(page.get_by_text("范围：本单位及下级单位（共 3 个单位）")).to_be_visible()
    expect(page.get_by_role("link", name="尚未提交班子材料的单位 2个，查看清单")).to_be_visible()


def chart_is_drawn(page: Page, key: str) -> bool:
    """Chart.js made a chart on the canvas and painted something on it."""
    return page.evaluate(
        """(key) => {
            const canvas = document.querySelector(`canvas[data-chart="${key}"]`);
            if (!canvas || !window.Chart.getChart(canvas)) return false;
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
            return false;
        }""",
        key,
    )


def test_the_organisation_department_reads_its_subtree_and_clicks_a_number(
    page: Page, live_server, organisation
):
    open_dashboard(page, live_server, organisation)

    for key in ("materials", "unsubmitted", "problems", "measures", "overdue", "completion"):
        expect(page.locator(f'canvas[data-chart="{key}"][data-chart-drawn]')).to_have_count(1)
    assert chart_is_drawn(page, "problems") and chart_is_drawn(page, "measures")
    problems = page.get_by_role("table", name=re.compile("班子查摆问题（按方面）"))
    expect(problems.get_by_role("row", name=re.compile("^落实"))).to_contain_text("3")
    expect(page.get_by_text("外地市委")).to_have_count(0)

    problems.get_by_role("link", name="落实·问题数 3条，查看清单").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("班子查摆问题")
    expect(page.locator("[data-list-count]")).to_have_text("3")
    expect(page.locator("tr[data-row]")).to_have_count(3)
    expect(page.get_by_text("方面：落实")).to_be_visible()


def test_a_click_on_a_bar_opens_the_list_behind_it(page: Page, live_server, organisation):
    open_dashboard(page, live_server, organisation)
    canvas = page.locator('canvas[data-chart="problems"][data-chart-drawn]')
    canvas.scroll_into_view_if_needed()
    # The centre of the 学习 bar, as Chart.js laid it out (CSS pixels from the canvas's corner).
    point = page.evaluate(
        """() => {
            const chart = window.Chart.getChart(document.querySelector('canvas[data-chart="problems"]'));
            const index = chart.data.labels.indexOf("学习");
            return chart.getDatasetMeta(0).data[index].getCenterPoint();
        }"""
    )
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    expect(page).to_have_url(
        re.compile(r"/dashboard/problems/\?scope=subtree&year=2030&aspect=%E5%AD%A6%E4%B9%A0$")
    )
    expect(page.locator("[data-list-count]")).to_have_text("2")
    expect(page.locator("tr[data-row]")).to_have_count(2)
