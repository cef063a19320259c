import pytest

from apps.core.ordering import next_position, reorder
from apps.units.models import Member


def test_next_position_follows_the_last(unit):
    assert next_position(unit.members.all()) == 4
    assert next_position(Member.objects.none()) == 1


def test_reorder_gives_positions_in_the_new_order(unit):
    ids = list(unit.members.order_by("position").values_list("pk", flat=True))
    reorder(unit.members.all(), [ids[2], ids[0], ids[1]])
    assert list(unit.members.order_by("position").values_list("pk", flat=True)) == [ids[2], ids[0], ids[1]]
    assert list(unit.members.order_by("position").values_list("position", flat=True)) == [1, 2, 3]


@pytest.mark.parametrize("change", ["missing", "duplicate", "foreign"])
def test_reorder_refuses_an_incomplete_list_and_changes_nothing(unit, other_unit, change):
    ids = list(unit.members.order_by("position").values_list("pk", flat=True))
    bad = {
        "missing": ids[:2],
        "duplicate": [ids[0], ids[0], ids[1]],
        "foreign": [*ids[:2], other_unit.members.get().pk],
    }[change]
    with pytest.raises(ValueError):
        reorder(unit.members.all(), bad)
    assert list(unit.members.order_by("position").values_list("pk", flat=True)) == ids
