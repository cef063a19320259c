import pytest

from apps.core.text import clean_line, clean_text, strip_typed_numbering


def test_word_manual_line_break_becomes_a_newline():
    assert clean_text("第一行\u000b第二行") == "第一行\n第二行"


def test_control_characters_are_removed_and_the_rest_is_kept():
    assert clean_text("学习\u0000不够\u0007深入\ufffe。") == "学习不够深入。"


def test_chinese_punctuation_and_quotes_are_kept_as_typed():
    text = "“两个确立”（一）：学思想、强党性；——是否？！"
    assert clean_text(text) == text


def test_windows_line_endings_are_normalised():
    assert clean_text("甲\r\n乙\r丙") == "甲\n乙\n丙"


def test_clean_line_joins_lines_with_a_space():
    assert clean_line("  问题\n概括\t一  ") == "问题 概括 一"


def test_empty_values_become_empty_strings():
    assert clean_text(None) == ""
    assert clean_line("") == ""


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("一是理论学习不够深入", "理论学习不够深入"),
        ("二是、理论学习", "理论学习"),
        ("（一）理论学习", "理论学习"),
        ("(2) 理论学习", "理论学习"),
        ("1. 理论学习", "理论学习"),
        ("12、理论学习", "理论学习"),
        ("①理论学习", "理论学习"),
        ("第一，理论学习", "理论学习"),
        ("一、理论学习", "理论学习"),
        ("三要，抓好落实", "抓好落实"),
        # Words that merely start like a number stay whole.
        ("第一议题制度落实不够", "第一议题制度落实不够"),
        ("三要素不全", "三要素不全"),
        ("十分重视", "十分重视"),
        ("理论学习（一）", "理论学习（一）"),
    ],
)
def test_typed_numbering_is_stripped_from_the_start_only(typed, kept):
    assert strip_typed_numbering(typed) == kept
