"""The ways into the 统计看板 from other pages: ``{% load dashboards %}``

- ``{% dashboards_nav_item %}`` in the top bar, for administrators and organisation departments
  (decided at login: apps/dashboards/receivers.py);
- ``{% organisation_dashboards %}`` on 工作台: a link to the subtree dashboard of each unit the user
  reads as an organisation department (its units are not listed one by one there).
"""

from django import template

from apps.accounts import access
from apps.dashboards.receivers import shows_dashboards

register = template.Library()


@register.inclusion_tag("dashboards/_nav_item.html", takes_context=True)
def dashboards_nav_item(context) -> dict:
    request = context.get("request")
    return {"show": request is not None and shows_dashboards(request)}


@register.inclusion_tag("dashboards/_organisation_card.html", takes_context=True)
def organisation_dashboards(context) -> dict:
    user = context["request"].user
    if access.is_admin(user) or not shows_dashboards(context["request"]):
        return {"roots": []}
    return {"roots": list(access.organisation_roots(user).order_by("name"))}
