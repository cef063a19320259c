"""The bell in the top bar: {% load notifications %}{% notification_bell %}."""

from django import template

from apps.notifications.services import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context) -> dict:
    user = context["request"].user if "request" in context else context.get("user")
    return {"unread": unread_count(user) if user is not None else 0}
