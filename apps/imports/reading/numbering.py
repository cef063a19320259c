"""Word's automatic numbering: the number a paragraph shows but its text does not hold.

A paragraph is numbered by ``w:numPr`` (numId + ilvl) in its own properties or in its paragraph
style (following ``basedOn``); ``numId`` 0 switches numbering off. ``w:num`` points at a
``w:abstractNum`` whose ``w:lvl`` give the start, the format (decimal, chineseCounting …) and the
text (``%1、``, ``（%1）``, ``第%1条``); ``lvlOverride/startOverride`` in the ``w:num`` restart a
list. Counters are kept per ``w:num``; using a level restarts the levels below it, as Word does.
"""

from dataclasses import dataclass, field

from apps.core.numbering import chinese_numeral

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _chinese(n: int) -> str:
    return chinese_numeral(n) if 1 <= n <= 999 else str(n)


def format_number(n: int, fmt: str) -> str:
    """``n`` as Word prints it in the numbering format ``fmt``."""
    if fmt in ("decimal", "") or n < 1 and fmt not in ("none", "bullet"):
        return str(n)
    formats = {
        "decimalZero": lambda: f"{n:02d}",
        "decimalFullWidth": lambda: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "decimalFullWidth2": lambda: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "decimalHalfWidth": lambda: str(n),
        "chineseCounting": lambda: _chinese(n),
        "chineseCountingThousand": lambda: _chinese(n),
        "taiwaneseCounting": lambda: _chinese(n),
        "taiwaneseCountingThousand": lambda: _chinese(n),
        "japaneseCounting": lambda: _chinese(n),
        "ideographDigital": lambda: "".join(_IDEOGRAPH_DIGITS[int(d)] for d in str(n)),
        "taiwaneseDigital": lambda: "".join(_IDEOGRAPH_DIGITS[int(d)] for d in str(n)),
        "chineseLegalSimplified": lambda: "".join(_LEGAL_DIGITS[int(d)] for d in str(n)),
        "ideographLegalTraditional": lambda: "".join(_LEGAL_DIGITS[int(d)] for d in str(n)),
        "ideographTraditional": lambda: _HEAVENLY_STEMS[(n - 1) % 10],
        "ideographZodiac": lambda: _EARTHLY_BRANCHES[(n - 1) % 12],
        "decimalEnclosedCircle": lambda: chr(0x2460 + n - 1) if n <= 20 else str(n),
        "decimalEnclosedCircleChinese": lambda: chr(0x2460 + n - 1) if n <= 20 else str(n),
        "decimalEnclosedParen": lambda: chr(0x2474 + n - 1) if n <= 20 else f"({n})",
        "decimalEnclosedFullstop": lambda: chr(0x2488 + n - 1) if n <= 20 else f"{n}.",
        "ideographEnclosedCircle": lambda: chr(0x3220 + n - 1) if n <= 10 else str(n),
        "upperLetter": lambda: _letters(n).upper(),
        "lowerLetter": lambda: _letters(n),
        "upperRoman": lambda: _roman(n).upper(),
        "lowerRoman": lambda: _roman(n),
        "none": lambda: "",
        "bullet": lambda: "",
    }
    return formats.get(fmt, lambda: str(n))()


@dataclass
class Level:
    start: int = 0  # the schema's default when w:start is absent
    fmt: str = "decimal"
    text: str = ""
    style: str = ""  # a paragraph style bound to this level (w:pStyle inside w:lvl)
    restart_after: int | None = None  # w:lvlRestart: restart only after this level (1-based)


@dataclass
class ListState:
    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)


def _val(element, path: str, default: str | None = None) -> str | None:
    found = element.find(path) if element is not None else None
    return found.get(f"{W}val", default) if found is not None else default


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl) -> Level:
    restart = _val(lvl, f"{W}lvlRestart")
    return Level(
        start=_int(_val(lvl, f"{W}start"), 0),
        fmt=_val(lvl, f"{W}numFmt", "decimal") or "decimal",
        text=_val(lvl, f"{W}lvlText", "") or "",
        style=_val(lvl, f"{W}pStyle", "") or "",
        restart_after=_int(restart, 0) if restart is not None else None,
    )


class Numbering:
    """The numbering definitions of one document and the counters while reading it in order."""

    def __init__(self, abstract: dict[str, dict[int, Level]], nums: dict[str, dict[int, Level]], styles):
        self.abstract = abstract
        self.nums = nums
        self.styles = styles  # style id → (numId, ilvl, basedOn)
        self.state: dict[str, ListState] = {}

    @classmethod
    def from_parts(cls, numbering_xml, styles_xml) -> "Numbering":
        abstract: dict[str, dict[int, Level]] = {}
        nums: dict[str, dict[int, Level]] = {}
        if numbering_xml is not None:
            for node in numbering_xml.iter(f"{W}abstractNum"):
                levels = {_int(lvl.get(f"{W}ilvl"), 0): _level(lvl) for lvl in node.iter(f"{W}lvl")}
                abstract[node.get(f"{W}abstractNumId", "")] = levels
            for node in numbering_xml.iter(f"{W}num"):
                base = abstract.get(_val(node, f"{W}abstractNumId", "") or "", {})
                levels = {ilvl: Level(**vars(level)) for ilvl, level in base.items()}
                for override in node.iter(f"{W}lvlOverride"):
                    ilvl = _int(override.get(f"{W}ilvl"), 0)
                    lvl = override.find(f"{W}lvl")
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                    start = _val(override, f"{W}startOverride")
                    if start is not None:
                        levels.setdefault(ilvl, Level()).start = _int(start, 0)
                nums[node.get(f"{W}numId", "")] = levels
        styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        if styles_xml is not None:
            for style in styles_xml.iter(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                styles[style.get(f"{W}styleId", "")] = (
                    _val(num_pr, f"{W}numId"),
                    _val(num_pr, f"{W}ilvl"),
                    _val(style, f"{W}basedOn"),
                )
        return cls(abstract, nums, styles)

    def _from_style(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            num_id, ilvl, based_on = self.styles[style_id]
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def label(self, paragraph) -> str:
        """The number Word shows in front of ``paragraph`` (empty if none), counting it."""
        ppr = paragraph.find(f"{W}pPr")
        style_id = _val(ppr, f"{W}pStyle")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id, ilvl = _val(num_pr, f"{W}numId"), _val(num_pr, f"{W}ilvl")
        if num_id is None:
            num_id, style_ilvl = self._from_style(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        levels = self.nums[num_id]
        if ilvl is None:  # a style bound to a level names it in the level, not in numPr
            ilvl = next((str(i) for i, level in levels.items() if style_id and level.style == style_id), "0")
        return self._count(num_id, _int(ilvl, 0))

    def _count(self, num_id: str, ilvl: int) -> str:
        state = self.state.setdefault(num_id, ListState(self.nums[num_id]))
        level = state.levels.get(ilvl, Level())
        state.counters[ilvl] = state.counters.get(ilvl, level.start - 1) + 1
        for lower in [i for i in state.counters if i > ilvl]:
            restart_after = state.levels.get(lower, Level()).restart_after
            if restart_after is None or (restart_after != 0 and restart_after - 1 >= ilvl):
                del state.counters[lower]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for i in range(9):
            placeholder = f"%{i + 1}"
            if placeholder in text:
                other = state.levels.get(i, Level())
                value = state.counters.get(i, other.start)
                text = text.replace(placeholder, format_number(value, other.fmt))
        return text
