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


register.filter("cn_date", numbering.cn_date)
