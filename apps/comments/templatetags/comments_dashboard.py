"""工作台's card of the comments waiting for the user:
``{% load comments_dashboard %}{% comments_to_answer %}``."""

from django import template

from apps.comments import anchors, selectors

register = template.Library()


@register.inclusion_tag("comments/_dashboard_card.html", takes_context=True)
def comments_to_answer(context) -> dict:
    threads = selectors.to_answer(context["request"].user)
    for thread in threads:
        thread.label = anchors.label(thread)
    return {"threads": threads}
