"""Rules over the wording of each text: what a reviewer circles in red on the paper."""

from __future__ import annotations

import re
from collections.abc import Sequence

from apps.checks.findings import ERROR, WARNING, Finding
from apps.checks.loaded import Text
from apps.exports.coverage import missing_glyphs

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# xx, xxx, XX, ××, **, *, ＊, 某某, x次 / x个 …, x.xx: what drafters type for a number or a name
# they fill in later. An x inside an English word (box, Excel) is not one.
PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])[xX]{2,}(?![A-Za-z])"
    r"|×{2,}|[*＊]+|某某"
    r"|(?<![A-Za-z])[xX](?:\.[xX]+)?(?=[次个名人项条年月日天场件篇份期批家万亿%％])"
    r"|(?<![A-Za-z])[xX]\.[xX]+(?![A-Za-z])"
    r"|\d+\.[xX]+(?![A-Za-z])"
)

# Pinyin abbreviations pasted from web sources (written so to dodge keyword filters); the known ones
# are named, any other run of lowercase Latin letters touching Chinese text is flagged as well.
KNOWN_PINYIN = {
    "mzshh": "民主生活会",
    "zzshh": "组织生活会",
    "dangshi": "党史",
    "dangjian": "党建",
    "dj": "党建",
    "zzb": "组织部",
    "jw": "纪委",
    "jjjc": "纪检监察",
    "zhuti": "主题",
    "gb": "干部",
    "sjxx": "四风问题",
}
LOWERCASE_RUN = re.compile(r"(?<![A-Za-z0-9@./_-])[a-z]{2,}(?![A-Za-z0-9@/_-])")
HAS_CJK = re.compile(f"[{CJK}]")
URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+")

HALFWIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）"}
HALFWIDTH_CHARS = re.compile(r"[,:;()]")
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")

DOUBLED_QUOTE = re.compile(r"““|””|‘‘|’’")

EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f1e6-\U0001f1ff\u2b00-\u2bff\ufe0f\u200d]"
)


def _finding(code: str, severity: str, text: Text, message: str) -> Finding:
    place = text.place
    return Finding(code, severity, place.where, message, place.entry_type, place.entry_id, place.field)


def _quote(found: Sequence[str], limit: int = 5) -> str:
    shown = list(dict.fromkeys(found))[:limit]
    return "、".join(f"“{item}”" for item in shown) + ("等" if len(set(found)) > limit else "")


def placeholder(texts: Sequence[Text], ctx) -> list[Finding]:
    findings = []
    for text in texts:
        found = [match.group() for match in PLACEHOLDER.finditer(text.text)]
        if found:
            message = f"留有占位符{_quote(found)}：请换成实际的名称、数字或日期后再提交、导出。"
            findings.append(_finding("placeholder", ERROR, text, message))
    return findings


def _pinyin_runs(text: str) -> list[str]:
    if not HAS_CJK.search(text):
        return []
    without_urls = URL.sub(" ", text)
    runs = []
    for match in LOWERCASE_RUN.finditer(without_urls):
        run = match.group()
        if set(run) <= {"x"}:
            continue  # xx is a placeholder, reported by its own rule
        runs.append(run)
    return runs


def pinyin_abbreviation(texts: Sequence[Text], ctx) -> list[Finding]:
    findings = []
    for text in texts:
        runs = _pinyin_runs(text.text)
        if not runs:
            continue
        named = [f"“{run}”应为“{KNOWN_PINYIN[run]}”" for run in dict.fromkeys(runs) if run in KNOWN_PINYIN]
        others = [run for run in runs if run not in KNOWN_PINYIN]
        parts = named + ([_quote(others)] if others else [])
        message = f"正文中有拼音缩写{'，'.join(parts)}：请改写为汉字全称（多见于从网上复制的文字）。"
        findings.append(_finding("pinyin_abbreviation", ERROR, text, message))
    return findings


def _halfwidth_marks(text: str) -> list[str]:
    marks = []
    for match in HALFWIDTH_CHARS.finditer(text):
        start = match.start()
        before = text[start - 1] if start else ""
        after = text[start + 1] if start + 1 < len(text) else ""
        touches_chinese = bool(HAS_CJK.match(before) or HAS_CJK.match(after))
        touches_latin = bool(ASCII_ALNUM.match(before) or ASCII_ALNUM.match(after))
        if touches_chinese and not touches_latin:
            marks.append(match.group())
    return marks


def halfwidth_punctuation(texts: Sequence[Text], ctx) -> list[Finding]:
    findings = []
    for text in texts:
        marks = _halfwidth_marks(text.text)
        if marks:
            fixes = "、".join(f"“{m}”改为“{HALFWIDTH[m]}”" for m in dict.fromkeys(marks))
            message = f"中文之间用了半角标点（{len(marks)}处）：请把{fixes}。"
            findings.append(_finding("halfwidth_punctuation", WARNING, text, message))
    return findings


def doubled_quote(texts: Sequence[Text], ctx) -> list[Finding]:
    findings = []
    for text in texts:
        found = DOUBLED_QUOTE.findall(text.text)
        if found:
            message = f"引号重复{_quote(found)}：请删去多余的一个，成对使用“”。"
            findings.append(_finding("doubled_quote", WARNING, text, message))
    return findings


def stock_phrase(texts: Sequence[Text], ctx) -> list[Finding]:
    findings = []
    for text in texts:
        for phrase in ctx.stock_phrases:
            if phrase.phrase in text.text:
                advice = phrase.advice or "请换成具体的事实和表述。"
                message = f"“{phrase.phrase}”是督导组常删的套话：{advice}"
                findings.append(_finding("stock_phrase", WARNING, text, message))
    return findings


def emoji(texts: Sequence[Text], ctx) -> list[Finding]:
    findings = []
    for text in texts:
        found = [char for char in EMOJI.findall(text.text) if char not in "\ufe0f\u200d"]
        if found:
            message = (
                f"正文中有表情符号{_quote(found)}：公文中不用表情符号，请删除；"
                "Word 文件中它们可能显示为方框。"
            )
            findings.append(_finding("emoji", WARNING, text, message))
    return findings


def missing_glyph(texts: Sequence[Text], ctx) -> list[Finding]:
    findings = []
    for text in texts:
        if not text.text or text.text.isascii():
            continue
        found = [char for char in missing_glyphs(text.text) if not EMOJI.match(char)]
        if found:
            codes = "、".join(f"U+{ord(char):04X}" for char in found[:5])
            message = f"有导出字体中没有的字符（{codes}），导出后会显示为方框：请换成常用字或删除。"
            findings.append(_finding("missing_glyph", WARNING, text, message))
    return findings


VAGUE_SUBJECTS = re.compile("有的同志|个别同志|少数同志|有些同志|部分同志")
VAGUE_SUBJECT_LIMIT = 3  # a few are normal; more means problems are written without a subject


def vague_subject(texts: Sequence[Text], ctx) -> list[Finding]:
    hits = [(text, len(VAGUE_SUBJECTS.findall(text.text))) for text in texts]
    total = sum(count for _, count in hits)
    if total <= VAGUE_SUBJECT_LIMIT:
        return []
    first = next(text for text, count in hits if count)
    message = (
        f"“有的同志”“个别同志”等模糊主语共出现{total}次：督导组要求问题见人见事，"
        "请写明是班子、分管领域还是具体岗位的问题。"
    )
    return [_finding("vague_subject", WARNING, first, message)]
