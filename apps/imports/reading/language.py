"""A source must be Chinese: a material in another language cannot be a 对照检查材料."""

import re

from apps.imports.errors import ImportRefused

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
# Real drafts carry some Latin (pinyin abbreviations such as mzshh, placeholders xx, names of
# documents): refuse only a text whose letters are mostly not Chinese.
MIN_CJK_SHARE = 0.5

NO_TEXT = "文件里没有文字内容，无法导入。"
NOT_CHINESE = "这份文件的内容主要不是中文，不像是对照检查材料，无法导入。请确认选择的文件是否正确。"


def cjk_share(text: str) -> tuple[int, float]:
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return cjk, (cjk / (cjk + latin) if cjk + latin else 0.0)


def is_chinese(lines: list[str]) -> bool:
    cjk, share = cjk_share("".join(lines))
    return cjk > 0 and share >= MIN_CJK_SHARE


def check_chinese(lines: list[str]) -> None:
    if not any(lines):
        raise ImportRefused(NO_TEXT)
    if not is_chinese(lines):
        raise ImportRefused(NOT_CHINESE)
