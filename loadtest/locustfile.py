"""Drafters under load: `make loadtest` (see docs/performance.md).

Each simulated drafter logs in with their own account (``manage.py seed_loadtest`` wrote the plan:
who, which meeting and material, which problems are theirs), opens the step pages of their unit's
team material, autosaves one of their problems every few seconds exactly as static/js/autosave.js
does (the whole card's fields, the revision the card was loaded at, ``_base`` with the values it
showed, the CSRF token in X-CSRFToken), and now and then downloads the material as PDF. Browsers ask
for gzip; so does this.

Each drafter logs in first, and a login checks a password (PBKDF2, ~0.4 s of CPU by design on a
2-core VM): 200 drafters starting 2 a second put ~0.9 cores of password checks on top of the growing
load, and the queue they leave takes ~30 s to drain after the last one has started. The figures are
the steady state of drafting, so the statistics start LOADTEST_SETTLE seconds (default 40) after the
last drafter started (the ramp's figures are dropped; var/loadtest/stats_stats_history.csv keeps them).

Environment: LOADTEST_PLAN (the plan's path, default var/loadtest-plan.json), LOADTEST_SETTLE. At the
end it prints p50/p95 per request type, errors and requests per second against the targets of issue 12.
"""

import itertools
import json
import os
import re
import threading
from pathlib import Path

import gevent
from locust import HttpUser, between, events, task

PLAN_PATH = Path(
    os.environ.get("LOADTEST_PLAN", Path(__file__).resolve().parent.parent / "var/loadtest-plan.json")
)
PLAN = json.loads(PLAN_PATH.read_text(encoding="utf-8"))
_drafters = itertools.count()  # each simulated drafter takes the next plan entry: no two share a card
_lock = threading.Lock()
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
# Each card: <article … data-id="PK"> … <input type="hidden" name="revision" value="N">
CARD_REVISION = re.compile(r'data-entry data-id="(\d+)">.*?name="revision" value="(\d+)"', re.DOTALL)
STEPS = [("problems", "查摆问题"), ("causes", "原因剖析"), ("measures", "整改措施")]
# The targets (seconds, 95th percentile) the summary checks; issue 12.
TARGETS = {"autosave": 0.3, "page": 0.5}
SETTLE = float(os.environ.get("LOADTEST_SETTLE", "40"))


