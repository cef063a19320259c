import pytest

from apps.core.numbering import chinese_numeral, heading_marker, inline_marker, subheading_marker


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (999, "九百九十九"),
    ],
)
def test_chinese_numerals(number, expected):
    assert chinese_numeral(number) == expected


def test_markers_for_each_level():
    assert heading_marker(3) == "三、"
    assert subheading_marker(12) == "（十二）"
    assert inline_marker(2) == "二是"
    assert inline_marker(4, "要") == "四要"


@pytest.mark.parametrize("number", [0, -1, 1000])
def test_out_of_range_numbers_are_refused(number):
    with pytest.raises(ValueError):
        chinese_numeral(number)
