import datetime

import pytest
from django.db import IntegrityError, transaction

from apps.units.models import Member, Unit


def test_members_are_listed_in_official_order_not_alphabetically(unit):
    Member.objects.create(unit=unit, name="阿委员", position=4)
    assert [m.name for m in unit.members.all()] == ["赵书记", "钱副书记", "孙委员", "阿委员"]


def test_member_positions_are_unique_in_a_unit(unit, other_unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(unit=unit, name="重复", position=1)
    Member.objects.create(unit=other_unit, name="另一单位第二", position=2)


def test_active_on_keeps_members_serving_on_the_day(unit):
    unit.members.filter(name="赵书记").update(active_to=datetime.date(2030, 12, 31))
    unit.members.filter(name="孙委员").update(active_from=datetime.date(2031, 3, 1))
    serving = unit.members.active_on(datetime.date(2031, 1, 5))
    assert [m.name for m in serving] == ["钱副书记"]


def test_service_period_must_not_end_before_it_starts(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(
            unit=unit,
            name="倒序",
            position=9,
            active_from=datetime.date(2031, 1, 1),
            active_to=datetime.date(2030, 1, 1),
        )


def test_unit_cannot_be_its_own_parent(unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=unit.pk).update(parent=unit)


def test_names_are_stored_clean(db):
    unit = Unit.objects.create(name="  测试\u0007单位\n党委 ")
    unit.refresh_from_db()
    assert unit.name == "测试单位 党委"
    assert str(unit) == "测试单位 党委"