class Drafter(HttpUser):
    wait_time = between(3, 8)  # typing between two autosaves (the script saves ~1 s after a pause)

    def on_start(self) -> None:
        with _lock:
            self.plan = PLAN["drafters"][next(_drafters) % len(PLAN["drafters"])]
        self.client.headers["Accept-Encoding"] = "gzip, deflate"
        self.base = f"/meetings/{self.plan['meeting']}/work/m/{self.plan['material']}"
        self.cards = {p["id"]: dict(p, revision=1, edits=0) for p in self.plan["problems"]}
        self.turn = itertools.cycle(list(self.cards))
        self.steps = itertools.cycle(STEPS)
        self.csrf = ""
        page = self.client.get("/accounts/login/", name="login page")
        token = CSRF_INPUT.search(page.text).group(1)
        answer = self.client.post(
            "/accounts/login/",
            {"username": self.plan["username"], "password": PLAN["password"], "csrfmiddlewaretoken": token},
            name="login",
        )
        if "/accounts/login/" in answer.url:
            raise RuntimeError(f"login refused for {self.plan['username']}")
        self.open_step("problems", "查摆问题")

    def open_step(self, key: str, label: str) -> None:
        with self.client.get(f"{self.base}/{key}/", name=f"page {label}", catch_response=True) as page:
            if page.status_code != 200 or "</html>" not in page.text:
                page.failure(f"{page.status_code}")
                return
            self.csrf = CSRF_META.search(page.text).group(1)
            if key == "problems":  # the cards as loaded: their revisions
                for pk, revision in CARD_REVISION.findall(page.text):
                    if int(pk) in self.cards:
                        self.cards[int(pk)]["revision"] = int(revision)

    @task(150)
    def autosave(self) -> None:
        card = self.cards[next(self.turn)]
        shown = {name: card[name] for name in ["headline", "elaboration", "example", "source"]}
        card["edits"] += 1
        typed = dict(shown, example=f"{card['example'][:300]}（补充{card['edits']}）")
        with self.client.post(
            f"{self.base}/problems/{card['id']}/",
            {**typed, "revision": card["revision"], "_base": json.dumps(shown, ensure_ascii=False)},
            headers={
                "X-CSRFToken": self.csrf,
                "X-Requested-With": "XMLHttpRequest",
                "Accept": "application/json",
            },
            name="autosave",
            catch_response=True,
        ) as answer:
            data = (
                answer.json() if answer.headers.get("Content-Type", "").startswith("application/json") else {}
            )
            if answer.status_code == 200 and data.get("ok"):
                card.update(typed, revision=data["revision"])
            else:
                answer.failure(f"{answer.status_code} {str(data)[:200]}")

    @task(40)
    def step_page(self) -> None:
        key, label = next(self.steps)
        self.open_step(key, label)

    @task(1)
    def pdf(self) -> None:
        with self.client.get(
            f"/meetings/{self.plan['meeting']}/export/team/pdf/", name="pdf", catch_response=True
        ) as pdf:
            if pdf.status_code != 200 or not pdf.content.startswith(b"%PDF"):
                pdf.failure(f"{pdf.status_code} {pdf.headers.get('Content-Type')}")


@events.init.add_listener
def measure_after_settling(environment, **_kwargs) -> None:
    """Start the statistics once the ramp's logins have been served (see the module's docstring)."""

    def reset(user_count: int) -> None:
        environment.stats.reset_all()
        print(f"== {user_count} 名撰稿人全部开始后 {SETTLE:.0f} 秒：开始统计 / statistics start")

    def ramp_done(user_count, **_kwargs) -> None:
        gevent.spawn_later(SETTLE, reset, user_count)

    environment.events.spawning_complete.add_listener(ramp_done)


@events.quitting.add_listener
def summary(environment, **_kwargs) -> None:
    """p50/p95 per request type, errors, requests per second, and the targets."""
    stats = environment.stats
    print("\n== 负载测试结果 / load test summary")
    print(f"{'请求 / request':<20}{'次数':>8}{'错误':>6}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}  目标")
    for entry in sorted(stats.entries.values(), key=lambda e: e.name):
        p50, p95 = entry.get_response_time_percentile(0.5), entry.get_response_time_percentile(0.95)
        kind = "autosave" if entry.name == "autosave" else "page" if entry.name.startswith("page ") else None
        verdict = ""
        if kind:
            ok = p95 <= TARGETS[kind] * 1000 and not entry.num_failures
            verdict = (
                f"p95 ≤ {TARGETS[kind] * 1000:.0f} ms, 0 错误: {'达标 / met' if ok else '未达标 / NOT met'}"
            )
        print(
            f"{entry.name:<20}{entry.num_requests:>8}{entry.num_failures:>6}{p50:>9.0f}{p95:>9.0f}"
            f"{entry.total_rps:>8.1f}  {verdict}"
        )
    total = stats.total
    print(
        f"{'合计 / total':<20}{total.num_requests:>8}{total.num_failures:>6}"
        f"{total.get_response_time_percentile(0.5):>9.0f}{total.get_response_time_percentile(0.95):>9.0f}"
        f"{total.total_rps:>8.1f}"
    )
    for error in stats.errors.values():
        print(f"  错误 / error: {error.method} {error.name}: {error.error} ×{error.occurrences}")
    load = os.getloadavg()
    print(
        f"机器：{os.cpu_count()} 核；结束时平均负载 {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
        "（1/5/15 分钟）"
    )
