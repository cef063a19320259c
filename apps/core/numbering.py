"""Chinese numbering, done by the system so that users never type numbers."""

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (for 1 ≤ n ≤ 999)."""
    if not 1 <= n <= 999:
        raise ValueError(f"cannot write {n} as a Chinese list number")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    parts = []
    if hundreds:
        parts.append(_DIGITS[hundreds] + "百")
        if rest and tens == 0:
            parts.append("零")
    if tens:
        parts.append(("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十")
    if ones:
        parts.append(_DIGITS[ones])
    return "".join(parts)


def heading_marker(n: int) -> str:
    """Level 1: 一、"""
    return f"{chinese_numeral(n)}、"


def subheading_marker(n: int) -> str:
    """Level 2: （一）"""
    return f"（{chinese_numeral(n)}）"


def inline_marker(n: int, verb: str = "是") -> str:
    """Inline enumerations: 一是 for problems and steps, 一要 for measure sub-items."""
    return f"{chinese_numeral(n)}{verb}"


def cn_date(value) -> str:
    """2026年1月5日: Arabic digits, no zero padding, as official documents write dates (GB/T 9704 §7.3.5)."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""
