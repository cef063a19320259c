import pytest

from apps.core.text import clean_line, clean_text, strip_typed_numbering


@pytest.mark.parametrize(
    "brk", ["\u000b", "\u2028", "\u000c"], ids=["manual-line-break", "line-separator", "page-break"]
)
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("对标对表", "不够"),  # inside a sentence
        ("存在“重业务", "轻党建”倾向"),  # inside quotes
        ("学习，", "研讨"),  # after a comma
        ("一是……；", "二是"),  # a semicolon does not end the sentence
    ],
)
def test_a_break_inside_a_sentence_joins_the_sentence(brk, before, after):
    assert clean_text(f"{before}{brk}{after}。") == f"{before}{after}。"


@pytest.mark.parametrize(
    "brk", ["\u000b", "\u2028", "\u000c"], ids=["manual-line-break", "line-separator", "page-break"]
)
@pytest.mark.parametrize(
    "before",
    [
        "学习不够深入。",
        "真的吗？",
        "必须改正！",
        "Done!",
        "Why?",
        "等等……",
        "主要表现在：",
        "如下:",
        "他说：“改正。”",
        "（已整改。）",
    ],
)
def test_a_break_after_the_end_of_a_sentence_starts_a_paragraph(brk, before):
    assert clean_text(f"{before}{brk}下一段") == f"{before}\n下一段"


def test_blanks_around_a_break_go_with_it():
    assert clean_text("对标 \u000b\u3000 不够。 \u2028\t下一段") == "对标不够。\n下一段"
    assert clean_text("甲\u000b\u000b乙") == "甲乙"  # two breaks in a row are still one join


def test_a_break_between_latin_words_or_numbers_keeps_a_space():
    assert clean_text("use the word\u000bprocessor") == "use the word processor"
    assert clean_text("共 2023\u000b 2024 两年") == "共 2023 2024 两年"
    assert clean_text("end.\u000bNext") == "end. Next"
    assert clean_text("学习word\u000b文档") == "学习word文档"  # Latin beside Chinese: no space


def test_paragraph_breaks_stay_paragraph_breaks():
    assert clean_text("第一段\u2029第二段") == "第一段\n第二段"
    assert clean_text("第一段\r\n第二段") == "第一段\n第二段"
    assert clean_text("没有句号\n也是新段") == "没有句号\n也是新段"
    assert clean_text("半句\u000b\n新段") == "半句\n新段"  # the typed Enter is kept


def test_a_break_at_either_end_disappears():
    assert clean_text("\u000b开头和结尾\u000c") == "开头和结尾"


def test_every_break_of_a_long_text_is_judged_on_its_own():
    text = "对标对表\u000b不够。\u000b" * 5000
    assert clean_text(text) == "\n".join(["对标对表不够。"] * 5000)


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
