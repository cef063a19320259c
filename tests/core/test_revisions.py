import pytest

from apps.core.revisions import EditConflict, Expected, save_revision
from apps.entries import services
from apps.entries.models import Problem


@pytest.fixture
def problem(meeting):
    material = meeting.materials.get()
    return services.problem_add(material=material, aspect=meeting.outline.aspects.first(), headline="原标题")


def test_a_save_at_the_current_revision_writes_and_bumps_it(problem):
    problem.headline = "新标题"
    save_revision(problem, ["headline"], expected=1)
    stored = Problem.objects.get(pk=problem.pk)
    assert (stored.headline, stored.revision, problem.revision) == ("新标题", 2, 2)


def test_a_save_from_an_older_revision_raises_with_both_texts_and_writes_nothing(problem):
    first = Problem.objects.get(pk=problem.pk)
    first.headline = "甲的标题"
    save_revision(first, ["headline"], expected=1)

    second = Problem.objects.get(pk=problem.pk)
    second.headline = "乙的标题"
    with pytest.raises(EditConflict) as caught:
        save_revision(second, ["headline"], expected=1)
    assert caught.value.changed == {"headline": ("乙的标题", "甲的标题")}
    assert caught.value.current.revision == 2
    assert Problem.objects.get(pk=problem.pk).headline == "甲的标题"


def test_a_stale_save_of_identical_text_is_not_a_conflict(problem):
    other = Problem.objects.get(pk=problem.pk)
    other.elaboration = "同样的内容"
    save_revision(other, ["elaboration"], expected=1)
    problem.elaboration = "同样的内容"
    save_revision(problem, ["elaboration"], expected=1)
    assert Problem.objects.get(pk=problem.pk).revision == 3


def test_saved_text_is_cleaned_like_a_normal_save(problem):
    problem.headline = "带\x07控制字符\x0b的标题"
    save_revision(problem, ["headline"], expected=1)
    assert Problem.objects.get(pk=problem.pk).headline == "带控制字符的标题"  # a mid-sentence break joins


def test_many_to_many_links_take_part_in_the_conflict(meeting, problem):
    material = problem.material
    cause = services.cause_add(material=material, headline="原因")
    mine = type(cause).objects.get(pk=cause.pk)
    save_revision(cause, [], expected=1, m2m={"problems": [problem.pk]})
    with pytest.raises(EditConflict) as caught:
        save_revision(mine, [], expected=1, m2m={"problems": []})
    assert caught.value.changed == {"problems": ([], [problem.pk])}


def test_links_the_editors_page_did_not_show_are_left_as_they_are(problem):
    """The form's empty list for a link group that was not on the page (it is absent from the
    base) is no edit: the stored links stay, on a save at the current revision as on a stale one."""
    cause = services.cause_add(material=problem.material, headline="原因", problems=[problem])
    cause.headline = "新原因"
    save_revision(cause, ["headline"], Expected(1, {"headline": "原因"}), m2m={"problems": []})
    stored = type(cause).objects.get(pk=cause.pk)
    assert (stored.headline, list(stored.problems.all())) == ("新原因", [problem])
