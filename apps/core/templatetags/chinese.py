from django import template

from apps.core import numbering

register = template.Library()


@register.filter
def cn_heading(n: int) -> str:
    return numbering.heading_marker(int(n))


@register.filter
def cn_subheading(n: int) -> str:
    return numbering.subheading_marker(int(n))


@register.filter
def cn_inline(n: int, verb: str = "是") -> str:
    return numbering.inline_marker(int(n), verb)


@register.filter
def cn_date(value) -> str:
    """2026年1月5日: Arabic digits, no zero padding, as official documents write dates."""
    if not value:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"
