"""The copy index kept fresh by the task queue: nightly on Huey's schedule, and queued when an import
commits (immediate mode in the tests: the task runs when the import's transaction commits)."""

import datetime

from huey.contrib.djhuey import HUEY

from apps.checks.models import IndexedMaterial, IndexedParagraph
from apps.checks.tasks import nightly_copy_index, refresh_copy_index
from apps.imports.parsing import propose
from apps.imports.services import REPLACE, commit
from tests.checks.helpers import add_problem, aspects_of

IMPORTED = [
    "测试局党委班子对照检查材料",
    "一、查摆的主要问题",
    "（一）带头学习测试内容方面",
    "一是导入的问题。导入之后这段文字应当进入查重索引，供下一次体检比对，所以要写得足够长才会被索引。",
]


def indexed_texts(material) -> set[str]:
    return set(IndexedParagraph.objects.filter(material=material).values_list("text", flat=True))


def test_the_index_is_refreshed_nightly_at_half_past_two(settings):
    assert settings.COPY_INDEX_HOUR == 2
    task = nightly_copy_index.s()
    day = datetime.datetime(2031, 6, 20)
    runs = [
        (h, m) for h in range(24) for m in range(60) if task.validate_datetime(day.replace(hour=h, minute=m))
    ]
    assert runs == [(2, 30)]
    assert task.name in {due.name for due in HUEY.read_periodic(day.replace(hour=2, minute=30))}


def test_the_refresh_task_indexes_the_changed_materials(meeting):
    team = meeting.materials.get(member=None)
    add_problem(team, aspects_of(meeting)[0], elaboration="一段足够长的文字，用来进入查重索引并被找到，" * 2)

    refresh_copy_index()  # immediate mode: runs now

    assert IndexedMaterial.objects.filter(material=team).exists()
    assert any("查重索引" in text for text in indexed_texts(team))


def test_an_import_commit_queues_the_refresh_after_its_transaction(
    meeting, django_capture_on_commit_callbacks
):
    team = meeting.materials.get(member=None)
    proposal = propose(IMPORTED, meeting, personal=False)

    with django_capture_on_commit_callbacks(execute=True) as queued:
        commit(proposal=proposal, material=team, mode=REPLACE)
        assert not indexed_texts(team)  # nothing before the commit

    assert queued  # the refresh was queued on commit, and (immediate mode) ran
    assert any("下一次体检" in text for text in indexed_texts(team))
